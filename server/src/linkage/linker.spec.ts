import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Pool } from 'pg';
import { CveListIngester } from '../ingestion/cve-list/cve-list.ingester';
import { EvaluationImporter } from '../ingestion/evaluations/evaluation-importer';
import { createTestDatabase, TestDatabase } from '../testing/test-database';
import { Linker } from './linker';
import { ALGORITHM_VERSION } from './matcher/matcher';
import { MappingRuleStore } from './store/mapping-rule.store';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures');
const CVE_DIR = path.join(FIXTURES, 'cve');
// Hand-made nix-eval-jobs lines modelled on rows of universe.tsv.gz (see test/fixtures/linkage/db/README.md) …
const CHANNEL = path.join(FIXTURES, 'linkage', 'db', 'nixos-unstable.jsonl');
// … plus the 94 real-derived lines of the evaluation sample, as packages that match none of the CVEs.
const SAMPLE = path.join(FIXTURES, 'nixpkgs', 'eval-sample.jsonl');
const unstable = { name: 'nixos-unstable', release: 'unstable', variant: 'nixos' };
const stable = { name: 'nixos-25.05', release: '25.05', variant: 'nixos' };

const readLines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
const channelLines = () => [...readLines(CHANNEL), ...readLines(SAMPLE)];
const cveFiles = () => fs.readdirSync(CVE_DIR).filter((f) => /^CVE-.*\.json$/.test(f)).sort();

async function* iterate(lines: string[]) {
  yield* lines;
}

type EvalLine = { attr: string; attrPath: string[]; name: string; drvPath: string; system: string; meta: Record<string, unknown> };

/** The lines with every system of `attr` rewritten by `edit`; other lines stay byte-identical, as nix-eval-jobs prints them. */
function editAttr(lines: string[], attr: string, edit: (line: EvalLine) => void): string[] {
  let found = false;
  const out = lines.map((text) => {
    const line = JSON.parse(text) as EvalLine;
    if (line.attrPath.slice(0, -1).join('.') !== attr) return text;
    found = true;
    edit(line);
    return JSON.stringify(line);
  });
  if (!found) throw new Error(`no line for ${attr}`);
  return out;
}

/** The package at another version: a new name and drvPath, as a version bump gives. */
const withVersion = (lines: string[], attr: string, version: string) =>
  editAttr(lines, attr, (line) => {
    const pname = String(line.meta.pname);
    line.name = line.meta.name = `${pname}-${version}`;
    line.meta.version = version;
    line.drvPath = line.drvPath.replace(/-[^/]*\.drv$/, `-${pname}-${version}.drv`).replace(/\/nix\/store\/./, '/nix/store/0');
  });

const withoutAttr = (lines: string[], attr: string) => lines.filter((text) => (JSON.parse(text) as EvalLine).attrPath.slice(0, -1).join('.') !== attr);

/** A temporary directory with copies of the real CVE records (the 16 top-level ones, or some). */
function cveDir(files = cveFiles()): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-linkage-'));
  for (const f of files) fs.copyFileSync(path.join(CVE_DIR, f), path.join(dir, f));
  return dir;
}

function editRecord(dir: string, cveId: string, edit: (record: any) => void): void {
  const file = path.join(dir, `${cveId}.json`);
  const record = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(record);
  fs.writeFileSync(file, JSON.stringify(record));
}

interface StoredSuggestion {
  status: string;
  dismissalReason: string | null;
  dismissalDetail: string | null;
  dismissedBy: string | null;
  groupCount: number;
  notes: string[];
  packages: { displayAttr: string; attrs: string[]; verdict: string; knownVulnerability: boolean; members: { attr: string; channel: string; version: string; verdict: string; reason: string }[] }[];
}

async function suggestions(pool: Pool): Promise<Map<string, StoredSuggestion>> {
  const { rows } = await pool.query<StoredSuggestion & { cveId: string }>(`
    SELECT s.cve_id AS "cveId", s.status, s.dismissal_reason AS "dismissalReason", s.dismissal_detail AS "dismissalDetail",
           s.dismissed_by AS "dismissedBy", s.group_count AS "groupCount", s.explanation->'notes' AS notes,
           coalesce(json_agg(json_build_object('displayAttr', p.display_attr, 'attrs', p.attrs, 'verdict', p.verdict,
             'knownVulnerability', p.known_vulnerability, 'members', p.members) ORDER BY p.display_attr) FILTER (WHERE p.group_key IS NOT NULL), '[]') AS packages
    FROM suggestion s LEFT JOIN suggestion_package p ON p.suggestion_id = s.id
    GROUP BY s.id ORDER BY s.cve_id`);
  return new Map(rows.map(({ cveId, ...s }) => [cveId, s]));
}

async function linkedAt(pool: Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ cve_id: string; linked_at: Date }>(`SELECT cve_id, linked_at FROM linkage_state`);
  return new Map(rows.map((r) => [r.cve_id, r.linked_at.getTime()]));
}

/** CVEs whose linkage state was rewritten between two snapshots. */
function relinked(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after].filter(([id, at]) => before.get(id) !== at).map(([id]) => id).sort();
}

const attrsOf = (s: StoredSuggestion | undefined) => s?.packages.flatMap((p) => p.attrs).sort();

/** A migrated database with the real CVE records and one evaluation of the hand-made channel. */
async function seeded(files = cveFiles()): Promise<{ db: TestDatabase; pool: Pool; dir: string; close: () => Promise<void> }> {
  const db = await createTestDatabase();
  const pool = new Pool({ connectionString: db.url, max: 4 });
  const dir = cveDir(files);
  await new CveListIngester(pool).ingest(dir);
  await new EvaluationImporter(pool).import(unstable, 'a'.repeat(40), iterate(channelLines()), { source: 'test' });
  return {
    db,
    pool,
    dir,
    close: async () => {
      await pool.end();
      await db.drop();
    },
  };
}

describe('Linker: incremental linking of stored CVEs against the current channels', () => {
  let env: Awaited<ReturnType<typeof seeded>>;
  const later = 'CVE-2024-32002.json';
  beforeAll(async () => {
    env = await seeded(cveFiles().filter((f) => f !== later));
  });
  afterAll(() => env.close());

  it('a first run follows the evaluation and links every CVE: one suggestion per matching CVE, with the right packages', async () => {
    const summary = await new Linker(env.pool).run();
    expect(summary).toMatchObject({ linked: 15, evaluationsFollowed: 1, withdrawn: 0 });
    const stored = await suggestions(env.pool);
    expect(summary.suggested).toBe(stored.size);
    expect([...stored.keys()]).toEqual(['CVE-2016-1897', 'CVE-2018-14618', 'CVE-2023-38545', 'CVE-2024-1086', 'CVE-2024-3094', 'CVE-2024-9143', 'CVE-2024-9680', 'CVE-2025-21631']);
    // curl's attributes in one group; the Haskell binding named "curl" is another project.
    expect(attrsOf(stored.get('CVE-2023-38545'))).toEqual(['curl', 'curlMinimal']);
    expect(attrsOf(stored.get('CVE-2024-9143'))).toEqual(['openssl', 'openssl_1_1', 'openssl_3']);
    expect(attrsOf(stored.get('CVE-2024-1086'))).toEqual(['linux', 'linuxKernel.kernels.linux_6_1', 'linuxKernel.kernels.linux_6_6']);
    expect(stored.get('CVE-2024-1086')).toMatchObject({ status: 'pending', groupCount: 1, packages: [{ verdict: 'affected' }] });
    // Both systems of curl fold into one link per channel.
    expect(stored.get('CVE-2023-38545')!.packages[0].members.filter((m) => m.attr === 'curl')).toEqual([
      expect.objectContaining({ channel: 'nixos-unstable', version: '8.14.1' }),
    ]);
    const [{ n }] = (await env.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM linkage_state`)).rows;
    expect(n).toBe(15);
  });

  it('a second run links nothing and changes no suggestion', async () => {
    const before = await suggestions(env.pool);
    const stamps = (await env.pool.query(`SELECT cve_id, updated_at FROM suggestion ORDER BY cve_id`)).rows;
    const summary = await new Linker(env.pool).run();
    expect(summary).toEqual({ linked: 0, suggested: 0, withdrawn: 0, evaluationsFollowed: 0, fullRelink: false });
    expect(await suggestions(env.pool)).toEqual(before);
    expect((await env.pool.query(`SELECT cve_id, updated_at FROM suggestion ORDER BY cve_id`)).rows).toEqual(stamps);
  });

  it('a CVE ingested later is linked by the next run, and only it', async () => {
    const before = await linkedAt(env.pool);
    fs.copyFileSync(path.join(CVE_DIR, later), path.join(env.dir, later));
    expect((await new CveListIngester(env.pool).ingest(env.dir)).counts).toMatchObject({ ingested: 1, unchanged: 15 });
    const summary = await new Linker(env.pool).run();
    expect(summary).toMatchObject({ linked: 1, suggested: 1, evaluationsFollowed: 0 });
    expect(relinked(before, await linkedAt(env.pool))).toEqual(['CVE-2024-32002']);
    const git = (await suggestions(env.pool)).get('CVE-2024-32002');
    expect(git).toMatchObject({ status: 'pending', packages: [{ displayAttr: 'git', attrs: ['git'], verdict: 'unknown' }] });
  });

  it('re-ingesting a changed record re-links just that CVE, and the new statement decides', async () => {
    const before = await linkedAt(env.pool);
    // Made up by this test: the git CNA additionally lists the packaged 2.51.0 as affected (and dates the update).
    editRecord(env.dir, 'CVE-2024-32002', (record) => {
      record.containers.cna.affected[0].versions.push({ version: '2.51.0', status: 'affected' });
      record.cveMetadata.dateUpdated = '2025-01-01T00:00:00.000Z';
    });
    expect((await new CveListIngester(env.pool).ingest(env.dir)).counts).toMatchObject({ updated: 1 });
    const summary = await new Linker(env.pool).run();
    expect(summary).toMatchObject({ linked: 1, evaluationsFollowed: 0 });
    expect(relinked(before, await linkedAt(env.pool))).toEqual(['CVE-2024-32002']);
    const git = (await suggestions(env.pool)).get('CVE-2024-32002')!;
    expect(git.packages[0].verdict).toBe('affected');
    expect(git.packages[0].members[0]).toMatchObject({ attr: 'git', version: '2.51.0', verdict: 'affected', reason: expect.stringContaining('2.51.0') });
  });

  it('relinkAll re-links every CVE and arrives at the same suggestions', async () => {
    const before = await suggestions(env.pool);
    const stamps = await linkedAt(env.pool);
    const summary = await new Linker(env.pool).relinkAll();
    expect(summary).toMatchObject({ linked: 16, suggested: before.size, withdrawn: 0 });
    expect(relinked(stamps, await linkedAt(env.pool))).toHaveLength(16);
    expect(await suggestions(env.pool)).toEqual(before);
    const { rows } = await env.pool.query(`SELECT DISTINCT algorithm_version FROM linkage_state`);
    expect(rows).toEqual([{ algorithm_version: ALGORITHM_VERSION }]);
  });

  it('a record whose affected versions changed while its dates, title and description did not is re-linked too', async () => {
    // What the CVE's merged row shows did not change (as when NVD re-analyses a CVE whose CVE List record
    // provides those fields); what the matcher reads did. Made up by this test: the 2.51.0 entry is taken back.
    const before = await linkedAt(env.pool);
    editRecord(env.dir, 'CVE-2024-32002', (record) => {
      record.containers.cna.affected[0].versions = record.containers.cna.affected[0].versions.filter((v: { version: string }) => v.version !== '2.51.0');
    });
    expect((await new CveListIngester(env.pool).ingest(env.dir)).counts).toMatchObject({ updated: 1 });
    const summary = await new Linker(env.pool).run();
    expect((await suggestions(env.pool)).get('CVE-2024-32002')!.packages[0].verdict).toBe('unknown');
    expect(summary).toMatchObject({ linked: 1 });
    expect(relinked(before, await linkedAt(env.pool))).toEqual(['CVE-2024-32002']);
  });
});

describe('Linker: auto-dismissal reasons are stored with the suggestion', () => {
  let env: Awaited<ReturnType<typeof seeded>>;
  beforeAll(async () => {
    env = await seeded();
    await new Linker(env.pool).run();
  });
  afterAll(() => env.close());

  it('not-affected: the xz backdoor (5.6.0, 5.6.1) against xz 5.8.1', async () => {
    const xz = (await suggestions(env.pool)).get('CVE-2024-3094')!;
    expect(xz).toMatchObject({ status: 'dismissed', dismissalReason: 'not-affected', dismissedBy: 'nixsec' });
    expect(xz.dismissalDetail).toMatch(/^no packaged version is affected \(e\.g\. xz 5\.8\.1: /);
    expect(xz.packages).toEqual([expect.objectContaining({ displayAttr: 'xz', verdict: 'not-affected', knownVulnerability: false })]);
    expect(xz.packages[0].members).toEqual([expect.objectContaining({ attr: 'xz', channel: 'nixos-unstable', version: '5.8.1', verdict: 'not-affected' })]);
  });

  it('known-vulnerability: a package whose meta.knownVulnerabilities lists the CVE (after an evaluation adds it)', async () => {
    expect((await suggestions(env.pool)).get('CVE-2016-1897')).toMatchObject({ status: 'pending', dismissalReason: null });
    const lines = editAttr(channelLines(), 'ffmpeg', (line) => {
      line.meta.knownVulnerabilities = ['CVE-2016-1897'];
    });
    await new EvaluationImporter(env.pool).import(unstable, 'b'.repeat(40), iterate(lines), { source: 'test' });
    const summary = await new Linker(env.pool).run();
    expect(summary).toMatchObject({ linked: 1, evaluationsFollowed: 1, fullRelink: false });
    const ffmpeg = (await suggestions(env.pool)).get('CVE-2016-1897')!;
    expect(ffmpeg).toMatchObject({ status: 'dismissed', dismissalReason: 'known-vulnerability', dismissedBy: 'nixsec' });
    expect(ffmpeg.dismissalDetail).toMatch(/knownVulnerabilities/);
    expect(ffmpeg.packages).toEqual([expect.objectContaining({ displayAttr: 'ffmpeg', knownVulnerability: true })]);
  });
});

describe('Linker: a new evaluation re-links the CVEs of the packages it changed', () => {
  let env: Awaited<ReturnType<typeof seeded>>;
  beforeAll(async () => {
    env = await seeded();
    await new Linker(env.pool).run();
  });
  afterAll(() => env.close());

  it('xz 5.8.1 → 5.6.1: only the xz CVE is re-linked, and its auto-dismissal is undone (affected)', async () => {
    const before = await suggestions(env.pool);
    const stamps = await linkedAt(env.pool);
    await new EvaluationImporter(env.pool).import(unstable, 'b'.repeat(40), iterate(withVersion(channelLines(), 'xz', '5.6.1')), { source: 'test' });
    const summary = await new Linker(env.pool).run();
    expect(summary).toMatchObject({ linked: 1, evaluationsFollowed: 1, fullRelink: false });
    expect(relinked(stamps, await linkedAt(env.pool))).toEqual(['CVE-2024-3094']);
    const after = await suggestions(env.pool);
    expect(after.get('CVE-2024-3094')).toMatchObject({ status: 'pending', dismissalReason: null, dismissedBy: null, packages: [{ verdict: 'affected' }] });
    expect(after.get('CVE-2024-3094')!.packages[0].members).toEqual([
      expect.objectContaining({ attr: 'xz', version: '5.6.1', verdict: 'affected', reason: expect.stringContaining('5.6.1') }),
    ]);
    for (const [id, s] of before) if (id !== 'CVE-2024-3094') expect(after.get(id)).toEqual(s);
  });

  it('openssl_3 3.0.17 → 3.0.15: only the OpenSSL CVE is re-linked; that link turns affected', async () => {
    const stamps = await linkedAt(env.pool);
    const link = async () => (await suggestions(env.pool)).get('CVE-2024-9143')!.packages[0].members.find((m) => m.attr === 'openssl_3');
    expect(await link()).toMatchObject({ version: '3.0.17', verdict: 'not-affected' });
    const lines = withVersion(withVersion(channelLines(), 'xz', '5.6.1'), 'openssl_3', '3.0.15');
    await new EvaluationImporter(env.pool).import(unstable, 'c'.repeat(40), iterate(lines), { source: 'test' });
    expect(await new Linker(env.pool).run()).toMatchObject({ linked: 1, evaluationsFollowed: 1 });
    expect(relinked(stamps, await linkedAt(env.pool))).toEqual(['CVE-2024-9143']);
    expect(await link()).toMatchObject({ version: '3.0.15', verdict: 'affected', reason: expect.stringContaining('3.0.16') });
  });

  it('a package removed from the channel withdraws the suggestion that matched only it', async () => {
    expect((await suggestions(env.pool)).get('CVE-2024-32002')).toMatchObject({ status: 'pending', packages: [{ attrs: ['git'] }] });
    const lines = withoutAttr(withVersion(withVersion(channelLines(), 'xz', '5.6.1'), 'openssl_3', '3.0.15'), 'git');
    const imported = await new EvaluationImporter(env.pool).import(unstable, 'd'.repeat(40), iterate(lines), { source: 'test' });
    expect(imported.counts).toMatchObject({ removed: 1, added: 0, changed: 0 });
    const summary = await new Linker(env.pool).run();
    expect(summary.evaluationsFollowed).toBe(1);
    const git = (await suggestions(env.pool)).get('CVE-2024-32002')!;
    expect(git).toMatchObject({ status: 'withdrawn', groupCount: 0, packages: [] });
    expect(summary).toMatchObject({ linked: 1, withdrawn: 1 });
  });
});

describe('Linker: evaluations of several channels', () => {
  let env: Awaited<ReturnType<typeof seeded>>;
  beforeAll(async () => {
    env = await seeded();
    await new Linker(env.pool).run();
  });
  afterAll(() => env.close());

  it('an evaluation that completes after a newer one was followed is still followed', async () => {
    // nixos-25.05 starts importing (it gets the lower evaluation id) and is still running while nixos-unstable's next
    // evaluation completes and the linker follows that one; then nixos-25.05 completes, shipping xz 5.6.1.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slow() {
      await gate;
      yield* withVersion(channelLines(), 'xz', '5.6.1');
    }
    const importer = new EvaluationImporter(env.pool);
    const stableImport = importer.import(stable, 'e'.repeat(40), slow(), { source: 'test' });
    for (let i = 0; i < 100; i++) {
      const { rows } = await env.pool.query(`SELECT 1 FROM evaluation WHERE channel = 'nixos-25.05' AND status = 'running'`);
      if (rows.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await importer.import(unstable, 'b'.repeat(40), iterate(withVersion(channelLines(), 'openssl_3', '3.0.15')), { source: 'test' });
    expect(await new Linker(env.pool).run()).toMatchObject({ evaluationsFollowed: 1 });
    release();
    expect((await stableImport).status).toBe('completed');

    const summary = await new Linker(env.pool).run();
    expect(summary.evaluationsFollowed).toBe(1);
    const xz = (await suggestions(env.pool)).get('CVE-2024-3094')!;
    expect(xz).toMatchObject({ status: 'pending', packages: [{ verdict: 'affected' }] });
    expect(xz.packages[0].members.map((m) => [m.channel, m.version, m.verdict])).toEqual(
      expect.arrayContaining([['nixos-25.05', '5.6.1', 'affected'], ['nixos-unstable', '5.8.1', 'not-affected']]),
    );
  });
});

describe('Linker: rejected CVEs and human decisions', () => {
  let env: Awaited<ReturnType<typeof seeded>>;
  beforeAll(async () => {
    env = await seeded();
    await new Linker(env.pool).run();
  });
  afterAll(() => env.close());

  it('a record that becomes REJECTED withdraws its pending suggestion: no packages, a note saying so', async () => {
    expect((await suggestions(env.pool)).get('CVE-2023-38545')).toMatchObject({ status: 'pending', groupCount: 1 });
    // Made up by this test, in the shape of the real rejected record CVE-2023-5129.
    editRecord(env.dir, 'CVE-2023-38545', (record) => {
      record.cveMetadata.state = 'REJECTED';
      record.cveMetadata.dateRejected = '2024-01-01T00:00:00.000Z';
      record.containers = {
        cna: { providerMetadata: record.containers.cna.providerMetadata, rejectedReasons: [{ lang: 'en', value: 'Rejected by this test.' }] },
      };
    });
    await new CveListIngester(env.pool).ingest(env.dir);
    const summary = await new Linker(env.pool).run();
    expect(summary).toMatchObject({ linked: 1, suggested: 0, withdrawn: 1 });
    const curl = (await suggestions(env.pool)).get('CVE-2023-38545')!;
    expect(curl).toMatchObject({ status: 'withdrawn', groupCount: 0, packages: [], dismissalReason: null, dismissedBy: null });
    expect(curl.notes.join(' ')).toMatch(/rejected/);
  });

  it("a person's dismissal survives re-linking; an automatic one is decided again", async () => {
    await env.pool.query(
      `UPDATE suggestion SET status = 'dismissed', dismissal_reason = 'not-packaged', dismissal_detail = 'we ship curl without SOCKS5', dismissed_by = 'alice'
       WHERE cve_id = 'CVE-2018-14618'`,
    );
    // A stale automatic decision: the linker made it, so the linker may change it.
    await env.pool.query(`UPDATE suggestion SET status = 'dismissed', dismissal_reason = 'hardware-only', dismissal_detail = 'stale', dismissed_by = 'nixsec' WHERE cve_id = 'CVE-2024-1086'`);
    await new Linker(env.pool).relinkAll();
    const after = await suggestions(env.pool);
    expect(after.get('CVE-2018-14618')).toMatchObject({
      status: 'dismissed', dismissalReason: 'not-packaged', dismissalDetail: 'we ship curl without SOCKS5', dismissedBy: 'alice', packages: [{ displayAttr: 'curl' }],
    });
    expect(after.get('CVE-2024-1086')).toMatchObject({ status: 'pending', dismissalReason: null, dismissalDetail: null, dismissedBy: null });
  });

  it("a person's dismissal also survives the CVE being rejected", async () => {
    editRecord(env.dir, 'CVE-2018-14618', (record) => {
      record.cveMetadata.state = 'REJECTED';
      record.containers = { cna: { providerMetadata: record.containers.cna.providerMetadata, rejectedReasons: [{ lang: 'en', value: 'Rejected by this test.' }] } };
    });
    await new CveListIngester(env.pool).ingest(env.dir);
    await new Linker(env.pool).run();
    expect((await suggestions(env.pool)).get('CVE-2018-14618')).toMatchObject({ status: 'dismissed', dismissedBy: 'alice', dismissalReason: 'not-packaged' });
  });
});

describe('Linker: curated mapping rules take effect when re-linked', () => {
  let env: Awaited<ReturnType<typeof seeded>>;
  beforeAll(async () => {
    env = await seeded();
    await new Linker(env.pool).run();
  });
  afterAll(() => env.close());

  it('a "never" rule stops a match, a vendor-specific one only for that vendor, and a "map" rule creates one (curated, confidence 1)', async () => {
    const rules = new MappingRuleStore(env.pool);
    const before = await suggestions(env.pool);
    expect(before.get('CVE-2016-1897')).toMatchObject({ status: 'pending', packages: [{ displayAttr: 'ffmpeg' }] });
    expect(attrsOf(before.get('CVE-2024-9680'))).toEqual(['firefox', 'firefox-esr']);

    const ffmpeg = await rules.create({ vendor: null, product: 'ffmpeg', action: 'never', packages: [], note: 'test rule: not FFmpeg' }, 'alice');
    await rules.create({ vendor: 'curl', product: 'curl', action: 'never', packages: ['curlMinimal'], note: 'test rule: curlMinimal lacks it' }, 'alice');
    const thunderbird = await rules.create({ vendor: 'mozilla', product: 'thunderbird', action: 'map', packages: ['thunderbird'], note: 'Thunderbird' }, 'alice');
    await new Linker(env.pool).relinkAll();

    const after = await suggestions(env.pool);
    expect(after.get('CVE-2016-1897')).toMatchObject({ status: 'withdrawn', packages: [] });
    expect(after.get('CVE-2016-1897')!.notes).toContainEqual(expect.stringContaining(`never matched (curated rule #${ffmpeg.id}: test rule: not FFmpeg)`));
    expect(attrsOf(after.get('CVE-2023-38545'))).toEqual(['curl']);
    expect(attrsOf(after.get('CVE-2018-14618'))).toEqual(['curl', 'curlMinimal']);
    const { rows } = await env.pool.query(
      `SELECT p.confidence, p.attrs, p.reasons FROM suggestion_package p JOIN suggestion s ON s.id = p.suggestion_id WHERE s.cve_id = 'CVE-2024-9680' AND p.group_key = 'native:thunderbird'`,
    );
    expect(rows).toEqual([{ confidence: 1, attrs: ['thunderbird-esr', 'thunderbird-latest'], reasons: expect.arrayContaining([
      expect.objectContaining({ rule: 'curated', confidence: 1, detail: expect.stringContaining(`curated rule #${thunderbird.id} maps it to "thunderbird"`) }),
    ]) }]);

    await rules.remove(ffmpeg.id, 'alice');
    await new Linker(env.pool).relinkAll();
    expect((await suggestions(env.pool)).get('CVE-2016-1897')).toMatchObject({ status: 'pending', packages: [{ displayAttr: 'ffmpeg' }] });
  });
});

describe('Linker: concurrent linkers', () => {
  let env: Awaited<ReturnType<typeof seeded>>;
  const pools: Pool[] = [];
  beforeAll(async () => {
    env = await seeded();
    for (let i = 0; i < 3; i++) pools.push(new Pool({ connectionString: env.db.url, max: 2 }));
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await env.close();
  });

  it('never create a second suggestion for a CVE, and leave the package set of a single linker', async () => {
    const ids = cveFiles().map((f) => f.replace('.json', ''));
    await new Linker(env.pool).linkIds(ids);
    const expected = await suggestions(env.pool);
    expect(expected.size).toBe(9);
    const linkers = pools.map((p) => new Linker(p));
    for (let round = 0; round < 6; round++) {
      // Even rounds race to insert new rows, odd rounds to update the existing ones.
      if (round % 2 === 0) await env.pool.query(`DELETE FROM suggestion; DELETE FROM linkage_state`);
      await Promise.all([
        linkers[0].linkIds(ids),
        linkers[1].linkIds([...ids].reverse().slice(0, 12)),
        linkers[2].linkIds(ids.slice(3)),
        linkers[0].linkIds(ids.slice(0, 9)),
      ]);
      const { rows } = await env.pool.query(`SELECT cve_id, count(*)::int AS n FROM suggestion GROUP BY cve_id HAVING count(*) > 1`);
      expect(rows).toEqual([]);
      expect(await suggestions(env.pool)).toEqual(expected);
      const mismatched = await env.pool.query(
        `SELECT s.cve_id FROM suggestion s WHERE s.group_count <> (SELECT count(*) FROM suggestion_package p WHERE p.suggestion_id = s.id)`,
      );
      expect(mismatched.rows).toEqual([]);
    }
  });

  it('two full runs at once leave one suggestion per CVE', async () => {
    await env.pool.query(`DELETE FROM suggestion; DELETE FROM linkage_state; DELETE FROM linkage_checkpoint`);
    const summaries = await Promise.all(pools.slice(0, 2).map((p) => new Linker(p).run()));
    expect(summaries.every((s) => s.evaluationsFollowed === 1)).toBe(true);
    const { rows } = await env.pool.query(`SELECT count(*)::int AS n, count(DISTINCT cve_id)::int AS d FROM suggestion`);
    expect(rows[0]).toEqual({ n: 9, d: 9 });
  });
});
