// Baseline: the same rows the ingester stored, loaded into a fresh database with plain COPY
// (text format, one COPY per table, in one transaction) — nothing to parse, hash or normalise.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { Client } = require(require.resolve('pg', { paths: [path.join(root, 'server')] }));
const { from: copyFrom } = require(require.resolve('pg-copy-streams', { paths: [path.join(root, 'server')] }));

export const TABLES = ['cve_source_record', 'cve_container', 'cve_description', 'cve_affected', 'cve_affected_version',
  'cve_reference', 'cve_problem_type', 'cve_metric', 'cve_cpe_match', 'cve'];

export default async function (url, dumpDir) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const table of TABLES) {
      const columns = fs.readFileSync(path.join(dumpDir, `${table}.columns`), 'utf8');
      await pipeline(fs.createReadStream(path.join(dumpDir, `${table}.copy`)), client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)));
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  return {};
}
