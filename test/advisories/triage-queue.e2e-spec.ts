import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { pgPool } from '../../server/src/database/pg-pool';
import { EvaluationImporter } from '../../server/src/ingestion/evaluations/evaluation-importer';
import { Linker } from '../../server/src/linkage/linker';
import { startWorld, World } from './support';

const QUEUE = `query ($status: String, $channel: String, $stableOnly: Boolean, $minSeverity: String, $cveYear: Int, $text: String, $sort: String, $first: Int!, $after: String) {
  suggestions(status: $status, channel: $channel, stableOnly: $stableOnly, minSeverity: $minSeverity, cveYear: $cveYear, text: $text, sort: $sort, first: $first, after: $after) {
    totalCount hasNextPage endCursor edges { cursor node { id cveId cvss createdAt score } }
  }
}`;

/** The triage queue's filters, orders and cursor pagination over the linked fixtures. */
describe('triage queue', () => {
  let w: World;
  const ids = async (variables: Record<string, unknown>) => {
    const r = await w.anonymous(QUEUE, { status: 'pending', first: 50, ...variables });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data.suggestions.edges.map((e: any) => e.node.cveId);
  };
  beforeAll(async () => {
    w = await startWorld();
    // nixos-25.05 ships the same curl (made-up release-channel evaluation: the unstable lines again).
    const lines = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'linkage', 'db', 'nixos-unstable.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"curl"'));
    const pool = pgPool(w.t.app.get(DataSource));
    await new EvaluationImporter(pool).import({ name: 'nixos-25.05', release: '25.05', variant: 'nixos' }, 'c'.repeat(40), (async function* () { yield* lines; })(), { source: 'test' });
    await new Linker(pool).run();
  });
  afterAll(() => w?.close());

  it('filters by severity band, CVE year, channel, release channels and free text', async () => {
    expect((await ids({ minSeverity: 'high' })).sort()).toEqual(['CVE-2018-14618', 'CVE-2024-1086', 'CVE-2024-32002']);
    expect(await ids({ minSeverity: 'critical' })).toEqual(['CVE-2024-32002']);
    expect((await ids({ cveYear: 2024 })).sort()).toEqual(['CVE-2024-1086', 'CVE-2024-32002', 'CVE-2024-9143']);
    expect((await ids({ stableOnly: true })).sort()).toEqual(['CVE-2018-14618', 'CVE-2023-38545']);
    expect((await ids({ channel: 'nixos-25.05' })).sort()).toEqual(['CVE-2018-14618', 'CVE-2023-38545']);
    expect(await ids({ text: 'SOCKS5 proxy' })).toEqual(['CVE-2023-38545']);
    expect((await ids({ text: 'curl' })).sort()).toEqual(['CVE-2018-14618', 'CVE-2023-38545']);
    const bad = await w.anonymous(QUEUE, { minSeverity: 'huge', first: 5 });
    expect(bad.errors?.[0]).toMatchObject({ message: expect.stringMatching(/minSeverity: "huge" is not one of low, medium, high, critical/), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it.each(['relevance', 'date', 'severity'])('sorted by %s, pages of 2 walk the whole queue once, in order', async (sort) => {
    const all = await w.anonymous(QUEUE, { status: 'pending', sort, first: 50 });
    const expected = all.data.suggestions.edges.map((e: any) => e.node);
    const key = (n: any) => (sort === 'relevance' ? n.score : sort === 'date' ? Date.parse(n.createdAt) : (n.cvss ?? -1));
    for (let i = 1; i < expected.length; i++) expect(key(expected[i - 1])).toBeGreaterThanOrEqual(key(expected[i]));
    const walked: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await w.anonymous(QUEUE, { status: 'pending', sort, first: 2, after })).data.suggestions;
      expect(page.totalCount).toBe(expected.length);
      walked.push(...page.edges.map((e: any) => e.node.cveId));
      after = page.hasNextPage ? page.endCursor : null;
    } while (after);
    expect(walked).toEqual(expected.map((n: any) => n.cveId));
  });

  it('the queue shrinks as decisions are made: a dismissed or accepted suggestion leaves the pending list', async () => {
    const before = (await w.anonymous(QUEUE, { status: 'pending', first: 50 })).data.suggestions.totalCount;
    const curl = await w.suggestionId('CVE-2018-14618');
    const git = await w.suggestionId('CVE-2024-32002');
    await w.as.sam(`mutation ($ids: [ID!]!) { dismissSuggestions(ids: $ids, reason: "not-for-us") { changed } }`, { ids: [curl] });
    await w.as.sam(`mutation ($ids: [ID!]!) { acceptSuggestions(ids: $ids) { id } }`, { ids: [git] });
    const after = await w.anonymous(QUEUE, { status: 'pending', first: 50 });
    expect(after.data.suggestions.totalCount).toBe(before - 2);
    expect(after.data.suggestions.edges.map((e: any) => e.node.cveId)).not.toContain('CVE-2018-14618');
    expect(await ids({ status: 'accepted' })).toEqual(['CVE-2024-32002']);
  });
});
