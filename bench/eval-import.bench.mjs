// Issue 4 benchmark: importing evaluations built from the real Nixpkgs package set (129,815
// attributes; lines GENERATED in nix-eval-jobs shape, see support/universe-eval-lines.mjs).
// Baseline: raw COPY of the rows one full import stores, in the same run.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createRequire } from 'node:module';
import { Client, ROOT, runPhase } from './support/database.mjs';
import { evalLine, universeRows } from './support/universe-eval-lines.mjs';

const require = createRequire(import.meta.url);
const { to: copyTo, from: copyFrom } = require(require.resolve('pg-copy-streams', { paths: [path.join(ROOT, 'server')] }));
const TABLES = ['maintainer', 'derivation', 'derivation_meta', 'channel', 'evaluation', 'channel_member', 'channel_snapshot'];
const STORAGE_TABLES = ['maintainer', 'derivation', 'derivation_meta', 'channel_member', 'channel_snapshot', 'evaluation', 'evaluation_error'];
const rev = (label) => createHash('sha1').update(label).digest('hex');

async function query(url, sql, params = []) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function storageBytes(url) {
  const [row] = await query(url, `SELECT sum(pg_total_relation_size(t))::bigint AS bytes FROM unnest($1::regclass[]) t`, [STORAGE_TABLES]);
  return Number(row.bytes);
}

async function copyBaseline(sourceUrl, targetUrl) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-bench-evaldump-'));
  const source = new Client({ connectionString: sourceUrl });
  await source.connect();
  for (const table of TABLES) {
    await pipeline(source.query(copyTo(`COPY ${table} TO STDOUT`)), fs.createWriteStream(path.join(dir, table)));
  }
  await source.end();
  const target = new Client({ connectionString: targetUrl });
  await target.connect();
  const started = process.hrtime.bigint();
  await target.query('BEGIN');
  for (const table of TABLES) {
    await pipeline(fs.createReadStream(path.join(dir, table)), target.query(copyFrom(`COPY ${table} FROM STDIN`)));
  }
  await target.query('COMMIT');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await target.end();
  fs.rmSync(dir, { recursive: true, force: true });
  return seconds;
}

export default async function evalImportBench({ databases, log }) {
  const rows = universeRows();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-bench-evals-'));
  // Evaluation k of a channel: 1% of the packages (a different 1% each time) have a new version.
  const write = (k) => {
    const file = path.join(dir, `eval-${k}.jsonl`);
    fs.writeFileSync(file, rows.map((r, i) => evalLine(r, k > 0 && i % 100 === k)).join('\n') + '\n');
    return file;
  };
  const files = [0, 1, 2, 3, 4].map(write);
  const url = await databases.create();

  log(`full import of ${rows.length} generated lines…`);
  const full = await runPhase('phases/eval-import.mjs', [url, 'nixos-unstable', rev('u0'), files[0]]);
  const oneEvalBytes = await storageBytes(url);
  log('raw COPY of the same rows…');
  const copySeconds = await copyBaseline(url, await databases.create());
  log('second evaluation with 1% of the lines changed…');
  const small = await runPhase('phases/eval-import.mjs', [url, 'nixos-unstable', rev('u1'), files[1]]);
  log('3 channels × 5 evaluations…');
  for (const k of [2, 3, 4]) await runPhase('phases/eval-import.mjs', [url, 'nixos-unstable', rev(`u${k}`), files[k]]);
  for (const channel of ['nixos-25.05', 'nixpkgs-unstable']) {
    for (const k of [0, 1, 2, 3, 4]) await runPhase('phases/eval-import.mjs', [url, channel, rev(`${channel}${k}`), files[k]]);
  }
  const fifteenBytes = await storageBytes(url);
  fs.rmSync(dir, { recursive: true, force: true });

  return {
    name: 'evaluation import (real Nixpkgs package set, generated nix-eval-jobs lines)',
    figures: [
      ['lines per evaluation', rows.length, ''],
      ['full import', full.seconds, 's'],
      ['full import rate', rows.length / full.seconds, 'lines/s'],
      ['full import peak RSS', full.peakRssMb, 'MB'],
      ['raw COPY of the rows it stored (baseline)', copySeconds, 's'],
      ['import throughput / raw COPY throughput', copySeconds / full.seconds, '× (goal ≥ 0.4)'],
      ['import with 1% changed', small.seconds, 's'],
      ['full import / 1%-changed import', full.seconds / small.seconds, '× faster (goal ≥ 10)'],
      ['storage, one evaluation', oneEvalBytes / 1e6, 'MB'],
      ['storage, 3 channels × 5 evaluations', fifteenBytes / 1e6, 'MB'],
      ['15 evaluations / one evaluation', fifteenBytes / oneEvalBytes, '× (goal ≤ 2)'],
    ],
    counts: { full: full.counts, small: small.counts },
  };
}
