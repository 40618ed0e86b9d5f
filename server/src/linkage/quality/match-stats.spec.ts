import type { CveMatch, DismissalReason, GroupLink, MemberLink } from '../matcher/matcher';
import type { VersionVerdict } from '../matcher/version-applicability';
import { matchStats } from './match-stats';

// Hand-made matcher results, made up for nixsec.

function group(i: number, verdict: VersionVerdict = 'unknown', members = 1): GroupLink {
  const links: MemberLink[] = Array.from({ length: members }, (_, m) => ({ attr: `pkg${i}-${m}`, channel: 'nixos-unstable', version: '1.0', verdict, reason: '', rule: null }));
  return {
    groupKey: `native:pkg${i}`, displayAttr: `pkg${i}`, ecosystem: 'native', confidence: 0.9, reasons: [], attrs: links.map((l) => l.attr),
    maintainers: [], members: links, verdict, knownVulnerability: false, doubt: null,
  };
}
function match(n: number, groups: number, options: { dismissal?: DismissalReason; notes?: string[]; verdict?: VersionVerdict; members?: number } = {}): CveMatch {
  return {
    cveId: `CVE-2099-${String(n).padStart(4, '0')}`, algorithmVersion: 1,
    groups: Array.from({ length: groups }, (_, i) => group(i, options.verdict, options.members)),
    considered: [], confidence: groups > 0 ? 0.9 : 0, score: 0, cvss: null,
    dismissal: options.dismissal ? { reason: options.dismissal, detail: '' } : null, notes: options.notes ?? [], keys: [],
  };
}

describe('matchStats', () => {
  // 13 CVEs: 2 without suggestion, 11 suggestions of 1,1,1,1,1,2,2,2,3,7,60 groups.
  const matches = [
    match(1, 0), match(2, 0),
    match(3, 1, { dismissal: 'not-affected', verdict: 'not-affected' }), match(4, 1, { dismissal: 'not-affected', verdict: 'not-affected' }),
    match(5, 1, { dismissal: 'hardware-only', verdict: 'affected', members: 3 }), match(6, 1, { verdict: 'affected' }), match(7, 1),
    match(8, 2), match(9, 2), match(10, 2, { verdict: 'affected' }), match(11, 3),
    match(12, 7), match(13, 60, { notes: ['many groups: the record lists every GNOME application'] }),
  ];
  const stats = matchStats(matches);

  it('counts CVEs, suggestions, groups and attribute × channel links', () => {
    expect(stats).toMatchObject({ cves: 13, suggestions: 11, groups: 81, packageLinks: 83 });
  });

  it('groups per suggestion: median, p90, p99 and max over suggestions only', () => {
    expect(stats.groupsPerSuggestion).toEqual({ median: 2, p90: 7, p99: 60, max: 60 });
  });

  it('counts auto-dismissals by reason and group version verdicts', () => {
    expect(stats.autoDismissed).toEqual({ 'not-affected': 2, 'hardware-only': 1 });
    expect(stats.versionVerdicts).toEqual({ 'not-affected': 2, affected: 1 + 1 + 2, unknown: 81 - 6 });
  });

  it('lists suggestions over 50 groups, with the reason the matcher noted', () => {
    expect(stats.over50Groups).toEqual([{ cveId: 'CVE-2099-0013', groups: 60, reason: 'many groups: the record lists every GNOME application' }]);
    const unexplained = matchStats([match(1, 51)]);
    expect(unexplained.over50Groups).toEqual([{ cveId: 'CVE-2099-0001', groups: 51, reason: null }]);
    expect(matchStats([match(1, 50)]).over50Groups).toEqual([]);
  });

  it('one suggestion is its own median and maximum', () => {
    expect(matchStats([match(1, 4)]).groupsPerSuggestion).toEqual({ median: 4, p90: 4, p99: 4, max: 4 });
  });

  it('no suggestions: zeros', () => {
    expect(matchStats([match(1, 0)])).toEqual({
      cves: 1, suggestions: 0, autoDismissed: {}, groups: 0, packageLinks: 0,
      groupsPerSuggestion: { median: 0, p90: 0, p99: 0, max: 0 }, over50Groups: [], versionVerdicts: {},
    });
    expect(matchStats([]).cves).toBe(0);
  });
});
