import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client, Pool } from 'pg';
import { CveListIngester } from '../../server/src/ingestion/cve-list/cve-list.ingester';
import { EvaluationImporter } from '../../server/src/ingestion/evaluations/evaluation-importer';
import { createTestDatabase, TestDatabase } from '../../server/src/testing/test-database';
import { copyFixtures } from '../ingestion/support';

const ROOT = path.join(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'server', 'dist', 'main.js');
const LABELS = path.join(ROOT, 'test', 'fixtures', 'linkage', 'labels-dev.tsv');
// Hand-made nix-eval-jobs lines modelled on rows of universe.tsv.gz (see test/fixtures/linkage/db/README.md).
const CHANNEL = path.join(ROOT, 'test', 'fixtures', 'linkage', 'db', 'nixos-unstable.jsonl');

async function* iterate(lines: string[]) {
  yield* lines;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `nixsec …` in a child process, asynchronously (execFile), with the given environment on top of this one's. */
function nixsec(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [MAIN, ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }));
  });
}

// Each CLI start costs seconds: the commands start at once, in parallel, and each test checks what its command printed.
const UNREACHABLE = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' };
let offline: { report: Promise<Run>; refused: Promise<Run> };
beforeAll(() => {
  // A database that cannot be reached: the file mode must not need one.
  offline = {
    report: nixsec(['linkage', 'eval', '--cves', 'test/fixtures/cve', '--packages', 'test/fixtures/nixpkgs/universe.tsv.gz', '--labels', 'test/fixtures/linkage/labels-dev.tsv', '--json'], UNREACHABLE),
    refused: nixsec(['linkage', 'eval', '--cves', 'test/fixtures/cve', '--labels', 'test/fixtures/linkage/labels-dev.tsv'], UNREACHABLE),
  };
});

describe('nixsec linkage against a database', () => {
  let db: TestDatabase;
  let first: Run;
  let later: { second: Promise<Run>; link: Promise<Run>; evaluation: Promise<Run>; stats: Promise<Run> };
  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { DATABASE_URL: db.url };
    // Ingested in this process, as `nixsec ingest cve-list` and `nixsec ingest eval` would.
    const pool = new Pool({ connectionString: db.url, max: 2 });
    try {
      expect((await new CveListIngester(pool).ingest(copyFixtures())).counts).toMatchObject({ ingested: 16 });
      const lines = fs.readFileSync(CHANNEL, 'utf8').split('\n').filter(Boolean);
      const imported = await new EvaluationImporter(pool).import({ name: 'nixos-unstable', release: 'unstable', variant: 'nixos' }, 'a'.repeat(40), iterate(lines), { source: 'test' });
      expect(imported.counts).toMatchObject({ added: 20 });
    } finally {
      await pool.end();
    }
    first = await nixsec(['linkage', 'run'], env);
    later = {
      second: nixsec(['linkage', 'run'], env),
      link: nixsec(['linkage', 'link', 'cve-2024-9143', 'CVE-2099-0001'], env),
      evaluation: nixsec(['linkage', 'eval', '--labels', LABELS], env),
      stats: nixsec(['linkage', 'stats', '--json'], env),
    };
    await Promise.all(Object.values(later));
  }, 180_000);
  afterAll(() => db.drop());

  it('run links every CVE once and says so; a second run has nothing to do', async () => {
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('linked 16 CVE(s): 9 with suggestions, 0 withdrawn; followed 1 evaluation(s) (full re-link)\n');
    const second = await later.second;
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('linked 0 CVE(s): 0 with suggestions, 0 withdrawn; followed 0 evaluation(s)\n');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS n, count(DISTINCT cve_id)::int AS d FROM suggestion`);
      expect(rows[0]).toEqual({ n: 9, d: 9 });
    } finally {
      await client.end();
    }
  });

  it('link prints the explanation of the CVEs it linked, and names the ones that are not stored', async () => {
    const r = await later.link;
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('only 1 of 2 CVE(s) are stored: ingest the others first');
    const matches = JSON.parse(r.stdout);
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ cveId: 'CVE-2024-9143', dismissal: null, keys: ['openssl'] });
    const [openssl] = matches[0].groups;
    expect(openssl).toMatchObject({ displayAttr: 'openssl', attrs: ['openssl', 'openssl_1_1', 'openssl_3'], verdict: 'affected' });
    expect(openssl.reasons[0]).toMatchObject({ rule: 'name', signal: expect.stringMatching(/OpenSSL/) });
    expect(openssl.members).toContainEqual(expect.objectContaining({ attr: 'openssl_3', channel: 'nixos-unstable', version: '3.0.17', verdict: 'not-affected' }));
  });

  it('eval --labels measures the stored CVEs against the current channel and lists the misses', async () => {
    const r = await later.evaluation;
    expect(r.code).toBe(0);
    // This small hand-made channel has no package tying "thunderbird" to Mozilla (universe.tsv.gz has thunderbird-bin).
    expect(r.stdout).toContain('15 labelled CVEs, 10 expected pairs, 9 suggested package groups\n');
    expect(r.stdout).toContain('per pair: precision 1.000  recall 0.900  F1 0.947\n');
    expect(r.stdout).toMatch(/\nmisses:\n {2}CVE-2024-9680 {2}expected thunderbird {2}got \[firefox\] {2}— see above\n/);
    expect(r.stdout).not.toMatch(/false matches|no record for/);
  });

  it('stats --json reports the noise figures of the stored CVEs', async () => {
    const r = await later.stats;
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.stdout);
    expect(stats).toMatchObject({
      cves: 16, suggestions: 9, autoDismissed: { 'not-affected': 3 }, groups: 9,
      groupsPerSuggestion: { median: 1, max: 1 }, over50Groups: [],
    });
    expect(Object.values(stats.versionVerdicts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(9);
  });
});

describe('nixsec linkage eval on files, without a database', () => {
  it('matches the CVE directory against the package table and prints precision and recall as JSON', async () => {
    const r = await offline.report;
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ cves: 15, pairs: { expected: 10, precision: 1, recall: 1 }, misses: [], falseMatches: [], missingRecords: [] });
    expect(report.perCve).toMatchObject({ withExpected: 9, found: 9 });
  }, 120_000);

  it('refuses --cves without --packages, saying what to give', async () => {
    const r = await offline.refused;
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Give both --cves and --packages to match files, or neither to match the database');
  });
});
