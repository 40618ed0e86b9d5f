import type { CveMatch, GroupLink } from '../matcher/matcher';
import { squashKey } from '../matcher/names';
import type { Label } from './labels';

export interface QualityReport {
  cves: number;
  /** right: expected pairs found; rightSuggested: suggested groups that are an expected package. */
  pairs: { expected: number; suggested: number; right: number; rightSuggested: number; precision: number; recall: number; f1: number };
  perCve: { withExpected: number; found: number; suggested: number; rightSuggested: number; precision: number; recall: number; f1: number };
  misses: { cveId: string; expected: string; note: string; suggested: string[] }[];
  falseMatches: { cveId: string; suggested: string; confidence: number; why: string }[];
  /** Labels that state a verdict: how many, and how many of the matched packages have it. */
  verdicts: { labelled: number; right: number; accuracy: number; wrong: { cveId: string; expected: string; labelled: string; got: string }[] };
  /** CVEs whose record was not available to the matcher (not ingested / not in the directory). */
  missingRecords: string[];
}

/** Does a suggested group stand for the labelled package name? (pname/project key or any attribute name). */
export function groupIsPackage(group: GroupLink, expected: string): boolean {
  const key = squashKey(expected);
  if (group.groupKey.split(':')[1] === key) return true;
  return group.attrs.some((attr) => squashKey(attr) === key || squashKey(attr.split('.').pop()!) === key);
}

/**
 * Precision, recall and F1 of the matcher against labelled pairs — per (CVE, package) pair and per
 * CVE — with the list of misses and false matches. Suggested means: a group in the suggestion,
 * auto-dismissed or not (dismissals are reported by `linkage stats`).
 */
export function evaluateLabels(labels: Label[], matches: Map<string, CveMatch>): QualityReport {
  const byCve = new Map<string, Label[]>();
  for (const label of labels) byCve.set(label.cveId, [...(byCve.get(label.cveId) ?? []), label]);
  const report: QualityReport = {
    cves: byCve.size,
    pairs: { expected: 0, suggested: 0, right: 0, rightSuggested: 0, precision: 0, recall: 0, f1: 0 },
    perCve: { withExpected: 0, found: 0, suggested: 0, rightSuggested: 0, precision: 0, recall: 0, f1: 0 },
    misses: [],
    falseMatches: [],
    verdicts: { labelled: 0, right: 0, accuracy: 1, wrong: [] },
    missingRecords: [],
  };
  for (const [cveId, cveLabels] of byCve) {
    const match = matches.get(cveId);
    if (!match) report.missingRecords.push(cveId);
    const groups = match?.groups ?? [];
    const expected = cveLabels.filter((l) => l.expected !== null);
    let found = 0;
    for (const label of expected) {
      report.pairs.expected += 1;
      const group = groups.find((g) => groupIsPackage(g, label.expected!));
      if (group) {
        report.pairs.right += 1;
        found += 1;
        if (label.verdict) {
          report.verdicts.labelled += 1;
          if (group.verdict === label.verdict) report.verdicts.right += 1;
          else report.verdicts.wrong.push({ cveId, expected: label.expected!, labelled: label.verdict, got: group.verdict });
        }
      } else {
        report.misses.push({ cveId, expected: label.expected!, note: label.note, suggested: groups.map((g) => g.displayAttr) });
      }
    }
    let rightGroups = 0;
    for (const group of groups) {
      report.pairs.suggested += 1;
      if (expected.some((l) => groupIsPackage(group, l.expected!))) {
        rightGroups += 1;
        report.pairs.rightSuggested += 1;
      }
      else report.falseMatches.push({ cveId, suggested: group.displayAttr, confidence: group.confidence, why: group.reasons[0]?.detail ?? '' });
    }
    if (expected.length > 0) report.perCve.withExpected += 1;
    if (expected.length > 0 && found === expected.length) report.perCve.found += 1;
    if (groups.length > 0) report.perCve.suggested += 1;
    if (groups.length > 0 && rightGroups === groups.length) report.perCve.rightSuggested += 1;
  }
  Object.assign(report.pairs, rates(report.pairs.rightSuggested, report.pairs.suggested, report.pairs.right, report.pairs.expected));
  report.verdicts.accuracy = report.verdicts.labelled === 0 ? 1 : round(report.verdicts.right / report.verdicts.labelled);
  Object.assign(report.perCve, rates(report.perCve.rightSuggested, report.perCve.suggested, report.perCve.found, report.perCve.withExpected));
  return report;
}

function rates(right: number, suggested: number, found: number, expected: number) {
  const precision = suggested === 0 ? 1 : right / suggested;
  const recall = expected === 0 ? 1 : found / expected;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
