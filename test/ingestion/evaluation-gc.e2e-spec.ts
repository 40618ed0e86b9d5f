import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { pgPool } from '../../server/src/database/pg-pool';
import { EvaluationGc, GcSummary } from '../../server/src/ingestion/evaluations/evaluation-gc';
import { EvaluationImporter } from '../../server/src/ingestion/evaluations/evaluation-importer';
import { startTestApp, TestApp } from '../../server/src/testing/test-app';
import { gql, sql } from './support';

// Real: 94 derivations of a nixos-unstable evaluation (see test/fixtures/nixpkgs/README.md).
const SAMPLE = path.join(__dirname, '..', 'fixtures', 'nixpkgs', 'eval-sample.jsonl');
const unstable = { name: 'nixos-unstable', release: 'unstable', variant: 'nixos' };
const stable = { name: 'nixos-24.11', release: '24.11', variant: 'nixos' };
const REV = { e1: 'a1'.repeat(20), e2: 'a2'.repeat(20), failed: 'af'.repeat(20), e3: 'a3'.repeat(20), e4: 'a4'.repeat(20), s1: 'b1'.repeat(20), s2: 'b2'.repeat(20) };

const sampleLines = () => fs.readFileSync(SAMPLE, 'utf8').split('\n').filter(Boolean);
async function* iterate(lines: string[]) {
  yield* lines;
}

/** A new version of `attr`: new drvPath and a meta block (description) of its own, as a real bump has. */
function bump(lines: string[], attr: string, from: string, to: string, hashChar: string): string[] {
  return lines.map((text) => {
    const line = JSON.parse(text);
    if (line.attr !== attr) return text;
    line.name = line.meta.name = line.name.replace(from, to);
    line.drvPath = `/nix/store/${hashChar.repeat(32)}-${line.name}.drv`;
    line.meta.description = `${line.meta.description} (${to})`;
    return JSON.stringify(line);
  });
}

function add(lines: string[], pname: string, hashChar: string): string[] {
  const line = JSON.parse(lines[1]); // an x86_64-linux line
  line.attr = `${pname}.x86_64-linux`;
  line.attrPath = [pname, 'x86_64-linux'];
  line.name = line.meta.name = `${pname}-1.0`;
  line.drvPath = `/nix/store/${hashChar.repeat(32)}-${pname}-1.0.drv`;
  line.meta.description = `${pname}, added by this test`;
  return [...lines, JSON.stringify(line)];
}

const remove = (lines: string[], attr: string) => lines.filter((text) => JSON.parse(text).attr !== attr);

const ERROR_LINE = JSON.stringify({ attr: 'nixsec-gc-broken.x86_64-linux', attrPath: ['nixsec-gc-broken', 'x86_64-linux'], error: 'error: attribute missing' });

/**
 * The evaluations of nixos-unstable, each a small change of the one before, as nix-eval-jobs prints
 * unchanged attributes byte-identical: e2 bumps ChowKick and drops a darwin attribute, e3 bumps
 * ChowKick again and adds one, e4 bumps FIL-plugins. Every one has the same evaluation error.
 */
function unstableEvaluations() {
  const e1 = [...sampleLines(), ERROR_LINE];
  const e2 = remove(bump(e1, 'ChowKick.x86_64-linux', '1.1.1', '1.2.0', '2'), 'MIDIVisualizer.x86_64-darwin');
  const e3 = add(bump(e2, 'ChowKick.x86_64-linux', '1.2.0', '1.3.0', '3'), 'nixsec-gc-added', '4');
  const e4 = bump(e3, 'FIL-plugins.x86_64-linux', '0.3.0', '0.3.1', '5');
  return { e1, e2, e3, e4 };
}

async function evaluationIds(t: TestApp, channel: string): Promise<number[]> {
  const { evaluations } = await gql(t, `query($channel: String) { evaluations(channel: $channel) { id } }`, { channel });
  return evaluations.map((e: any) => Number(e.id));
}

/** Every member of an evaluation by the interval rule, duplicates included. */
async function membership(t: TestApp, evaluationId: number) {
  return sql(
    t,
    `SELECT m.attr, m.package_attr AS "packageAttr", d.drv_path AS "drvPath", encode(dm.sha256, 'hex') AS meta
     FROM channel_member m
     JOIN evaluation fe ON fe.id = m.first_evaluation_id AND fe.status = 'completed'
     JOIN evaluation x ON x.id = $1 AND x.channel = m.channel
     JOIN derivation d ON d.id = m.derivation_id
     JOIN derivation_meta dm ON dm.id = m.meta_id
     WHERE m.first_evaluation_id <= x.id AND (m.last_evaluation_id IS NULL OR m.last_evaluation_id >= x.id)
     ORDER BY m.attr, d.drv_path`,
    [evaluationId],
  );
}

async function diff(t: TestApp, from: number, to: number) {
  const { evaluationDiff } = await gql(
    t,
    `query($from: ID!, $to: ID!) { evaluationDiff(from: $from, to: $to) { added removed versionChanged { attr from to } } }`,
    { from, to },
  );
  return evaluationDiff;
}

async function packages(t: TestApp, channel: string) {
  const { packages: connection } = await gql(
    t,
    `query($channel: String) { packages(channel: $channel, first: 200) { hasNextPage edges { node {
       attr channel name pname version description homepages licenses knownVulnerabilities broken insecure unfree cpe positionUrl
       maintainers { githubId github name } derivations { system drvPath attr } } } } }`,
    { channel },
  );
  expect(connection.hasNextPage).toBe(false);
  return connection.edges.map((e: any) => e.node);
}

const count = async (t: TestApp, query: string, params: unknown[] = []) => (await sql<{ n: number }>(t, `SELECT count(*)::int AS n FROM ${query}`, params))[0].n;
const derivationExists = (t: TestApp, hashChar: string) => count(t, `derivation WHERE drv_path LIKE $1`, [`/nix/store/${hashChar.repeat(32)}-%`]);
const metaExists = (t: TestApp, description: string) => count(t, `derivation_meta WHERE description LIKE $1`, [`%(${description})`]);

describe('collecting old evaluations', () => {
  let t: TestApp;
  let gc: EvaluationGc;
  const ids: Record<keyof typeof REV, number> = { e1: 0, e2: 0, failed: 0, e3: 0, e4: 0, s1: 0, s2: 0 };
  const kept = ['e3', 'e4', 's1', 's2'] as const;
  const before: { memberships: Record<string, unknown[]>; diffs: unknown[]; packages: unknown[][]; chowKick: unknown } = {
    memberships: {},
    diffs: [],
    packages: [],
    chowKick: null,
  };
  const diffs = () => Promise.all([diff(t, ids.e3, ids.e4), diff(t, ids.e4, ids.e3), diff(t, ids.s1, ids.s2), diff(t, ids.s2, ids.e4)]);
  const chowKick = async () => (await gql(t, `{ package(attr: "ChowKick", channel: "nixos-unstable") { version positionUrl derivations { system drvPath } } }`)).package;
  let summary: GcSummary;

  beforeAll(async () => {
    t = await startTestApp();
    const pool = pgPool(t.app.get(DataSource));
    const importer = new EvaluationImporter(pool);
    gc = new EvaluationGc(pool);
    const unstableLines = unstableEvaluations();
    const importAs = async (key: keyof typeof REV, channel: typeof unstable, lines: string[]) => {
      ids[key] = (await importer.import(channel, REV[key], iterate(lines), { source: 'test' })).evaluationId;
    };

    // Interleaved with the other channel, so that evaluation ids of one channel are not consecutive.
    await importAs('e1', unstable, unstableLines.e1);
    await importAs('s1', stable, sampleLines());
    await importAs('e2', unstable, unstableLines.e2);
    // Fails after its first batch (a new CoinMP derivation) is stored, as a crash midway would.
    const failing = async function* () {
      const lines = bump(unstableLines.e2, 'CoinMP.x86_64-linux', '1.8.4', '9.9.9', '9');
      const coinMp = lines.findIndex((l) => l.includes('9.9.9'));
      yield* lines.slice(0, coinMp + 1);
      while (!(await count(t, `channel_member m JOIN evaluation e ON e.id = m.first_evaluation_id WHERE e.revision = $1`, [REV.failed]))) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('nix-eval-jobs stopped (simulated crash)');
    };
    await expect(importer.import(unstable, REV.failed, failing(), { source: 'test', batchSize: 1 })).rejects.toThrow('simulated crash');
    [{ id: ids.failed }] = await sql<{ id: number }>(t, `SELECT id FROM evaluation WHERE revision = $1 AND status = 'failed'`, [REV.failed]);
    await importAs('e3', unstable, unstableLines.e3);
    await importAs('s2', stable, bump(sampleLines(), 'LASzip.x86_64-linux', '3.4.3', '3.4.4', '6'));
    await importAs('e4', unstable, unstableLines.e4);

    for (const key of kept) before.memberships[key] = await membership(t, ids[key]);
    before.diffs = await diffs();
    before.packages = [await packages(t, unstable.name), await packages(t, stable.name)];
    before.chowKick = await chowKick();
    summary = await gc.collect(2);
  });
  afterAll(() => t.close());

  it('the fixture is what this test thinks it is', async () => {
    expect(Object.values(ids).every((id) => id > 0)).toBe(true);
    expect(before.memberships.e3).toHaveLength(94); // 94 - MIDIVisualizer.x86_64-darwin + nixsec-gc-added
    expect(before.diffs[0]).toEqual({ added: [], removed: [], versionChanged: [{ attr: 'FIL-plugins.x86_64-linux', from: '0.3.0', to: '0.3.1' }] });
    expect(before.chowKick).toMatchObject({ version: '1.3.0' });
  });

  it('keeps the newest two completed evaluations of each channel, and removes the older ones and the failed one', async () => {
    expect(await evaluationIds(t, unstable.name)).toEqual([ids.e4, ids.e3]);
    expect(await evaluationIds(t, stable.name)).toEqual([ids.s2, ids.s1]);
    // Removed: e1 and e2 with their members that ended before e3 (ChowKick 1.1.1, MIDIVisualizer on darwin,
    // ChowKick 1.2.0), the failed evaluation with its one leftover member, and what only they used.
    expect(summary).toMatchObject({ evaluationsRemoved: 3, membersRemoved: 4, derivationsRemoved: 2, metaRemoved: 2 });
    expect(summary.channels).toEqual([
      { channel: stable.name, oldestKeptId: ids.s1, evaluationsRemoved: 0, membersRemoved: 0, membersRebased: 0 },
      { channel: unstable.name, oldestKeptId: ids.e3, evaluationsRemoved: 3, membersRemoved: 4, membersRebased: 92 },
    ]);
    expect(await count(t, `evaluation_error WHERE evaluation_id = ANY($1)`, [[ids.e1, ids.e2]])).toBe(0);
    expect(await count(t, `evaluation_error WHERE evaluation_id = ANY($1)`, [[ids.e3, ids.e4]])).toBe(2);
    expect(await count(t, `channel_member WHERE first_evaluation_id < $1 AND channel = $2`, [ids.e3, unstable.name])).toBe(0);
  });

  it('the kept evaluations have exactly the members and differences they had', async () => {
    for (const key of kept) expect({ [key]: await membership(t, ids[key]) }).toEqual({ [key]: before.memberships[key] });
    expect(await diffs()).toEqual(before.diffs);
  });

  it('current packages answer as before; a link into a removed revision now points to the oldest kept one', async () => {
    // The link names the commit of the evaluation that introduced the member; that commit is gone.
    const moved = (p: any) => ({ ...p, positionUrl: p.positionUrl?.replace(REV.e1, REV.e3).replace(REV.e2, REV.e3) ?? null });
    expect(await packages(t, unstable.name)).toEqual(before.packages[0].map(moved));
    expect(await packages(t, stable.name)).toEqual(before.packages[1]);
    expect(await chowKick()).toEqual(before.chowKick);
  });

  it('derivations and meta only removed evaluations used are gone; those the other channel uses stay', async () => {
    expect(await derivationExists(t, '2')).toBe(0); // ChowKick 1.2.0, only in e2
    expect(await metaExists(t, '1.2.0')).toBe(0);
    expect(await derivationExists(t, '9')).toBe(0); // CoinMP 9.9.9, only in the failed evaluation
    expect(await metaExists(t, '9.9.9')).toBe(0);
    const sharedWithStable = async (attr: string) =>
      count(t, `channel_member m JOIN derivation d ON d.id = m.derivation_id WHERE m.channel = $1 AND m.attr = $2 AND d.name = $3`, [stable.name, ...attr.split(' ')]);
    expect(await sharedWithStable('ChowKick.x86_64-linux ChowKick-1.1.1')).toBe(1);
    expect(await sharedWithStable('MIDIVisualizer.x86_64-darwin MIDIVisualizer-7.0')).toBe(1);
    expect(await count(t, `channel_member WHERE channel = $1 AND attr IN ('ChowKick.x86_64-linux', 'MIDIVisualizer.x86_64-darwin')`, [unstable.name])).toBe(1);
  });

  it('collecting again removes nothing', async () => {
    const tables = ['evaluation', 'evaluation_error', 'channel_member', 'derivation', 'derivation_meta'];
    const counts = async () => Promise.all(tables.map((table) => count(t, table)));
    const countsBefore = await counts();
    expect(await gc.collect(2)).toMatchObject({ evaluationsRemoved: 0, membersRemoved: 0, derivationsRemoved: 0, metaRemoved: 0 });
    expect((await gc.collect(2)).channels.every((c) => c.membersRebased === 0)).toBe(true);
    expect(await counts()).toEqual(countsBefore);
  });

  it('refuses to keep fewer than one evaluation, saying what it expects', async () => {
    await expect(gc.collect(0)).rejects.toThrow(/keep must be a whole number of at least 1 \(got 0\)/);
    expect(await evaluationIds(t, unstable.name)).toEqual([ids.e4, ids.e3]);
  });
});
