// Data and process helpers of the linkage benchmark (bench/linkage.bench.mjs):
//  - the 44k REAL CVE records of cisagov/vulnrichment @b0ed758, unpacked once into the tmp dir
//    (the same directory cve-ingest.bench.mjs uses);
//  - GENERATED CVE records for the 300k-scale phase: copies of real records given new ids
//    CVE-2090-NNNNNN and the vendor/product identity of a different real affected entry (a
//    seeded shuffle), so the matcher sees real-shaped records that name real products;
//  - phases run in child processes whose progress lines reach the terminal while they run.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, ROOT } from './database.mjs';

export const CVE_ARCHIVE = path.resolve(ROOT, '..', 'shared', 'data', 'cve-bulk', 'vulnrichment-b0ed758.tar.xz');
export const GENERATED_YEAR = 2090;
const GENERATOR_VERSION = 2;

/** The real records, unpacked once (shared with cve-ingest.bench.mjs). */
export function realCveDir() {
  const dir = path.join(os.tmpdir(), 'nixsec-bench-vulnrichment-b0ed758');
  if (!fs.existsSync(path.join(dir, '.complete'))) {
    if (!fs.existsSync(CVE_ARCHIVE)) throw new Error(`${CVE_ARCHIVE} is missing: the benchmark needs ../shared/data beside the project`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xJf', CVE_ARCHIVE, '-C', dir]);
    fs.writeFileSync(path.join(dir, '.complete'), '');
  }
  return dir;
}

function cveFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/^CVE-\d{4}-\d{4,}\.json$/.test(e.name)) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

/** mulberry32: a small seeded PRNG, so the generated set is the same on every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const namesProduct = (entry) => entry && typeof entry.product === 'string' && !/^(n\/?a|unknown|-)?$/i.test(entry.product.trim());
const IDENTITY_FIELDS = ['vendor', 'product', 'packageName', 'repo', 'collectionURL', 'cpes'];

function affectedLists(record) {
  const c = record.containers ?? {};
  return [c.cna?.affected, ...(Array.isArray(c.adp) ? c.adp.map((a) => a?.affected) : [])].filter(Array.isArray);
}

/**
 * GENERATED records: `count` copies of the real records (cycling through them in order), each with
 * the id CVE-2090-NNNNNN and every affected entry's vendor/product/packageName/repo/collectionURL/
 * cpes replaced by those of a randomly drawn real affected entry (seeded per record, so a smaller
 * set is a prefix of a larger one). Versions, descriptions, references and metrics stay those of
 * the copied record, and so do affected entries that name no product ("n/a").
 * Every generated record says so in cveMetadata.x_nixsecBenchGenerated. Cached in the tmp dir.
 */
export function generatedCveDir(realDir, count, log) {
  const dir = path.join(os.tmpdir(), `nixsec-bench-linkage-generated-v${GENERATOR_VERSION}-${count}`);
  if (fs.existsSync(path.join(dir, '.complete'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  const files = cveFiles(realDir);
  log(`generating ${count} GENERATED records from ${files.length} real ones into ${dir}…`);
  // Pass 1: the identities of every real affected entry that names a product.
  const identities = [];
  for (const file of files) {
    const record = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const list of affectedLists(record)) {
      for (const entry of list) {
        if (!namesProduct(entry)) continue;
        const identity = {};
        for (const f of IDENTITY_FIELDS) if (entry[f] !== undefined) identity[f] = entry[f];
        identities.push(identity);
      }
    }
  }
  const started = Date.now();
  let madeDir = null;
  let lastLog = started;
  for (let i = 0; i < count; i++) {
    const source = files[i % files.length];
    const text = fs.readFileSync(source, 'utf8');
    const record = JSON.parse(text);
    const oldId = record.cveMetadata?.cveId;
    const newId = `CVE-${GENERATED_YEAR}-${String(i + 1).padStart(6, '0')}`;
    const random = prng(20901 + i); // per record: a smaller set is a prefix of a larger one
    for (const list of affectedLists(record)) {
      for (const entry of list) {
        if (!namesProduct(entry)) continue; // "n/a" entries stay what they are
        const identity = identities[Math.floor(random() * identities.length)];
        for (const f of IDENTITY_FIELDS) delete entry[f];
        Object.assign(entry, identity);
      }
    }
    let out = JSON.stringify(record);
    if (oldId) out = out.split(oldId).join(newId);
    // The label, after the id replacement so that it keeps naming the real record copied.
    out = out.replace('"cveMetadata":{', `"cveMetadata":{"x_nixsecBenchGenerated":${JSON.stringify(`GENERATED by bench/support/linkage-data.mjs: copy of real ${oldId} with a new id and the vendor/product/package/repo/CPEs of other real affected entries`)},`);
    const number = String(i + 1).padStart(6, '0');
    const sub = path.join(dir, String(GENERATED_YEAR), `${number.slice(0, -3)}xxx`);
    if (sub !== madeDir) fs.mkdirSync((madeDir = sub), { recursive: true });
    fs.writeFileSync(path.join(sub, `${newId}.json`), out);
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      log(`  generated ${i + 1}/${count} (${Math.round((i + 1) / ((Date.now() - started) / 1000))}/s)`);
    }
  }
  fs.writeFileSync(path.join(dir, '.complete'), '');
  return dir;
}

export async function query(url, sql, params = []) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A copy of a bench database (CREATE DATABASE … TEMPLATE), dropped with the others at the end. */
export async function cloneDatabase(sourceUrl, suffix) {
  const source = new URL(sourceUrl);
  const name = `${process.env.NIXSEC_TEST_DB_PREFIX}bench_${suffix}`;
  const admin = new Client({ connectionString: process.env.NIXSEC_TEST_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${decodeURIComponent(source.pathname.slice(1))}"`);
  } finally {
    await admin.end();
  }
  source.pathname = `/${name}`;
  return source.toString();
}

/**
 * Runs bench/<module> in a child process through support/run-phase.mjs (so its time and peak RSS
 * are its own, like runPhase), passing its stderr through line by line as progress.
 * NIXSEC_BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every phase there.
 */
export function runLivePhase(module, args, log) {
  const execArgv = process.env.NIXSEC_BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.NIXSEC_BENCH_CPU_PROF] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...execArgv, path.join(ROOT, 'bench', 'support', 'run-phase.mjs'), module, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let errTail = '';
    let partial = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      errTail = (errTail + d).slice(-8000);
      const lines = (partial + d).split('\n');
      partial = lines.pop();
      for (const line of lines) if (line.trim()) log(`  ${line}`);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${module} failed (exit ${code}): ${errTail}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop()));
    });
  });
}
