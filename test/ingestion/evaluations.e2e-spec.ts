import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { pgPool } from '../../server/src/database/pg-pool';
import { EvaluationImporter } from '../../server/src/ingestion/evaluations/evaluation-importer';
import { startTestApp, TestApp } from '../../server/src/testing/test-app';
import { gql, sql } from './support';

const MAIN = path.join(__dirname, '..', '..', 'server', 'dist', 'main.js');
// Real: 94 derivations of a nixos-unstable evaluation (see test/fixtures/nixpkgs/README.md).
const SAMPLE = path.join(__dirname, '..', 'fixtures', 'nixpkgs', 'eval-sample.jsonl');
const REV_A = 'd616185828194210bfa0e51980d78a8bcd1246cc';
const REV_B = 'b'.repeat(40);
const unstable = { name: 'nixos-unstable', release: 'unstable', variant: 'nixos' };

const sampleLines = () => fs.readFileSync(SAMPLE, 'utf8').split('\n').filter(Boolean);
async function* iterate(lines: string[]) {
  yield* lines;
}

/**
 * Evaluation B, made by this test from the real sample: AMB-plugins.x86_64-linux bumped to 0.9.0
 * (new drvPath), the last line's attribute removed, one made-up attribute added. Other lines are
 * byte-identical, as nix-eval-jobs prints unchanged attributes.
 */
function evaluationB(): { lines: string[]; removedAttr: string } {
  const lines = sampleLines();
  const removedAttr = JSON.parse(lines[lines.length - 1]).attr as string;
  const out = lines.slice(0, -1).map((text) => {
    const line = JSON.parse(text);
    if (line.attr !== 'AMB-plugins.x86_64-linux') return text;
    line.name = line.meta.name = 'AMB-plugins-0.9.0';
    line.drvPath = '/nix/store/00000000000000000000000000000000-AMB-plugins-0.9.0.drv';
    return JSON.stringify(line);
  });
  const added = JSON.parse(lines[0]);
  added.attr = 'nixsec-test-added.x86_64-linux';
  added.attrPath = ['nixsec-test-added', 'x86_64-linux'];
  added.name = added.meta.name = 'nixsec-test-added-1.0';
  added.drvPath = '/nix/store/11111111111111111111111111111111-nixsec-test-added-1.0.drv';
  return { lines: [...out, JSON.stringify(added)], removedAttr };
}

describe('importing nix-eval-jobs evaluations of channels', () => {
  let t: TestApp;
  let importer: EvaluationImporter;
  beforeAll(async () => {
    t = await startTestApp();
    importer = new EvaluationImporter(pgPool(t.app.get(DataSource)));
  });
  afterAll(() => t.close());

  it('imports every derivation with its maintainers, versions and source position', async () => {
    const summary = await importer.import(unstable, REV_A, iterate(sampleLines()), { source: 'test' });
    expect(summary.status).toBe('completed');
    expect(summary.counts).toMatchObject({ lines: 94, added: 94, unchanged: 0, quarantined: 0, newDerivations: 94 });

    const { package: amb } = await gql(t, `{ package(attr: "AMB-plugins", channel: "nixos-unstable") {
      attr pname version description licenses positionUrl maintainers { github githubId } derivations { system } } }`);
    expect(amb).toMatchObject({ attr: 'AMB-plugins', pname: 'AMB-plugins', version: '0.8.1', licenses: ['GPL-2.0-or-later'] });
    expect(amb.maintainers).toEqual([{ github: 'magnetophon', githubId: 7645711 }]);
    expect(amb.derivations.map((d: any) => d.system)).toEqual(['aarch64-linux', 'x86_64-linux']);
    expect(amb.positionUrl).toBe(`https://github.com/NixOS/nixpkgs/blob/${REV_A}/pkgs/applications/audio/AMB-plugins/default.nix#L24`);

    const { channels } = await gql(t, `{ channels { name release variant state } }`);
    expect(channels).toEqual([{ name: 'nixos-unstable', release: 'unstable', variant: 'nixos', state: 'unstable' }]);
    const { maintainer } = await gql(t, `{ maintainer(github: "Magnetophon") { githubId packages(channel: "nixos-unstable") { edges { node { attr } } } } }`);
    expect(maintainer.githubId).toBe(7645711);
    expect(maintainer.packages.edges.map((e: any) => e.node.attr)).toContain('AMB-plugins');
  });

  it('re-importing the same evaluation changes nothing', async () => {
    const before = await sql(t, `SELECT count(*)::int AS n FROM channel_member`);
    const summary = await importer.import(unstable, REV_A, iterate(sampleLines()), { source: 'test' });
    expect(summary.status).toBe('already-completed');
    expect(await sql(t, `SELECT count(*)::int AS n FROM channel_member`)).toEqual(before);
  });

  it('a second evaluation stores only what changed, and the diff says what changed', async () => {
    const derivationsBefore = (await sql<{ n: number }>(t, `SELECT count(*)::int AS n FROM derivation`))[0].n;
    const membersBefore = (await sql<{ n: number }>(t, `SELECT count(*)::int AS n FROM channel_member`))[0].n;
    const { lines, removedAttr } = evaluationB();
    const b = await importer.import(unstable, REV_B, iterate(lines), { source: 'test' });
    expect(b.counts).toMatchObject({ added: 1, changed: 1, removed: 1, unchanged: 92, newDerivations: 2 });
    expect((await sql<{ n: number }>(t, `SELECT count(*)::int AS n FROM derivation`))[0].n).toBe(derivationsBefore + 2);
    expect((await sql<{ n: number }>(t, `SELECT count(*)::int AS n FROM channel_member`))[0].n).toBe(membersBefore + 2);

    const { evaluations } = await gql(t, `{ evaluations(channel: "nixos-unstable") { id revision status } }`);
    expect(evaluations.map((e: any) => [e.revision, e.status])).toEqual([[REV_B, 'completed'], [REV_A, 'completed']]);
    const { evaluationDiff } = await gql(t, `query($from: ID!, $to: ID!) { evaluationDiff(from: $from, to: $to) { added removed versionChanged { attr from to } } }`, {
      from: evaluations[1].id,
      to: evaluations[0].id,
    });
    expect(evaluationDiff).toEqual({
      added: ['nixsec-test-added.x86_64-linux'],
      removed: [removedAttr],
      versionChanged: [{ attr: 'AMB-plugins.x86_64-linux', from: '0.8.1', to: '0.9.0' }],
    });
    const { package: amb } = await gql(t, `{ package(attr: "AMB-plugins", channel: "nixos-unstable") { derivations { system drvPath } } }`);
    expect(amb.derivations.find((d: any) => d.system === 'x86_64-linux').drvPath).toMatch(/AMB-plugins-0\.9\.0\.drv$/);
  });

  it.each([
    ['nixos-24.11', 'jobs.jsonl.gz', (file: string) => fs.writeFileSync(file, gzipSync(fs.readFileSync(SAMPLE)))],
    ['nixos-24.05', 'jobs.jsonl.zst', (file: string) => execFileSync('zstd', ['-q', '-f', SAMPLE, '-o', file])],
  ])('another channel (%s, from %s via the CLI) with the same derivations stores no new derivation', async (channel, name, write) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-eval-')), name);
    write(file);
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [MAIN, 'ingest', 'eval', '--channel', channel, '--commit', REV_A, '--file', file],
        { env: { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: 'silent' } }, (_e, _o, stderr) => resolve({ code: child.exitCode, stderr }));
    });
    expect(r.stderr).toMatch(new RegExp(`evaluation \\d+ of ${channel.replace('.', '\\.')}: 94 lines — added 94.*new derivations 0, new meta 0`));
    expect(r.code).toBe(0);
  });

  it('the CLI refuses a name that is not a channel and a short commit, saying what is expected', async () => {
    const run = (args: string[]) =>
      new Promise<string>((resolve) => {
        execFile(process.execPath, [MAIN, 'ingest', 'eval', ...args, '--file', SAMPLE], { env: { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: 'silent' } },
          (_e, _o, stderr) => resolve(stderr));
      });
    expect(await run(['--channel', 'master', '--commit', REV_A])).toMatch(/--channel master: not a Nixpkgs channel \(expected nixos-unstable/);
    expect(await run(['--channel', 'nixos-unstable', '--commit', 'abc123'])).toMatch(/--commit abc123: expected a full 40-character git commit hash/);
  });

  it('a failing import is never visible as completed, and a rerun completes it', async () => {
    const current = await gql(t, `{ package(attr: "AMB-plugins", channel: "nixos-unstable") { derivations { drvPath } } }`);
    async function* crashing() {
      const lines = sampleLines().map((l) => l.replace(/AMB-plugins-0\.8\.1/g, 'AMB-plugins-0.7.0'));
      yield* lines.slice(0, 10);
      throw new Error('nix-eval-jobs stopped (simulated crash)');
    }
    const REV_C = 'c'.repeat(40);
    await expect(importer.import(unstable, REV_C, crashing(), { source: 'test' })).rejects.toThrow('simulated crash');
    const { evaluations } = await gql(t, `{ evaluations(channel: "nixos-unstable", first: 1) { revision status error } }`);
    expect(evaluations[0]).toMatchObject({ revision: REV_C, status: 'failed' });
    expect(await gql(t, `{ package(attr: "AMB-plugins", channel: "nixos-unstable") { derivations { drvPath } } }`)).toEqual(current);

    const rerun = await importer.import(unstable, REV_C, iterate(sampleLines()), { source: 'test' });
    expect(rerun.status).toBe('completed');
    const [{ attempts }] = await sql<{ attempts: number }>(t, `SELECT attempts FROM evaluation WHERE revision = $1`, [REV_C]);
    expect(attempts).toBe(2);
  });

  it('bad lines are quarantined with their line number; the rest of the evaluation is imported', async () => {
    const lines = sampleLines().slice(0, 5);
    lines.splice(2, 0, '{"attr": "broken-line", "drvPath": ', '"just a string"');
    const summary = await importer.import({ name: 'nixpkgs-unstable', release: 'unstable', variant: 'nixpkgs' }, 'd'.repeat(40), iterate(lines), { source: 'test' });
    expect(summary.counts).toMatchObject({ lines: 7, added: 5, quarantined: 2 });
    const rows = await sql<{ record_key: string; reason: string; message: string }>(t, `SELECT record_key, reason, message FROM quarantine WHERE source = 'nixpkgs-eval' ORDER BY record_key`);
    expect(rows.map((r) => [r.record_key, r.reason])).toEqual([
      ['nixpkgs-unstable@dddddddddddd:3', 'malformed-json'],
      ['nixpkgs-unstable@dddddddddddd:4', 'wrong-schema'],
    ]);
    expect(rows[0].message).toMatch(/line 3/);
  });
});

describe('evaluation errors and dependants', () => {
  it('records lines nix-eval-jobs could not evaluate, and answers which derivations depend on one', async () => {
    const t = await startTestApp();
    try {
      // Hand-made edge cases (see test/fixtures/nixpkgs/README.md), plus a made-up dependant of example-hello.
      const lines = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'nixpkgs', 'eval-edge-cases.jsonl'), 'utf8').split('\n').filter(Boolean);
      const hello = JSON.parse(lines.find((l) => l.includes('"example-hello.x86_64-linux"'))!);
      const dependant = { ...hello, attr: 'example-uses-hello.x86_64-linux', attrPath: ['example-uses-hello', 'x86_64-linux'], name: 'example-uses-hello-1.0',
        drvPath: '/nix/store/33333333333333333333333333333333-example-uses-hello-1.0.drv', inputDrvs: { [hello.drvPath]: ['out'] } };
      dependant.meta = { ...hello.meta, name: 'example-uses-hello-1.0' };
      const summary = await new EvaluationImporter(pgPool(t.app.get(DataSource))).import(unstable, REV_A, iterate([...lines, JSON.stringify(dependant)]), { source: 'test' });
      expect(summary.counts).toMatchObject({ evalErrors: 1, quarantined: 0 });
      const { evaluation } = await gql(t, `query($id: ID!) { evaluation(id: $id) { errors { attr error } } }`, { id: summary.evaluationId });
      expect(evaluation.errors).toEqual([{ attr: 'example-broken.x86_64-linux', error: expect.stringMatching(/is marked as broken, refusing to evaluate/) }]);
      const { dependants } = await gql(t, `query($drv: String!) { dependants(drvPath: $drv) { attr drvPath } }`, { drv: hello.drvPath });
      expect(dependants).toEqual([{ attr: 'example-uses-hello.x86_64-linux', drvPath: dependant.drvPath }]);
    } finally {
      await t.close();
    }
  });
});

describe('retrying an old evaluation after a newer one completed', () => {
  it('keeps one current row per attribute: the retried import becomes the newest', async () => {
    const t = await startTestApp();
    const importer = new EvaluationImporter(pgPool(t.app.get(DataSource)));
    const darwin = { name: 'nixpkgs-24.05-darwin', release: '24.05', variant: 'nixpkgs-darwin' };
    const [old, newer] = ['e'.repeat(40), 'f'.repeat(40)];
    try {
      async function* crashing() {
        yield* sampleLines().slice(0, 10);
        throw new Error('simulated crash');
      }
      await expect(importer.import(darwin, old, crashing(), { source: 'test', batchSize: 5 })).rejects.toThrow('simulated crash');
      const { lines } = evaluationB();
      await importer.import(darwin, newer, iterate(lines), { source: 'test' });
      const retried = await importer.import(darwin, old, iterate(sampleLines()), { source: 'test' });
      expect(retried.status).toBe('completed');
      const duplicates = await sql(t, `SELECT m.attr FROM channel_member m JOIN evaluation e ON e.id = m.first_evaluation_id AND e.status = 'completed'
        WHERE m.channel = $1 AND m.last_evaluation_id IS NULL GROUP BY m.attr HAVING count(*) > 1`, [darwin.name]);
      expect(duplicates).toEqual([]);
      const { package: amb } = await gql(t, `{ package(attr: "AMB-plugins", channel: "${darwin.name}") { derivations { system drvPath } } }`);
      expect(amb.derivations.find((d: any) => d.system === 'x86_64-linux').drvPath).toMatch(/AMB-plugins-0\.8\.1\.drv$/);
    } finally {
      await t.close();
    }
  });
});

describe('concurrent imports of channels that share derivations', () => {
  it('both complete, and every derivation and meta block is stored exactly once', async () => {
    const t = await startTestApp();
    try {
      const pool = pgPool(t.app.get(DataSource));
      // Tiny batches interleave the two imports, so both try to insert the same new derivations.
      const [a, b] = await Promise.all([
        new EvaluationImporter(pool).import(unstable, REV_A, iterate(sampleLines()), { source: 'test', batchSize: 3 }),
        new EvaluationImporter(pool).import({ name: 'nixos-unstable-small', release: 'unstable', variant: 'nixos-small' }, REV_A, iterate(sampleLines()), {
          source: 'test',
          batchSize: 3,
        }),
      ]);
      expect([a.status, b.status]).toEqual(['completed', 'completed']);
      expect(a.counts.newDerivations + b.counts.newDerivations).toBe(94);
      const [counts] = await sql<{ derivations: number; members: number }>(
        t,
        `SELECT (SELECT count(*)::int FROM derivation) AS derivations, (SELECT count(*)::int FROM channel_member) AS members`,
      );
      expect(counts).toEqual({ derivations: 94, members: 188 });
    } finally {
      await t.close();
    }
  });
});
