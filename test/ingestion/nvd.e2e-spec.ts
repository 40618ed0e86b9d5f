import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { pgPool } from '../../server/src/database/pg-pool';
import { readNvdFixture, startFakeNvdServer } from '../../server/src/ingestion/nvd/__tests__/fake-nvd-server';
import { NvdIngester } from '../../server/src/ingestion/nvd/nvd.ingester';
import { startTestApp, TestApp } from '../../server/src/testing/test-app';
import { copyFixtures, gql, ingester, sql } from './support';

const MAIN = path.join(__dirname, '..', '..', 'server', 'dist', 'main.js');
const page = readNvdFixture('vunnel/full-page.json'); // 38 real NVD records
const fast = { resultsPerPage: 10, backoffBaseMs: 5, maxRetries: 2, rateLimit: { requests: 100, perMs: 1000 } };

describe('ingest nvd from the NVD API 2.0 (a local server replaying real pages)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('pages through every record, stores configurations and metrics, then re-runs incrementally with no changes', async () => {
    const nvd = await startFakeNvdServer({ records: page.vulnerabilities, timestamp: page.timestamp });
    try {
      const nvdIngester = new NvdIngester(pgPool(t.app.get(DataSource)), { baseUrl: nvd.url, ...fast });
      const first = await nvdIngester.ingest();
      expect(first.counts).toMatchObject({ read: 38, ingested: 38, quarantined: 0 });
      expect(nvd.requests.map((r) => r.params.get('startIndex'))).toEqual(['0', '10', '20', '30']);
      expect(nvd.requests[0].params.has('lastModStartDate')).toBe(false);

      const [{ n }] = await sql<{ n: string }>(t, `SELECT count(*) AS n FROM cve WHERE 'nvd' = ANY(sources)`);
      expect(Number(n)).toBe(38);
      const [{ matches }] = await sql<{ matches: string }>(t, `SELECT count(*) AS matches FROM cve_cpe_match`);
      expect(Number(matches)).toBeGreaterThan(0);

      // Nothing was modified after the bookmark (the first response's timestamp): nothing to read.
      const second = await nvdIngester.ingest();
      expect(second.counts).toMatchObject({ read: 0, ingested: 0, updated: 0 });
      // Asking explicitly for an older window re-reads those records and finds them unchanged.
      const third = await nvdIngester.ingest({ since: new Date('2023-01-01T00:00:00Z') });
      expect(third.counts).toMatchObject({ read: 38, unchanged: 38, ingested: 0, updated: 0 });
      const incremental = nvd.requests.find((r) => r.params.has('lastModStartDate'))!.params;
      expect(new Date(incremental.get('lastModStartDate')!).toISOString()).toBe(new Date(`${page.timestamp}Z`).toISOString());
    } finally {
      await nvd.close();
    }
  });

  it('an HTTP failure mid-pagination keeps the pages already stored, quarantines the request and keeps the bookmark', async () => {
    const before = await sql(t, `SELECT value FROM ingestion_bookmark WHERE key = 'nvd.lastModified'`);
    const changed = page.vulnerabilities.map((v: any) => ({ cve: { ...v.cve, lastModified: '2024-01-01T00:00:00.000' } }));
    const nvd = await startFakeNvdServer({
      records: changed,
      timestamp: '2024-01-02T00:00:00.000',
      override: (_n, req) => (req.params.get('startIndex') === '20' ? { status: 503 } : undefined),
    });
    try {
      const summary = await new NvdIngester(pgPool(t.app.get(DataSource)), { baseUrl: nvd.url, ...fast }).ingest({ full: true });
      expect(summary.failed).toBe(true);
      expect(summary.counts).toMatchObject({ updated: 20, quarantined: 1 });
      const [q] = await sql<{ reason: string; record_key: string }>(t, `SELECT reason, record_key FROM quarantine WHERE source = 'nvd'`);
      expect(q.reason).toBe('http-error');
      expect(q.record_key).toContain('startIndex=20');
      expect(await sql(t, `SELECT value FROM ingestion_bookmark WHERE key = 'nvd.lastModified'`)).toEqual(before);
      const { ingestionRuns } = await gql(t, `{ ingestionRuns(source: "nvd", first: 1) { status error } }`);
      expect(ingestionRuns[0].status).toBe('failed');
      expect(ingestionRuns[0].error).toMatch(/503/);
    } finally {
      await nvd.close();
    }
  });

  it('the CLI exits non-zero and explains that the next run resumes', async () => {
    const nvd = await startFakeNvdServer({ records: page.vulnerabilities, override: () => ({ status: 404, headers: { message: 'Invalid apiKey.' } }) });
    try {
      // Asynchronous: the fake NVD server runs in this process and must keep answering.
      const r = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const env = { ...process.env, DATABASE_URL: t.db.url, NVD_API_URL: nvd.url, NVD_API_KEY: 'secret-key-123', LOG_LEVEL: 'silent' };
        const child = execFile(process.execPath, [MAIN, 'ingest', 'nvd'], { env }, (_err, _stdout, stderr) =>
          resolve({ status: child.exitCode, stderr }),
        );
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/the next run resumes/);
      expect(r.stderr).not.toContain('secret-key-123');
      expect(nvd.requests[0].headers.apikey).toBe('secret-key-123');
      expect(nvd.requests[0].rawUrl).not.toContain('secret-key-123');
    } finally {
      await nvd.close();
    }
  });
});

describe('CVE List and NVD side by side', () => {
  it('merges both sources into one CVE, each replaced only by its own source', async () => {
    const t = await startTestApp();
    const single = readNvdFixture('single/CVE-2024-3094.json');
    const nvd = await startFakeNvdServer({ records: single.vulnerabilities, timestamp: single.timestamp });
    try {
      await ingester(t).ingest(copyFixtures(['CVE-2024-3094.json']));
      await new NvdIngester(pgPool(t.app.get(DataSource)), { baseUrl: nvd.url, ...fast }).ingest();
      const { cve } = await gql(t, `{ cve(id: "CVE-2024-3094") { sources title nvdStatus metrics { source cvssVersion } cpeMatches { criteria } } }`);
      expect(cve.sources).toEqual(['cve-list', 'nvd']);
      expect(cve.title).toMatch(/^Xz: malicious code/);
      expect(cve.nvdStatus).toBe('Modified');
      expect(cve.metrics.map((m: any) => m.source)).toEqual(expect.arrayContaining(['cve-list', 'nvd']));
      expect(cve.cpeMatches.length).toBeGreaterThan(0);

      // Re-ingesting the CVE List copy leaves what NVD said untouched.
      await ingester(t).ingest(copyFixtures(['CVE-2024-3094.json']));
      const again = await gql(t, `{ cve(id: "CVE-2024-3094") { sources cpeMatches { criteria } } }`);
      expect(again.cve).toEqual({ sources: ['cve-list', 'nvd'], cpeMatches: cve.cpeMatches });
    } finally {
      await nvd.close();
      await t.close();
    }
  });
});
