import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { pgPool } from '../../server/src/database/pg-pool';
import { CveListIngester } from '../../server/src/ingestion/cve-list/cve-list.ingester';
import { TestApp } from '../../server/src/testing/test-app';

export const CVE_FIXTURES = path.join(__dirname, '..', 'fixtures', 'cve');

export function cveFixtureFiles(): string[] {
  return fs.readdirSync(CVE_FIXTURES).filter((f) => /^CVE-.*\.json$/.test(f)).sort();
}

/** A temporary directory holding copies of the real fixture records (optionally a subset). */
export function copyFixtures(files = cveFixtureFiles()): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-cves-'));
  for (const f of files) fs.copyFileSync(path.join(CVE_FIXTURES, f), path.join(dir, f));
  return dir;
}

export function ingester(t: TestApp): CveListIngester {
  return new CveListIngester(pgPool(t.app.get(DataSource)));
}

export async function sql<T = Record<string, unknown>>(t: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  return t.app.get(DataSource).query(text, params);
}

export async function gql(t: TestApp, query: string, variables: Record<string, unknown> = {}) {
  const res = await request(t.url).post('/graphql').send({ query, variables });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}

/** Row counts of every CVE table: a fingerprint of what is stored. */
export async function tableCounts(t: TestApp): Promise<Record<string, number>> {
  const tables = ['cve', 'cve_source_record', 'cve_container', 'cve_description', 'cve_affected', 'cve_affected_version',
    'cve_reference', 'cve_problem_type', 'cve_metric', 'cve_cpe_match'];
  const out: Record<string, number> = {};
  for (const table of tables) out[table] = Number((await sql<{ n: string }>(t, `SELECT count(*) AS n FROM ${table}`))[0].n);
  return out;
}
