import * as fs from 'node:fs';
import * as path from 'node:path';
import { Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '../../testing/test-database';
import { EvaluationImporter, EvalLinesInput } from './evaluation-importer';
import { ChannelSnapshotReader } from './channel-snapshot.reader';
import { LINE_KEY_BYTES } from './line-snapshot';

// Real: 94 derivations of a nixos-unstable evaluation (see test/fixtures/nixpkgs/README.md).
const SAMPLE = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'nixpkgs', 'eval-sample.jsonl');
const sampleLines = () => fs.readFileSync(SAMPLE, 'utf8').split('\n').filter(Boolean);
const rev = (c: string) => c.repeat(40);

/** `lines` with the version of `attr` bumped (a new drvPath), as a new nix-eval-jobs run would print it. */
function bump(lines: string[], attr: string, to: string): string[] {
  return lines.map((text) => {
    const line = JSON.parse(text);
    if (line.attr !== attr) return text;
    line.name = line.meta.name = `${line.name.replace(/-[^-]*$/, '')}-${to}`;
    line.drvPath = `/nix/store/${'9'.repeat(32)}-${line.name}.drv`;
    return JSON.stringify(line);
  });
}

async function* inChunks(lines: string[], size: number) {
  for (let i = 0; i < lines.length; i += size) yield lines.slice(i, i + size);
}

async function* oneByOne(lines: string[]) {
  for (const line of lines) yield Buffer.from(line);
}

/**
 * The snapshot an import reads must always say exactly what channel_member says is current; these
 * tests change a channel in every way an evaluation can and check both.
 */
describe('EvaluationImporter with channel snapshots', () => {
  const channel = { name: 'nixos-unstable', release: 'unstable', variant: 'nixos' };
  let db: TestDatabase;
  let pool: Pool;
  let importer: EvaluationImporter;
  const importLines = (revision: string, lines: EvalLinesInput) => importer.import(channel, revision, lines, { source: 'test', batchSize: 7 });

  const currentRows = async (name = channel.name) =>
    (
      await pool.query<{ attr: string; key: string; name: string }>(
        `SELECT m.attr, encode(substring(m.line_sha256 FROM 1 FOR ${LINE_KEY_BYTES}), 'hex') AS key, d.name
         FROM channel_member m JOIN evaluation e ON e.id = m.first_evaluation_id AND e.status = 'completed'
         JOIN derivation d ON d.id = m.derivation_id
         WHERE m.channel = $1 AND m.last_evaluation_id IS NULL ORDER BY m.attr`,
        [name],
      )
    ).rows;
  // As stored (the whole snapshot and the changes since), never rebuilt from channel_member.
  const snapshotKeys = async (name = channel.name) => {
    const stored = await new ChannelSnapshotReader(pool).storedSnapshot(name);
    expect(stored).not.toBeNull();
    const keys: string[] = [];
    for (let i = 0; i < stored!.lines.keys.length; i += LINE_KEY_BYTES) keys.push(stored!.lines.keys.subarray(i, i + LINE_KEY_BYTES).toString('hex'));
    return { evaluationId: stored!.evaluationId, keys: keys.sort() };
  };
  const storedRows = async (name = channel.name) => {
    const { rows } = await pool.query<{ whole: number; changes: number[] }>(
      `SELECT (SELECT evaluation_id FROM channel_snapshot WHERE channel = $1) AS whole,
              (SELECT coalesce(array_agg(evaluation_id ORDER BY evaluation_id), '{}') FROM channel_snapshot_change WHERE channel = $1) AS changes`,
      [name],
    );
    return rows[0];
  };
  const expectSnapshotMatchesMembers = async (evaluationId: number, name = channel.name) => {
    const snapshot = await snapshotKeys(name);
    expect(snapshot.evaluationId).toBe(evaluationId);
    expect(snapshot.keys).toEqual((await currentRows(name)).map((r) => r.key).sort());
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 4 });
    importer = new EvaluationImporter(pool);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('a first import stores the snapshot of what it made current', async () => {
    const a = await importLines(rev('a'), inChunks(sampleLines(), 10));
    expect(a.counts).toMatchObject({ lines: 94, added: 94, changed: 0, removed: 0, unchanged: 0 });
    expect(await currentRows()).toHaveLength(94);
    await expectSnapshotMatchesMembers(a.evaluationId);
    expect(await storedRows()).toEqual({ whole: a.evaluationId, changes: [] });
  });

  it('a changed, a removed and an added attribute: only they are parsed and written, and the snapshot follows', async () => {
    const lines = bump(sampleLines(), 'AMB-plugins.x86_64-linux', '0.9.0');
    const removed = JSON.parse(lines.splice(3, 1)[0]).attr;
    const added = JSON.parse(lines[0]);
    added.attr = 'nixsec-test-added.x86_64-linux';
    added.attrPath = ['nixsec-test-added', 'x86_64-linux'];
    lines.push(JSON.stringify(added));
    const b = await importLines(rev('b'), inChunks(lines, 50));
    expect(b.counts).toMatchObject({ lines: 94, unchanged: 92, changed: 1, added: 1, removed: 1, newDerivations: 1 });
    const rows = await currentRows();
    expect(rows.map((r) => r.attr)).not.toContain(removed);
    expect(rows.find((r) => r.attr === 'AMB-plugins.x86_64-linux')?.name).toBe('AMB-plugins-0.9.0');
    expect(rows.filter((r) => r.attr === 'nixsec-test-added.x86_64-linux')).toHaveLength(1);
    await expectSnapshotMatchesMembers(b.evaluationId);
    // 3 keys of 94 changed (well under 1/8): stored as a change on top of the whole snapshot
    expect(await storedRows()).toEqual({ whole: expect.any(Number), changes: [b.evaluationId] });
  });

  it('a snapshot that is missing or not of the latest evaluation is rebuilt from channel_member', async () => {
    const before = await currentRows();
    await pool.query('DELETE FROM channel_snapshot');
    const lines = bump(sampleLines(), 'ArchiSteamFarm.x86_64-linux', '9.9.9');
    const c = await importLines(rev('c'), oneByOne(lines));
    // Against b: ArchiSteamFarm bumped; AMB-plugins back to 0.8.1; the removed one back; the added one gone.
    expect(c.counts).toMatchObject({ unchanged: 91, changed: 2, added: 1, removed: 1 });
    await expectSnapshotMatchesMembers(c.evaluationId);
    expect((await currentRows()).length).toBe(before.length);

    await pool.query('UPDATE channel_snapshot SET evaluation_id = (SELECT min(id) FROM evaluation)');
    const d = await importLines(rev('d'), inChunks(sampleLines(), 94));
    expect(d.counts).toMatchObject({ unchanged: 93, changed: 1, added: 0, removed: 0 });
    await expectSnapshotMatchesMembers(d.evaluationId);
  });

  it('an attribute given twice: the first line is kept and the second quarantined, whichever of them is unchanged', async () => {
    const lines = sampleLines();
    const [unchanged] = lines.filter((l) => l.includes('"LASzip.x86_64-linux"'));
    const [changed] = bump([unchanged], 'LASzip.x86_64-linux', '3.4.4');
    const [unchangedChowKick] = lines.filter((l) => l.includes('"ChowKick.x86_64-linux"'));
    const [bumpedChowKick] = bump([unchangedChowKick], 'ChowKick.x86_64-linux', '1.9.9');
    // LASzip: the unchanged line first, so the bumped one is the duplicate; ChowKick: the bumped line
    // first, then the unchanged one, which then only counts as read.
    const input = [...lines.map((l) => (l === unchangedChowKick ? bumpedChowKick : l)), changed, unchangedChowKick];
    const e = await importLines(rev('e'), inChunks(input, 40));
    expect(e.counts).toMatchObject({ quarantined: 1, changed: 1, unchanged: 94 });
    const rows = await currentRows();
    expect(rows.filter((r) => r.attr === 'LASzip.x86_64-linux').map((r) => r.name)).toEqual([expect.stringMatching(/^LASzip-3\.4\.3$/)]);
    expect(rows.filter((r) => r.attr === 'ChowKick.x86_64-linux').map((r) => r.name)).toEqual(['ChowKick-1.9.9']);
    await expectSnapshotMatchesMembers(e.evaluationId);
    const { rows: quarantined } = await pool.query(`SELECT message FROM quarantine WHERE source = 'nixpkgs-eval'`);
    expect(quarantined.map((q) => q.message)).toEqual([expect.stringMatching(/attribute LASzip\.x86_64-linux appears twice; the first one was kept/)]);
  });
  it('a failing import closes nothing, though its first batches replaced current rows', async () => {
    const before = await currentRows();
    const snapshotBefore = await snapshotKeys();
    const lines = bump(bump(sampleLines(), 'AMB-plugins.x86_64-linux', '0.9.1'), 'ArchiSteamFarm.x86_64-linux', '9.9.10');
    async function* failing() {
      yield lines.slice(0, 20);
      // Wait until the first batch (with both replaced attributes) is written, then fail.
      while (!(await pool.query(`SELECT 1 FROM channel_member m JOIN evaluation e ON e.id = m.first_evaluation_id WHERE e.revision = $1`, [rev('f')])).rowCount) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('nix-eval-jobs stopped (simulated crash)');
    }
    await expect(importer.import(channel, rev('f'), failing(), { source: 'test', batchSize: 1 })).rejects.toThrow('simulated crash');
    expect(await currentRows()).toEqual(before);
    expect(await snapshotKeys()).toEqual(snapshotBefore);
  });

  it('with a pool too small to hold a completing transaction open, rows are closed when the evaluation completes', async () => {
    const small = new Pool({ connectionString: db.url, max: 2 });
    try {
      const lines = bump(sampleLines(), 'AMB-plugins.x86_64-linux', '0.9.2');
      const g = await new EvaluationImporter(small).import(channel, rev('9'), inChunks(lines.slice(1), 30), { source: 'test', batchSize: 7 });
      // Against the previous test's evaluation: AMB-plugins bumped, ChowKick back to the sample's, the first line gone.
      expect(g.counts).toMatchObject({ changed: 2, removed: 1, unchanged: 91 });
      expect((await currentRows()).find((r) => r.attr === 'AMB-plugins.x86_64-linux')?.name).toBe('AMB-plugins-0.9.2');
      await expectSnapshotMatchesMembers(g.evaluationId);
    } finally {
      await small.end();
    }
  });

  it('stores what each evaluation changed until a few changes piled up, then the whole snapshot again', async () => {
    const other = { name: 'nixos-24.11', release: '24.11', variant: 'nixos' };
    const importOther = (revision: string, lines: string[]) => importer.import(other, revision, inChunks(lines, 30), { source: 'test', batchSize: 7 });
    const first = await importOther(rev('1'), sampleLines());
    expect(await storedRows(other.name)).toEqual({ whole: first.evaluationId, changes: [] });
    const ids: number[] = [];
    for (const [i, attr] of ['AMB-plugins', 'ArchiSteamFarm', 'LASzip'].entries()) {
      const next = await importOther(rev(String(i + 2)), bump(sampleLines(), `${attr}.x86_64-linux`, '7.7.7'));
      expect(next.counts).toMatchObject({ changed: i === 0 ? 1 : 2 }); // the bumped one, and the one bumped before back
      ids.push(next.evaluationId);
      await expectSnapshotMatchesMembers(next.evaluationId, other.name);
    }
    expect(await storedRows(other.name)).toEqual({ whole: first.evaluationId, changes: ids });
    // A fourth change: the whole snapshot is written instead, and the changes it covers dropped.
    const fifth = await importOther(rev('5'), sampleLines());
    await expectSnapshotMatchesMembers(fifth.evaluationId, other.name);
    expect(await storedRows(other.name)).toEqual({ whole: fifth.evaluationId, changes: [] });
    // A change that went missing breaks the chain: the next import rebuilds from channel_member.
    const sixth = await importOther(rev('6'), bump(sampleLines(), 'ChowKick.x86_64-linux', '7.7.7'));
    expect(await storedRows(other.name)).toEqual({ whole: fifth.evaluationId, changes: [sixth.evaluationId] });
    await pool.query('DELETE FROM channel_snapshot_change WHERE channel = $1', [other.name]);
    expect(await new ChannelSnapshotReader(pool).storedSnapshot(other.name)).toBeNull();
    const seventh = await importOther(rev('7'), sampleLines());
    expect(seventh.counts).toMatchObject({ changed: 1, unchanged: 93 });
    await expectSnapshotMatchesMembers(seventh.evaluationId, other.name);
    expect(await storedRows(other.name)).toEqual({ whole: seventh.evaluationId, changes: [] });
  });
});
