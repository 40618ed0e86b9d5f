import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { pgPool } from '../../server/src/database/pg-pool';
import { EvaluationImporter } from '../../server/src/ingestion/evaluations/evaluation-importer';
import { CVE_LIST_JOB, NVD_JOB } from '../../server/src/ingestion/jobs/cve-ingestion.jobs';
import { readNvdFixture, startFakeNvdServer } from '../../server/src/ingestion/nvd/__tests__/fake-nvd-server';
import { JobQueueService } from '../../server/src/jobs/job-queue.service';
import { LINK_CVES_JOB, LINKAGE_RUN_JOB } from '../../server/src/linkage/jobs/linkage.jobs';
import { startTestApp, TestApp } from '../../server/src/testing/test-app';
import { copyFixtures, gql, sql } from '../ingestion/support';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const readLines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
async function* iterate(lines: string[]) {
  yield* lines;
}

/** Polls until `check` returns something, or fails after `ms`. */
async function eventually<T>(what: string, check: () => Promise<T | null | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const suggestion = async (t: TestApp, cveId: string) =>
  (await gql(t, `{ suggestion(cveId: "${cveId}") { cveId status groupCount packages { displayAttr } } }`)).suggestion;
const jobRuns = async (t: TestApp, kind: string) => (await gql(t, `{ jobRuns(kind: "${kind}") { status counts } }`)).jobRuns;

/** The app consuming jobs, with no linkage schedule (only what ingestion queues links anything), and the channel imported. */
async function startApp(env: Record<string, string> = {}): Promise<TestApp> {
  const t = await startTestApp({ env: { NIXSEC_RUN_JOBS: 'true', NIXSEC_LINKAGE_CRON: 'off', NIXSEC_CVE_LIST_CRON: 'off', ...env } });
  const lines = [...readLines(path.join(FIXTURES, 'linkage', 'db', 'nixos-unstable.jsonl')), ...readLines(path.join(FIXTURES, 'nixpkgs', 'eval-sample.jsonl'))];
  await new EvaluationImporter(pgPool(t.app.get(DataSource))).import(
    { name: 'nixos-unstable', release: 'unstable', variant: 'nixos' }, 'a'.repeat(40), iterate(lines), { source: 'test' },
  );
  return t;
}

describe('a CVE committed by an ingestion job is linked right away, without waiting for the scheduled linkage run', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  async function ingestThroughTheQueue(files: string[]): Promise<void> {
    const before = (await jobRuns(t, CVE_LIST_JOB)).length;
    await t.app.get(JobQueueService).enqueue(CVE_LIST_JOB, { input: copyFixtures(files) });
    await eventually('the CVE List job', async () => {
      const runs = await jobRuns(t, CVE_LIST_JOB);
      return runs.length > before && runs[0].status !== 'RUNNING' ? runs[0] : null;
    });
  }

  it('a new CVE from a CVE List run gets its suggestion within seconds', async () => {
    const started = Date.now();
    await ingestThroughTheQueue(['CVE-2023-38545.json']);
    const curl = await eventually('the suggestion of CVE-2023-38545', () => suggestion(t, 'CVE-2023-38545'));
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(curl.packages.map((p: { displayAttr: string }) => p.displayAttr)).toEqual(['curl']);
    expect(await jobRuns(t, LINK_CVES_JOB)).toEqual([{ status: 'COMPLETED', counts: expect.objectContaining({ requested: 1, linked: 1 }) }]);
    expect(await jobRuns(t, LINKAGE_RUN_JOB)).toEqual([]);
  });

  it('a later run queues exactly the CVEs it created or changed, not the unchanged ones', async () => {
    await ingestThroughTheQueue(['CVE-2023-38545.json', 'CVE-2024-3094.json']);
    const xz = await eventually('the suggestion of CVE-2024-3094', () => suggestion(t, 'CVE-2024-3094'));
    expect(xz.packages.map((p: { displayAttr: string }) => p.displayAttr)).toEqual(['xz']);
    const queued = await sql<{ ids: string[] }>(t, `SELECT data->'ids' AS ids FROM pgboss.job WHERE name = $1 ORDER BY created_on`, [LINK_CVES_JOB]);
    expect(queued.map((q) => q.ids)).toEqual([['CVE-2023-38545'], ['CVE-2024-3094']]);
    expect(await jobRuns(t, LINKAGE_RUN_JOB)).toEqual([]);
  });
});

describe('the NVD ingestion job queues the linking of what it stored too', () => {
  it('a CVE first seen in NVD (a local server replaying its real API answer) gets its suggestion within seconds', async () => {
    const answer = readNvdFixture('single/CVE-2024-3094.json'); // the xz backdoor
    const nvd = await startFakeNvdServer({ records: answer.vulnerabilities, timestamp: answer.timestamp });
    const t = await startApp({ NVD_API_URL: nvd.url });
    try {
      await t.app.get(JobQueueService).enqueue(NVD_JOB, {});
      const xz = await eventually('the suggestion of CVE-2024-3094', () => suggestion(t, 'CVE-2024-3094'));
      expect(xz.packages.map((p: { displayAttr: string }) => p.displayAttr)).toEqual(['xz']);
      expect(await jobRuns(t, LINK_CVES_JOB)).toEqual([{ status: 'COMPLETED', counts: expect.objectContaining({ requested: 1, linked: 1 }) }]);
      expect(await jobRuns(t, LINKAGE_RUN_JOB)).toEqual([]);
    } finally {
      await t.close();
      await nvd.close();
    }
  });
});
