import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Pool, PoolClient } from 'pg';
import { withTransaction } from '../../database/transaction';
import { CveListIngester } from '../../ingestion/cve-list/cve-list.ingester';
import { createTestDatabase, TestDatabase } from '../../testing/test-database';
import { ALGORITHM_VERSION, CveMatch, GroupLink } from '../matcher/matcher';
import { LinkedCve, LINKER_ACTOR, writeLinks } from './suggestion-writer';

const CVE_DIR = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'cve');
const CVES = ['CVE-2023-38545', 'CVE-2024-3094', 'CVE-2024-9143'];
const UPDATED = new Date('2024-05-01T10:00:00.000Z');

/** A package group as the matcher returns it; the values are made up for the test, shaped like real ones. */
function group(attr: string, overrides: Partial<GroupLink> = {}): GroupLink {
  return {
    groupKey: `native:${attr}`,
    displayAttr: attr,
    ecosystem: 'native',
    confidence: 0.9,
    reasons: [{ signal: `CNA affected product "${attr}" (vendor "${attr}")`, rule: 'name', detail: `"${attr}" is ${attr}'s name; vendor and product are the same name`, confidence: 0.9 }],
    attrs: [attr],
    maintainers: ['svanderburg'],
    members: [{ attr, channel: 'nixos-unstable', version: '1.0', verdict: 'unknown', reason: '1.0 is in no listed version or range', rule: null }],
    verdict: 'unknown',
    knownVulnerability: false,
    doubt: null,
    ...overrides,
  };
}

function match(cveId: string, groups: GroupLink[], overrides: Partial<CveMatch> = {}): LinkedCve {
  return {
    cveUpdatedAt: UPDATED,
    match: {
      cveId, algorithmVersion: ALGORITHM_VERSION, groups, considered: [], confidence: groups[0]?.confidence ?? 0, score: groups.length ? 0.7 : 0,
      cvss: null, dismissal: null, notes: [], keys: groups.map((g) => g.displayAttr), ...overrides,
    },
  };
}

describe('writeLinks: one suggestion per CVE, its package groups, its linkage state', () => {
  let db: TestDatabase;
  let pool: Pool;
  const write = (linked: LinkedCve[]) => withTransaction(pool, (client) => writeLinks(client, linked));
  const suggestion = async (cveId: string) =>
    (await pool.query(`SELECT id, status, dismissal_reason, dismissal_detail, dismissed_by, group_count, explanation FROM suggestion WHERE cve_id = $1`, [cveId])).rows[0];
  const packages = async (cveId: string) =>
    (await pool.query(
      `SELECT p.group_key, p.display_attr, p.verdict, p.attrs, p.maintainers, p.reasons, p.members, p.known_vulnerability
       FROM suggestion_package p JOIN suggestion s ON s.id = p.suggestion_id WHERE s.cve_id = $1 ORDER BY p.group_key`,
      [cveId],
    )).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 4 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-writer-'));
    for (const id of CVES) fs.copyFileSync(path.join(CVE_DIR, `${id}.json`), path.join(dir, `${id}.json`));
    await new CveListIngester(pool).ingest(dir);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('stores the suggestion, every package group with its reasons and links, and what the CVE was looked up by', async () => {
    const xz = group('xz', { maintainers: ['svanderburg'], reasons: [{ signal: 'CNA affected package "xz"', rule: 'repository', detail: 'same repository', confidence: 0.92 }] });
    const result = await write([match('CVE-2024-3094', [xz, group('xz-utils', { confidence: 0.6 })], { notes: ['a note'], keys: ['repo:github.com/tukaani-project/xz', 'xz'] })]);
    expect(result).toEqual({ suggested: 1, withdrawn: 0 });
    expect(await suggestion('CVE-2024-3094')).toMatchObject({
      status: 'pending', dismissal_reason: null, dismissed_by: null, group_count: 2,
      explanation: { notes: ['a note'], considered: [], keys: ['repo:github.com/tukaani-project/xz', 'xz'] },
    });
    const rows = await packages('CVE-2024-3094');
    expect(rows.map((r) => r.group_key)).toEqual(['native:xz', 'native:xz-utils']);
    expect(rows[0]).toMatchObject({ display_attr: 'xz', attrs: ['xz'], maintainers: ['svanderburg'], reasons: xz.reasons, members: xz.members, known_vulnerability: false });
    const { rows: state } = await pool.query(`SELECT algorithm_version, cve_updated_at, keys FROM linkage_state WHERE cve_id = 'CVE-2024-3094'`);
    expect(state).toEqual([{ algorithm_version: ALGORITHM_VERSION, cve_updated_at: UPDATED, keys: ['repo:github.com/tukaani-project/xz', 'xz'] }]);
  });

  it('writing again updates the same row and replaces its groups: none of the old ones stays', async () => {
    const { id } = await suggestion('CVE-2024-3094');
    await write([match('CVE-2024-3094', [group('xz', { verdict: 'affected' })])]);
    expect(await suggestion('CVE-2024-3094')).toMatchObject({ id, group_count: 1 });
    expect((await packages('CVE-2024-3094')).map((r) => [r.group_key, r.verdict])).toEqual([['native:xz', 'affected']]);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM suggestion WHERE cve_id = 'CVE-2024-3094'`);
    expect(rows[0].n).toBe(1);
  });

  it('an automatic dismissal is stored with its reason and detail, by "nixsec"; a later match without one makes it pending again', async () => {
    const notAffected = { reason: 'not-affected' as const, detail: 'no packaged version is affected (e.g. xz 5.8.1: …)' };
    await write([match('CVE-2024-3094', [group('xz', { verdict: 'not-affected' })], { dismissal: notAffected })]);
    expect(await suggestion('CVE-2024-3094')).toMatchObject({ status: 'dismissed', dismissal_reason: 'not-affected', dismissal_detail: notAffected.detail, dismissed_by: LINKER_ACTOR });
    await write([match('CVE-2024-3094', [group('xz', { verdict: 'affected' })])]);
    expect(await suggestion('CVE-2024-3094')).toMatchObject({ status: 'pending', dismissal_reason: null, dismissal_detail: null, dismissed_by: null });
  });

  it("a person's dismissal stays as they left it while the packages are brought up to date", async () => {
    await write([match('CVE-2024-9143', [group('openssl')])]);
    await pool.query(
      `UPDATE suggestion SET status = 'dismissed', dismissal_reason = 'not-packaged', dismissal_detail = 'only the FIPS provider', dismissed_by = 'alice' WHERE cve_id = 'CVE-2024-9143'`,
    );
    await write([match('CVE-2024-9143', [group('openssl'), group('openssl_3')], { dismissal: { reason: 'not-affected', detail: 'automatic' } })]);
    expect(await suggestion('CVE-2024-9143')).toMatchObject({ status: 'dismissed', dismissal_reason: 'not-packaged', dismissal_detail: 'only the FIPS provider', dismissed_by: 'alice', group_count: 2 });
    expect((await packages('CVE-2024-9143')).map((r) => r.group_key)).toEqual(['native:openssl', 'native:openssl_3']);
  });

  it("a CVE that matches nothing any more withdraws its pending or automatically dismissed suggestion, never a person's", async () => {
    await write([match('CVE-2023-38545', [group('curl')], { dismissal: { reason: 'not-affected', detail: 'automatic' } })]);
    const result = await write([
      match('CVE-2023-38545', []),
      match('CVE-2024-3094', [], { notes: ['the CVE is rejected'] }),
      match('CVE-2024-9143', []),
    ]);
    expect(result).toEqual({ suggested: 0, withdrawn: 2 });
    expect(await suggestion('CVE-2023-38545')).toMatchObject({
      status: 'withdrawn', dismissal_reason: null, dismissed_by: null, group_count: 0, explanation: { notes: ['no package matches any more'] },
    });
    expect(await suggestion('CVE-2024-3094')).toMatchObject({ status: 'withdrawn', group_count: 0, explanation: { notes: ['the CVE is rejected'] } });
    expect(await packages('CVE-2023-38545')).toEqual([]);
    expect(await packages('CVE-2024-3094')).toEqual([]);
    expect(await suggestion('CVE-2024-9143')).toMatchObject({ status: 'dismissed', dismissed_by: 'alice' });

    // Withdrawing again is not news; a new match brings the suggestion back as pending.
    expect(await write([match('CVE-2023-38545', [])])).toEqual({ suggested: 0, withdrawn: 0 });
    await write([match('CVE-2023-38545', [group('curl')])]);
    expect(await suggestion('CVE-2023-38545')).toMatchObject({ status: 'pending', group_count: 1 });
  });

  it('the database refuses a second suggestion for a CVE, and a dismissal without a reason', async () => {
    const insert = (status: string, reason: string | null) =>
      pool.query(
        `INSERT INTO suggestion (cve_id, status, dismissal_reason, confidence, score, group_count, explanation, algorithm_version)
         VALUES ('CVE-2023-38545', $1, $2, 0.5, 0.5, 0, '{}', 1)`,
        [status, reason],
      );
    await expect(insert('pending', null)).rejects.toMatchObject({ code: '23505', constraint: 'suggestion_cve_id_key' });
    await pool.query(`DELETE FROM suggestion WHERE cve_id = 'CVE-2023-38545'`);
    await expect(insert('dismissed', null)).rejects.toMatchObject({ code: '23514' });
  });

  it('two transactions writing the same new CVE: one row, holding the groups of the one that committed last', async () => {
    await pool.query(`DELETE FROM suggestion WHERE cve_id = 'CVE-2023-38545'`);
    const first: PoolClient = await pool.connect();
    const second: PoolClient = await pool.connect();
    try {
      await first.query('BEGIN');
      await second.query('BEGIN');
      await writeLinks(first, [match('CVE-2023-38545', [group('curl'), group('curlMinimal')])]);
      // The second writer waits on the first one's uncommitted row instead of inserting another.
      const waiting = writeLinks(second, [match('CVE-2023-38545', [group('curl', { verdict: 'affected' })])]).then(async (r) => {
        await second.query('COMMIT');
        return r;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.query('COMMIT');
      expect(await waiting).toEqual({ suggested: 1, withdrawn: 0 });
    } finally {
      first.release();
      second.release();
    }
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM suggestion WHERE cve_id = 'CVE-2023-38545'`);
    expect(rows[0].n).toBe(1);
    expect(await suggestion('CVE-2023-38545')).toMatchObject({ group_count: 1 });
    expect((await packages('CVE-2023-38545')).map((r) => [r.group_key, r.verdict])).toEqual([['native:curl', 'affected']]);
  });
});
