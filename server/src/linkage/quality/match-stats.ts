import type { CveMatch } from '../matcher/matcher';

export interface MatchStats {
  cves: number;
  suggestions: number;
  autoDismissed: Record<string, number>;
  groups: number;
  /** Attribute × channel links, the unit the substring tracker counts. */
  packageLinks: number;
  groupsPerSuggestion: { median: number; p90: number; p99: number; max: number };
  over50Groups: { cveId: string; groups: number; reason: string | null }[];
  versionVerdicts: Record<string, number>;
}

/** The noise figures of issue 5: how many suggestions, how many package groups each, the worst ones. */
export function matchStats(matches: Iterable<CveMatch>): MatchStats {
  const counts: number[] = [];
  const stats: MatchStats = {
    cves: 0, suggestions: 0, autoDismissed: {}, groups: 0, packageLinks: 0,
    groupsPerSuggestion: { median: 0, p90: 0, p99: 0, max: 0 }, over50Groups: [], versionVerdicts: {},
  };
  for (const match of matches) {
    stats.cves += 1;
    if (match.groups.length === 0) continue;
    stats.suggestions += 1;
    if (match.dismissal) stats.autoDismissed[match.dismissal.reason] = (stats.autoDismissed[match.dismissal.reason] ?? 0) + 1;
    stats.groups += match.groups.length;
    counts.push(match.groups.length);
    for (const group of match.groups) {
      stats.packageLinks += group.members.length;
      stats.versionVerdicts[group.verdict] = (stats.versionVerdicts[group.verdict] ?? 0) + 1;
    }
    if (match.groups.length > 50) {
      stats.over50Groups.push({ cveId: match.cveId, groups: match.groups.length, reason: match.notes.find((n) => n.startsWith('many groups')) ?? null });
    }
  }
  counts.sort((a, b) => a - b);
  const at = (q: number) => (counts.length === 0 ? 0 : counts[Math.min(counts.length - 1, Math.floor(q * counts.length))]);
  stats.groupsPerSuggestion = { median: at(0.5), p90: at(0.9), p99: at(0.99), max: counts[counts.length - 1] ?? 0 };
  return stats;
}
