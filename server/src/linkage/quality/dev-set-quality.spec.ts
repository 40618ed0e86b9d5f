import * as path from 'node:path';
import { readCveFiles } from '../corpus/cve-files';
import { readUniversePackages } from '../corpus/universe-packages';
import { loadCommonWords } from '../matcher/common-words';
import type { LinkableCve } from '../matcher/linkable-cve';
import { BUILT_IN_RULES, MappingRules } from '../matcher/mapping-rules';
import { matchCve, type CveMatch, type GroupLink } from '../matcher/matcher';
import { PackageIndex } from '../matcher/package-index';
import { ProductVendors } from '../matcher/product-vendors';
import { evaluateLabels, groupIsPackage, type QualityReport } from './label-evaluation';
import { readLabels, type Label } from './labels';
import { matchStats } from './match-stats';

// The real matcher over the real records of test/fixtures/cve against the real package set
// (test/fixtures/nixpkgs/universe.tsv.gz), judged by the labelled development set
// test/fixtures/linkage/labels-dev.tsv. A quality floor, so that regressions fail CI.

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');
const RECALL_FLOOR = 0.9;
const PRECISION_FLOOR = 0.85;

// word-list is an ES module that only exports the path of its words.txt; jest runs CommonJS, where
// loadCommonWords' `import('word-list')` becomes a require that cannot load it. Same file, same words.
jest.mock('word-list', () => {
  const { dirname, join } = jest.requireActual<typeof import('node:path')>('node:path');
  return { __esModule: true, default: join(dirname(require.resolve('word-list')), 'words.txt') };
});

let labels: Label[];
let matches: Map<string, CveMatch>;
let report: QualityReport;

beforeAll(async () => {
  const cves: LinkableCve[] = [];
  const unreadable: string[] = [];
  for await (const cve of readCveFiles(path.join(FIXTURES, 'cve'), (file, error) => unreadable.push(`${file}: ${error.message}`))) cves.push(cve);
  if (unreadable.length > 0) throw new Error(`unreadable fixture records:\n${unreadable.join('\n')}`);

  const productVendors = new ProductVendors();
  for (const cve of cves) for (const entry of cve.affected) productVendors.add(entry.vendor, entry.product);
  const context = {
    index: new PackageIndex(await readUniversePackages(path.join(FIXTURES, 'nixpkgs/universe.tsv.gz'), 'nixos-unstable')),
    rules: new MappingRules(BUILT_IN_RULES),
    productVendors,
    commonWords: await loadCommonWords(),
  };
  matches = new Map(cves.map((cve) => [cve.id, matchCve(cve, context)]));
  labels = await readLabels(path.join(FIXTURES, 'linkage/labels-dev.tsv'));
  report = evaluateLabels(labels, matches);
}, 180_000);

/** The report, readable, for failure messages. */
function describeReport(): string {
  const lines = [
    `pairs: ${JSON.stringify(report.pairs)}`,
    `per CVE: ${JSON.stringify(report.perCve)}`,
    ...report.misses.map((m) => `miss: ${m.cveId} → ${m.expected} (${m.note}); suggested ${JSON.stringify(m.suggested)}`),
    ...report.falseMatches.map((f) => `false match: ${f.cveId} → ${f.suggested} (${f.confidence}): ${f.why}`),
    ...report.missingRecords.map((id) => `no record: ${id}`),
  ];
  return lines.join('\n');
}
function withReport(check: () => void): void {
  try {
    check();
  } catch (error) {
    (error as Error).message += `\n\nDev-set quality report:\n${describeReport()}`;
    throw error;
  }
}
function matchOf(cveId: string): CveMatch {
  const match = matches.get(cveId);
  if (!match) throw new Error(`${cveId} is not in test/fixtures/cve`);
  return match;
}
function groupFor(cveId: string, expected: string): GroupLink | undefined {
  return matchOf(cveId).groups.find((g) => groupIsPackage(g, expected));
}
const verdictOf = (g: GroupLink | undefined, attr: string) => g?.members.find((m) => m.attr === attr)?.verdict;

describe('linkage quality on the labelled development set', () => {
  it('every labelled CVE has its record in the fixtures', () => {
    expect(report.missingRecords).toEqual([]);
    expect(report.cves).toBe(15);
  });

  it(`pair recall ≥ ${RECALL_FLOOR}`, () => {
    withReport(() => expect(report.pairs.recall).toBeGreaterThanOrEqual(RECALL_FLOOR));
  });

  it(`pair precision ≥ ${PRECISION_FLOOR}`, () => {
    withReport(() => expect(report.pairs.precision).toBeGreaterThanOrEqual(PRECISION_FLOOR));
  });

  it('no suggestion for a CVE labelled NONE', () => {
    withReport(() => expect(report.falseMatches.filter((f) => labels.some((l) => l.cveId === f.cveId && l.expected === null))).toEqual([]));
  });

  it('noise: at most 2 package groups per suggestion', () => {
    const stats = matchStats(matches.values());
    expect(stats.groupsPerSuggestion.median).toBeLessThanOrEqual(2);
    expect(stats.groupsPerSuggestion.max).toBeLessThanOrEqual(2);
  });
});

describe('per-label expectations', () => {
  it.each([
    ['CVE-2016-1897', 'ffmpeg'],
    ['CVE-2023-38545', 'curl'],
    ['CVE-2024-3094', 'xz'],
    ['CVE-2024-32002', 'git'],
    ['CVE-2024-9143', 'openssl'],
    ['CVE-2024-9680', 'firefox'],
    ['CVE-2024-9680', 'thunderbird'],
    ['CVE-2024-1086', 'linux'],
    ['CVE-2025-21631', 'linux'],
  ])('%s → %s is suggested', (cveId, expected) => {
    expect(groupFor(cveId, expected)).toBeDefined();
  });

  it.each(['CVE-2021-44228', 'CVE-2022-25929', 'CVE-2023-22466', 'CVE-2023-46805', 'CVE-2024-10924', 'CVE-2023-5129'])('%s → nothing', (cveId) => {
    expect(matchOf(cveId).groups.map((g) => g.displayAttr)).toEqual([]);
  });

  it('CVE-2018-14618 (vendor [UNKNOWN], product curl, description "curl before version 7.61.1") → curl', () => {
    expect(groupFor('CVE-2018-14618', 'curl')).toBeDefined();
  });

  it('CVE-2024-9680: exactly the firefox and thunderbird groups, Firefox ESR inside firefox', () => {
    const match = matchOf('CVE-2024-9680');
    expect(match.groups.map((g) => g.groupKey).sort()).toEqual(['native:firefox', 'native:thunderbird']);
    expect(groupFor('CVE-2024-9680', 'firefox')!.attrs).toEqual(expect.arrayContaining(['firefox', 'firefox-esr', 'firefox-bin']));
  });

  it('CVE-2024-3094: xz alone, 5.8.1 not affected (only 5.6.0 and 5.6.1 were), so the suggestion is dismissed as not-affected', () => {
    const match = matchOf('CVE-2024-3094');
    expect(match.groups.map((g) => g.displayAttr)).toEqual(['xz']);
    expect(match.groups[0].members).toEqual([expect.objectContaining({ attr: 'xz', version: '5.8.1', verdict: 'not-affected' })]);
    expect(match.dismissal?.reason).toBe('not-affected');
  });

  it('CVE-2024-9143: one openssl group for every OpenSSL attribute; 1.1.1w affected, 3.0.17 and 3.5.1 not', () => {
    const match = matchOf('CVE-2024-9143');
    expect(match.groups).toHaveLength(1);
    const openssl = match.groups[0];
    expect(openssl.displayAttr).toBe('openssl');
    expect(openssl.attrs).toEqual(expect.arrayContaining(['openssl', 'openssl_3', 'openssl_1_1']));
    expect([verdictOf(openssl, 'openssl_1_1'), verdictOf(openssl, 'openssl_3'), verdictOf(openssl, 'openssl')]).toEqual(['affected', 'not-affected', 'not-affected']);
    expect(openssl.verdict).toBe('affected');
  });

  it('CVE-2024-1086 and CVE-2025-21631: one linux group of the kernel series, no kernel modules; 6.12.48 not affected', () => {
    for (const cveId of ['CVE-2024-1086', 'CVE-2025-21631']) {
      const match = matchOf(cveId);
      expect(match.groups.map((g) => g.groupKey)).toEqual(['native:linux']);
      const linux = match.groups[0];
      expect(linux.attrs).toEqual(expect.arrayContaining(['linux', 'linuxKernel.kernels.linux_6_1', 'linuxKernel.kernels.linux_6_6']));
      expect(linux.attrs.filter((a) => a.startsWith('linuxKernel.packages.'))).toEqual([]);
      expect(verdictOf(linux, 'linux')).toBe('not-affected');
    }
    expect(matchOf('CVE-2025-21631').dismissal?.reason).toBe('not-affected');
  });

  it('CVE-2024-32002: git and gitMinimal, one group', () => {
    expect(matchOf('CVE-2024-32002').groups.map((g) => [g.displayAttr, g.attrs])).toEqual([['git', ['git', 'gitMinimal']]]);
  });

  it('CVE-2016-1897: FFmpeg named only in the description: suggested with that doubt, and no version verdict', () => {
    const ffmpeg = groupFor('CVE-2016-1897', 'ffmpeg')!;
    expect(ffmpeg.doubt).toBe('matched by a name in the description only');
    expect(new Set(ffmpeg.members.map((m) => m.verdict))).toEqual(new Set(['unknown']));
  });

  it('CVE-2023-5129 (REJECTED) says so', () => {
    expect(matchOf('CVE-2023-5129').notes).toEqual(['the CVE is rejected']);
  });
});
