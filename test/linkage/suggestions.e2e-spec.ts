import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { pgPool } from '../../server/src/database/pg-pool';
import { EvaluationImporter } from '../../server/src/ingestion/evaluations/evaluation-importer';
import { Linker } from '../../server/src/linkage/linker';
import { ALGORITHM_VERSION } from '../../server/src/linkage/matcher/matcher';
import { MappingRuleStore } from '../../server/src/linkage/store/mapping-rule.store';
import { startTestApp, TestApp } from '../../server/src/testing/test-app';
import { copyFixtures, gql, ingester, sql } from '../ingestion/support';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const readLines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
// Hand-made lines modelled on universe.tsv.gz rows (test/fixtures/linkage/db/README.md) and the real-derived sample.
const channelLines = () => [...readLines(path.join(FIXTURES, 'linkage', 'db', 'nixos-unstable.jsonl')), ...readLines(path.join(FIXTURES, 'nixpkgs', 'eval-sample.jsonl'))];
async function* iterate(lines: string[]) {
  yield* lines;
}

/** nixos-25.05 as made up by this test: the same packages, openssl_3 at 3.0.15 (a version CVE-2024-9143 affects). */
function stableLines(): string[] {
  return channelLines().map((text) => {
    const line = JSON.parse(text);
    if (line.attrPath[0] !== 'openssl_3') return text;
    line.name = line.meta.name = 'openssl-3.0.15';
    line.meta.version = '3.0.15';
    line.drvPath = line.drvPath.replace(/-openssl-3\.0\.17\.drv$/, '-openssl-3.0.15.drv').replace(/\/nix\/store\/./, '/nix/store/0');
    return JSON.stringify(line);
  });
}

const SUGGESTION = `
  id cveId status dismissalReason dismissalDetail dismissedBy confidence score groupCount notes algorithmVersion
  considered { displayAttr confidence detail }
  packages {
    groupKey displayAttr ecosystem confidence verdict doubt knownVulnerability attrs maintainers channels
    reasons { signal rule detail confidence }
    links { attr channel version verdict reason rule }
  }`;

describe('GraphQL: suggestions with their explanations, and the curated mapping rules', () => {
  let t: TestApp;
  let ruleId: number;
  beforeAll(async () => {
    t = await startTestApp();
    const pool = pgPool(t.app.get(DataSource));
    await ingester(t).ingest(copyFixtures());
    const importer = new EvaluationImporter(pool);
    await importer.import({ name: 'nixos-unstable', release: 'unstable', variant: 'nixos' }, 'a'.repeat(40), iterate(channelLines()), { source: 'test' });
    await importer.import({ name: 'nixos-25.05', release: '25.05', variant: 'nixos' }, 'b'.repeat(40), iterate(stableLines()), { source: 'test' });
    // The matcher misses Thunderbird in this small package set (nothing ties "thunderbird" to Mozilla); the team says so.
    ruleId = (await new MappingRuleStore(pool).create(
      { vendor: 'mozilla', product: 'thunderbird', action: 'map', packages: ['thunderbird'], note: 'Mozilla Thunderbird is the thunderbird package' },
      'alice',
    )).id;
    await new Linker(pool).run();
  });
  afterAll(() => t.close());

  it('suggestion(cveId) explains each package: which statement matched, how strongly, and the version verdict per attribute and channel', async () => {
    const { suggestion } = await gql(t, `{ suggestion(cveId: "cve-2024-9143") { ${SUGGESTION} } }`);
    expect(suggestion).toMatchObject({ cveId: 'CVE-2024-9143', status: 'pending', dismissalReason: null, groupCount: 1, algorithmVersion: ALGORITHM_VERSION });
    expect(suggestion.score).toBeGreaterThan(0);
    const [openssl] = suggestion.packages;
    expect(openssl).toMatchObject({
      groupKey: 'native:openssl', displayAttr: 'openssl', ecosystem: 'native', verdict: 'affected', knownVulnerability: false,
      attrs: ['openssl', 'openssl_1_1', 'openssl_3'], maintainers: ['thillux', 'ulrikstrid'], channels: ['nixos-25.05', 'nixos-unstable'],
    });
    expect(openssl.confidence).toBe(suggestion.confidence);
    expect(openssl.reasons[0]).toEqual({ signal: expect.stringMatching(/OpenSSL/), rule: 'name', detail: expect.stringMatching(/openssl/), confidence: openssl.confidence });
    const link = (attr: string, channel: string) => openssl.links.find((l: any) => l.attr === attr && l.channel === channel);
    expect(openssl.links).toHaveLength(6);
    expect(link('openssl_3', 'nixos-unstable')).toEqual({
      attr: 'openssl_3', channel: 'nixos-unstable', version: '3.0.17', verdict: 'not-affected', reason: expect.stringContaining('defaultStatus'), rule: expect.any(String),
    });
    expect(link('openssl_3', 'nixos-25.05')).toMatchObject({ version: '3.0.15', verdict: 'affected', reason: expect.stringContaining('3.0.16') });
    expect(link('openssl_1_1', 'nixos-unstable')).toMatchObject({ version: '1.1.1w', verdict: 'affected', reason: expect.stringContaining('1.1.1zb') });
  });

  it('an auto-dismissed suggestion says why, and who decided', async () => {
    const { suggestion } = await gql(t, `{ suggestion(cveId: "CVE-2024-3094") { ${SUGGESTION} } }`);
    expect(suggestion).toMatchObject({ status: 'dismissed', dismissalReason: 'not-affected', dismissedBy: 'nixsec', dismissalDetail: expect.stringMatching(/^no packaged version is affected/) });
    expect(suggestion.packages[0].links.map((l: any) => [l.channel, l.version, l.verdict])).toEqual(
      expect.arrayContaining([['nixos-unstable', '5.8.1', 'not-affected'], ['nixos-25.05', '5.8.1', 'not-affected']]),
    );
    expect(suggestion.packages[0].channels).toEqual([]);
  });

  it('a curated rule shows in the explanation as rule "curated", confidence 1', async () => {
    const { suggestion } = await gql(t, `{ suggestion(cveId: "CVE-2024-9680") { ${SUGGESTION} } }`);
    const thunderbird = suggestion.packages.find((p: any) => p.groupKey === 'native:thunderbird');
    expect(thunderbird).toMatchObject({ attrs: ['thunderbird-esr', 'thunderbird-latest'], confidence: 1 });
    expect(thunderbird.reasons).toContainEqual({ signal: expect.stringMatching(/Thunderbird/i), rule: 'curated', detail: expect.stringContaining(`curated rule #${ruleId}`), confidence: 1 });
  });

  it('Cve.suggestion: the CVE page gets its suggestion; a CVE without one gets null', async () => {
    const { cve } = await gql(t, `{ cve(id: "CVE-2023-38545") { id suggestion { cveId status packages { displayAttr attrs } } } }`);
    expect(cve.suggestion).toEqual({ cveId: 'CVE-2023-38545', status: 'pending', packages: [{ displayAttr: 'curl', attrs: ['curl', 'curlMinimal'] }] });
    const none = await gql(t, `{ cve(id: "CVE-2021-44228") { suggestion { id } } suggestion(cveId: "CVE-2021-44228") { id } }`);
    expect(none).toEqual({ cve: { suggestion: null }, suggestion: null });
  });

  it('Suggestion.cve: a queue entry carries its CVE (id, state, title) for the list to show', async () => {
    const { suggestion } = await gql(t, `{ suggestion(cveId: "CVE-2024-9143") { cve { id state title } } }`);
    expect(suggestion.cve).toEqual({ id: 'CVE-2024-9143', state: 'PUBLISHED', title: 'Low-level invalid GF(2^m) parameters lead to OOB memory access' });
    const { suggestions } = await gql(t, `{ suggestions(first: 1) { edges { node { cveId cve { id } } } } }`);
    expect(suggestions.edges[0].node.cve).toEqual({ id: suggestions.edges[0].node.cveId });
  });

  it('suggestions pages through the whole queue, most relevant first, with cursors and a total', async () => {
    const expected = await sql<{ cve_id: string }>(t, `SELECT cve_id FROM suggestion ORDER BY score DESC, id`);
    expect(expected.length).toBe(9);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const { suggestions }: { suggestions: any } = await gql(
        t,
        `query($after: String) { suggestions(first: 2, after: $after) { totalCount hasNextPage endCursor edges { cursor node { cveId score } } } }`,
        { after },
      );
      expect(suggestions.totalCount).toBe(9);
      expect(suggestions.edges.length).toBeLessThanOrEqual(2);
      if (suggestions.edges.length) expect(suggestions.endCursor).toBe(suggestions.edges.at(-1).cursor);
      seen.push(...suggestions.edges.map((e: any) => e.node.cveId));
      if (!suggestions.hasNextPage) break;
      after = suggestions.endCursor;
    }
    expect(seen).toEqual(expected.map((r) => r.cve_id));
  });

  it('suggestions filters by status, attribute and maintainer', async () => {
    const ids = (data: any) => data.suggestions.edges.map((e: any) => e.node.cveId).sort();
    const dismissed = await gql(t, `{ suggestions(status: "dismissed") { totalCount edges { node { cveId dismissalReason } } } }`);
    expect(ids(dismissed)).toEqual(['CVE-2024-3094', 'CVE-2024-9680', 'CVE-2025-21631']);
    expect(dismissed.suggestions.totalCount).toBe(3);
    expect(dismissed.suggestions.edges.every((e: any) => e.node.dismissalReason === 'not-affected')).toBe(true);

    const curl = await gql(t, `{ suggestions(attr: "curlMinimal") { totalCount edges { node { cveId } } } }`);
    expect(ids(curl)).toEqual(['CVE-2018-14618', 'CVE-2023-38545']);
    expect(curl.suggestions.totalCount).toBe(2);

    const pending = await gql(t, `{ suggestions(status: "pending", maintainer: "Ma27") { totalCount edges { node { cveId } } } }`);
    expect(ids(pending)).toEqual(['CVE-2024-1086']);
    const openssl = await gql(t, `{ suggestions(maintainer: "thillux", first: 1) { totalCount hasNextPage edges { node { cveId } } } }`);
    expect(openssl.suggestions).toMatchObject({ totalCount: 1, hasNextPage: false });
    expect(ids(openssl)).toEqual(['CVE-2024-9143']);
  });

  it('a maintainer handle is matched case-insensitively, as GitHub handles are (and as maintainer(github:) does)', async () => {
    const { suggestions } = await gql(t, `{ suggestions(maintainer: "ma27") { totalCount } }`);
    expect(suggestions.totalCount).toBe(2);
  });

  it('a cursor that suggestions did not return is refused with a message saying so', async () => {
    const res = await request(t.url).post('/graphql').send({ query: `{ suggestions(after: "not-a-cursor") { totalCount } }` });
    expect(res.body.errors[0]).toMatchObject({ message: 'after: "not-a-cursor" is not a cursor returned by suggestions sorted by relevance', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('mappingRules lists the curated rules with who made them', async () => {
    const { mappingRules } = await gql(t, `{ mappingRules { id vendor product action packages note createdBy updatedAt } }`);
    expect(mappingRules).toEqual([
      {
        id: String(ruleId), vendor: 'mozilla', product: 'thunderbird', action: 'map', packages: ['thunderbird'],
        note: 'Mozilla Thunderbird is the thunderbird package', createdBy: 'alice', updatedAt: expect.any(String),
      },
    ]);
  });
});
