/**
 * Whether one Nixpkgs derivation version is affected by a CVE, read from CVE JSON 5 `affected[]`
 * entries and NVD cpeMatch rows, with Nix's version order (compare-versions.ts) for every comparison.
 * Over 400 lines on purpose: every rule below works on the same private range and bound types and
 * memoised comparison at the end, which splitting would have to export.
 *
 * CVE JSON 5 semantics (CVEProject/cve-schema schema/v5.0/docs/versions.md): an entry's `versions`
 * list is searched for an item that matches the version; a single version matches itself, a range
 * matches `version` ≤ V < `lessThan` (or ≤ `lessThanOrEqual`); "0" as `version` means no lower
 * bound and a `*` at the end of an upper bound is an arbitrarily large component ("6.1.*" is the
 * end of the 6.1 series, "*" is no bound). A matching range's status is refined by its `changes`,
 * re-sorted and applied in order (each change with `at` ≤ V sets the status). A version no item
 * matches takes `defaultStatus`, which defaults to unknown.
 *
 * Where records stray from the schema, this module decides as follows:
 * - Items should be disjoint; when several match, an exact single version wins, then the range with
 *   the highest lower bound (so a "6.1.76 ..= 6.1.*" unaffected series entry beats a broad affected
 *   range), then record order.
 * - An item that cannot be evaluated (git commit ranges, bounds such as "unspecified", empty ranges
 *   like "8.4.0 ..< 8.4.0") makes a version no other item matches unknown, unless every status the
 *   item could give equals the defaultStatus anyway.
 * - Operator strings in `version` (">= 1.7.0, < 1.18.4", "= 2.45.0", "< 2.39.4") are read as ranges.
 * - Several affected ranges without a lower bound ("< 131.0.1", "< 128.3.1", "< 115.16.0", as Mozilla
 *   writes them) are one fix per release line: read as a union, every bound but the highest would
 *   say nothing. A version of a listed line (128.14.0esr: line 128) that is past its line's fix is
 *   not affected, although it is below another line's bound (releaseLineFixes).
 * - "alpha", "beta" and "rc" count as before the release ("6.1.0-rc1" < "6.1.0", unlike in Nix,
 *   where only "pre" does), trailing ".0" components are ignored ("3.0" = "3.0.0"), and words are
 *   compared case-insensitively; otherwise the order is Nix's.
 * - Nixpkgs snapshot versions ("unstable-2024-01-01", "0-unstable-…", "2024-01-01") are never placed
 *   in a range: their number says nothing about which upstream release they contain.
 */
import type { NormalizedAffected, NormalizedVersion } from '../../ingestion/cve/normalized-cve';
import { compareVersions, splitVersion } from './compare-versions';
import { parseCpe22, parseCpe23 } from './cpe';

export type VersionVerdict = 'affected' | 'not-affected' | 'unknown';

/**
 * What a verdict rests on, weakest last: `listed` — an explicit version or range that contains the
 * version; `default` — a CVE 5 defaultStatus; `unlisted` — outside the version or range a CPE names as
 * vulnerable; `all-versions` — a CPE with version `*` and no range; `none` — nothing decided.
 * `default` covers a missing defaultStatus too: the version was placed, and is in nothing listed.
 */
export type FindingBasis = 'listed' | 'default' | 'unlisted' | 'all-versions' | 'none';

export interface VersionFinding {
  verdict: VersionVerdict;
  /** Human-readable, e.g. "3.0.7 in >= 3.0.0, < 3.0.16 — affected". */
  reason: string;
  /** The range or version entry that decided, as written in the record, e.g. ">= 3.0.0, < 3.0.8". null when none. */
  rule: string | null;
  /** Absent means `listed` (a decisive finding from elsewhere is taken as precise). */
  basis?: FindingBasis;
}

export interface CombinedFinding extends VersionFinding {
  /** The findings the verdict rests on. */
  deciding: VersionFinding[];
}

type Status = NormalizedVersion['status'];

const VERDICT: Record<Status, VersionVerdict> = {
  affected: 'affected',
  unaffected: 'not-affected',
  unknown: 'unknown',
};

/**
 * CVE JSON 5 `affected[]` entry (CNA or ADP) applied to one package version; `lines`: the release
 * lines the record's open-ended ranges for this product describe (releaseLineFixes), if any.
 */
export function affectedEntryVerdict(
  packageVersion: string,
  entry: Pick<NormalizedAffected, 'defaultStatus' | 'versions'>,
  lines: ReleaseLineFixes | null = null,
): VersionFinding {
  const version = usableVersion(packageVersion);
  if (typeof version !== 'string') return version;

  const lineFix = lines?.fixOf(version) ?? null;
  const evaluations = entry.versions.map((item) => evaluate(version, item, lineFix));
  const matches = evaluations.filter((e): e is Match => e.kind === 'match').sort(byPrecedence);
  if (matches.length > 0) {
    const [best, ...others] = matches;
    const overridden = others.filter((other) => other.status !== best.status).map((other) => other.rule);
    const precedence = overridden.length > 0 ? ` (takes precedence over ${overridden.join('; ')})` : '';
    return { verdict: VERDICT[best.status], reason: best.reason + precedence, rule: best.rule, basis: 'listed' };
  }

  const fallback = entry.defaultStatus ?? 'unknown';
  const blocking = evaluations.filter(
    (e): e is Undecidable => e.kind === 'undecidable' && e.statuses.some((status) => status !== fallback),
  );
  if (blocking.length > 0) {
    const problems = [...new Set(blocking.map((e) => e.problem))];
    return { verdict: 'unknown', reason: `${version}: ${problems.join('; ')}`, rule: blocking[0].rule, basis: 'none' };
  }
  const newest = entry.defaultStatus === null || entry.defaultStatus === 'unknown' ? newerThanEveryAffected(version, entry.versions) : null;
  if (newest !== null) {
    // What a reader concludes from "affected < 8.4.0" without a defaultStatus: later releases are fixed.
    return {
      verdict: 'not-affected',
      reason: `${version} is newer than every affected version listed (up to ${newest}), and the record gives no defaultStatus beyond them`,
      rule: newest,
      basis: 'default',
    };
  }
  if (entry.defaultStatus === null) {
    return {
      verdict: 'unknown',
      reason: `${version} is in no listed version or range, and the record has no defaultStatus`,
      rule: null,
      basis: 'default',
    };
  }
  return {
    verdict: VERDICT[entry.defaultStatus],
    reason: `${version} is in no listed version or range; defaultStatus — ${entry.defaultStatus}`,
    rule: `defaultStatus: ${entry.defaultStatus}`,
    basis: 'default',
  };
}

/** One NVD cpeMatch row (or a CPE string from a CVE 5 `cpes` list, with no range fields) applied to one version. */
export function cpeMatchVerdict(
  packageVersion: string,
  match: {
    criteria: string;
    vulnerable?: boolean;
    versionStartIncluding?: string | null;
    versionStartExcluding?: string | null;
    versionEndIncluding?: string | null;
    versionEndExcluding?: string | null;
  },
): VersionFinding {
  const { criteria } = match;
  const bounds: [string | null | undefined, string][] = [
    [match.versionStartIncluding, '>='],
    [match.versionStartExcluding, '>'],
    [match.versionEndIncluding, '<='],
    [match.versionEndExcluding, '<'],
  ];
  const written = bounds.filter(([value]) => typeof value === 'string').map(([value, op]) => `${op} ${value}`);
  const rangeText = written.join(', ');
  const rule = written.length > 0 ? `${criteria} (${rangeText})` : criteria;
  const unknown = (reason: string): VersionFinding => ({ verdict: 'unknown', reason, rule, basis: 'none' });

  // In NVD configurations vulnerable:false marks a platform the product runs on (an AND node).
  if (match.vulnerable === false) return unknown(`${criteria} has vulnerable: false — a platform, not a vulnerability statement`);
  const cpe = parseCpe23(criteria) ?? parseCpe22(criteria);
  if (cpe === null) return unknown(`cannot parse the CPE name ${criteria}`);
  const version = usableVersion(packageVersion);
  if (typeof version !== 'string') return { ...version, rule };

  if (cpe.version.kind === 'na') return unknown(`the CPE version is "-" (not applicable), which says nothing about ${version}`);
  if (cpe.version.kind === 'value') {
    // NVD keeps pre-releases and patch levels in the update field: python 3.8.0:alpha4, openssh 7.4:p1.
    const named = cpe.update.kind === 'value' ? `${cpe.version.value}-${cpe.update.value}` : cpe.version.value;
    const range = singleRange(named);
    if (typeof range === 'string') return unknown(range);
    return inRange(version, range)
      ? { verdict: 'affected', reason: `${version} = ${named} (CPE version) — affected`, rule, basis: 'listed' }
      : { verdict: 'not-affected', reason: `${version} is not ${named}, the version this CPE names`, rule, basis: 'unlisted' };
  }

  if (written.length === 0) {
    return { verdict: 'affected', reason: `CPE version "*" with no range: all versions — affected`, rule, basis: 'all-versions' };
  }
  const range = constraintsRange(rangeText);
  if (typeof range === 'string') return unknown(range);
  if (isEmpty(range)) return unknown(`the range ${rangeText} is empty`);
  return inRange(version, range)
    ? { verdict: 'affected', reason: `${version} in ${rangeText} — affected`, rule, basis: 'listed' }
    : { verdict: 'not-affected', reason: `${version} is outside ${rangeText}, the range this CPE names`, rule, basis: 'unlisted' };
}

/**
 * Combines what several sources (CNA and ADP entries, NVD rows) say about one package version.
 * First, findings that are overruled are set aside:
 * - a bare `*` CPE ("all versions"; in CVE 5 `cpes` lists it often only names the product) saying
 *   affected, when another finding placed the version against listed versions or a defaultStatus;
 * - an affected resting on a defaultStatus, when a finding that lists the version says not-affected.
 * Of the rest: affected if any says affected; else not-affected if one that lists the version says so
 * (the others being unknown or not-affected); else not-affected if all say so; else unknown (also when
 * there are no findings). A finding without a basis counts as listing the version.
 */
export function combineFindings(findings: VersionFinding[]): CombinedFinding {
  if (findings.length === 0) {
    return { verdict: 'unknown', reason: 'no source says anything about this version', rule: null, basis: 'none', deciding: [] };
  }
  const basis = (finding: VersionFinding): FindingBasis => finding.basis ?? 'listed';
  const placed = findings.some((f) => basis(f) === 'listed' || basis(f) === 'default' || basis(f) === 'unlisted');
  const listedNotAffected = findings.some((f) => f.verdict === 'not-affected' && basis(f) === 'listed');
  const overruled = (f: VersionFinding): boolean =>
    f.verdict === 'affected' && ((basis(f) === 'all-versions' && placed) || (basis(f) === 'default' && listedNotAffected));

  const standing = findings.filter((f) => !overruled(f));
  const setAside = findings.filter(overruled);
  const affected = standing.filter((f) => f.verdict === 'affected');
  const notAffected = standing.filter((f) => f.verdict === 'not-affected');
  const listed = notAffected.filter((f) => basis(f) === 'listed');

  if (affected.length > 0) return summarise('affected', affected, notAffected);
  if (listed.length > 0) return summarise('not-affected', listed, setAside);
  if (notAffected.length === standing.length) return summarise('not-affected', notAffected, setAside);
  return summarise('unknown', standing.filter((f) => f.verdict === 'unknown'), []);
}

/**
 * Normalise a version string as found in records/package sets: strips leading "v"/"V", surrounding
 * spaces and a leading product name ("curl 7.61.0", "log4j-core*"). Returns "*" for every version
 * ("*", "all", "x"), a series pattern ending in "*" for "2.x", "6.1.*" and "1.1.1*", and the version
 * itself otherwise — "0" included, which in a range's `version` means from the beginning. Returns
 * null when it is not a usable version: "n/a", "unspecified", "-", prose ("before 1.2"), anything
 * not starting with a digit.
 */
export function normaliseVersion(raw: string): string | null {
  if (/\b(?:before|prior|through|until|after|since|earlier|later|below|above|and|or)\b/i.test(raw)) return null;
  const version = raw
    .trim()
    .replace(/^(?:[a-z][\w+.-]*\s+)+(?=v?\d)/i, '')
    .replace(/^[a-z][\w+-]*(?=\*$)/i, '')
    .replace(/^v(?=\d)/i, '')
    .replace(/(?:\.[x*])+$/i, '.*');
  const lower = version.toLowerCase();
  if (lower === '*' || lower === 'all' || lower === 'x') return '*';
  return /^\d[^\s*]*\*?$/.test(version) ? version : null;
}

// ——— CVE 5 version items ———

type Match = { kind: 'match'; status: Status; rule: string; reason: string; exact: boolean; lower: string | null };
type Undecidable = { kind: 'undecidable'; rule: string; problem: string; statuses: Status[] };
type Evaluation = Match | Undecidable | { kind: 'miss' };

const SOURCE_CONTROL = new Set(['git', 'hg', 'mercurial', 'svn', 'bzr', 'fossil']);
const COMMIT_HASH = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i;

function evaluate(version: string, item: NormalizedVersion, lineFix: LineFix | null = null): Evaluation {
  const rule = describeItem(item);
  const statuses = [item.status, ...item.changes.map((change) => asStatus(change.status))];
  const undecidable = (problem: string): Undecidable => ({ kind: 'undecidable', rule, problem, statuses });

  const type = item.versionType?.toLowerCase() ?? null;
  if ((type !== null && SOURCE_CONTROL.has(type)) || COMMIT_HASH.test(item.version.trim())) {
    return undecidable(`${type ?? 'git'} commit ranges cannot be compared with a version`);
  }
  const range = itemRange(item);
  if (typeof range === 'string') return undecidable(range);
  if (isEmpty(range)) return undecidable(`the range ${rule} is empty`);
  if (!inRange(version, range)) return { kind: 'miss' };
  if (lineFix && range.lower === null && item.status === 'affected' && item.changes.length === 0 && !belowUpper(version, lineFix.upper)) {
    return {
      kind: 'match', status: 'unaffected', rule: `${rule} (release line ${lineFix.line}: < ${lineFix.fix})`, exact: false, lower: null,
      reason: `${version} is past ${lineFix.fix}, the fix of its release line ${lineFix.line} (the record gives one fix per line: ${lineFix.all}) — unaffected`,
    };
  }

  const exact = isExact(range);
  const lower = range.lower?.version ?? null;
  const within = exact ? `${version} = ${rule}` : `${version} in ${rule}`;
  // Only ranges have status changes; a single version has just `version` and `status`.
  const single = item.lessThan === null && item.lessThanOrEqual === null && !OPERATOR.test(item.version.trim());
  if (single || item.changes.length === 0) {
    return { kind: 'match', status: item.status, rule, reason: `${within} — ${item.status}`, exact, lower };
  }

  const changes: { at: string; status: Status }[] = [];
  for (const change of item.changes) {
    const at = normaliseVersion(change.at);
    if (at === null || at.includes('*')) return undecidable(`cannot read the status change at "${change.at}"`);
    changes.push({ at, status: asStatus(change.status) });
  }
  // The schema says clients must sort the changes themselves.
  const applied = changes.sort((a, b) => compare(a.at, b.at)).filter((change) => compare(change.at, version) <= 0).pop();
  if (applied === undefined) {
    return { kind: 'match', status: item.status, rule, reason: `${within}, before any status change — ${item.status}`, exact, lower };
  }
  return {
    kind: 'match',
    status: applied.status,
    rule: `${rule} (at ${applied.at}: ${applied.status})`,
    reason: `${within}, changed at ${applied.at} — ${applied.status}`,
    exact,
    lower,
  };
}

function describeItem(item: NormalizedVersion): string {
  const written = item.version.trim();
  const upper = item.lessThan !== null ? `< ${item.lessThan}` : item.lessThanOrEqual !== null ? `<= ${item.lessThanOrEqual}` : null;
  if (upper === null || OPERATOR.test(written)) return written;
  const hasLower = normaliseVersion(written) !== null || COMMIT_HASH.test(written);
  return hasLower ? `>= ${written}, ${upper}` : upper;
}

function itemRange(item: NormalizedVersion): Range | string {
  const written = item.version.trim();
  if (OPERATOR.test(written)) return constraintsRange(written);
  const upperText = item.lessThan ?? item.lessThanOrEqual;
  if (upperText === null) return singleRange(written);

  const upper = parseBound(upperText);
  if (upper === null) return `the upper bound "${upperText}" is not a version`;
  // "unspecified", "n/a" or "*" below a usable upper bound: the range has no lower bound.
  const lower = parseBound(written) ?? ANY;
  return { lower: lowerFrom(lower, true), upper: upperFrom(upper, item.lessThan === null) };
}

/** The highest affected item when `version` lies above all of them (each bounded above), else null. */
function newerThanEveryAffected(version: string, items: NormalizedVersion[]): string | null {
  const affected = items.filter((item) => asStatus(item.status) === 'affected');
  if (affected.length === 0) return null;
  for (const item of affected) {
    // Only ranges say where the affected versions end; a lone listed version says nothing about later ones.
    if (item.lessThan === null && item.lessThanOrEqual === null && !OPERATOR.test(item.version.trim())) return null;
    const range = itemRange(item);
    if (typeof range === 'string' || range.upper === null || belowUpper(version, range.upper)) return null;
  }
  return describeItem(affected[affected.length - 1]);
}

function asStatus(status: string): Status {
  return status === 'affected' || status === 'unaffected' ? status : 'unknown';
}

// Exact versions first, then the highest lower bound (the narrowest of nested ranges); sort is stable.
function byPrecedence(a: Match, b: Match): number {
  if (a.exact !== b.exact) return a.exact ? -1 : 1;
  if (a.lower === null || b.lower === null) return (a.lower === null ? 1 : 0) - (b.lower === null ? 1 : 0);
  return compare(b.lower, a.lower);
}

// ——— Release lines ———

interface LineFix {
  /** The line's leading version components, e.g. "128". */
  line: string;
  fix: string;
  upper: Upper;
  /** Every bound of the set, as written, for the explanation. */
  all: string;
}

/** The fix of each release line a record lists, found by the leading components of a version. */
export interface ReleaseLineFixes {
  fixOf(version: string): LineFix | null;
}

/**
 * Reads affected ranges without a lower bound ("< 131.0.1", "< 128.3.1", "< 115.16.0") across the
 * entries that name one product as fixes per release line. A line is the shortest run of leading
 * numbers that tells the bounds apart (131 / 128 / 115; 2.45 / 2.44 for "< 2.45.1", "< 2.44.1"),
 * and must be shorter than each bound, so that a bound is a release within its line. null when
 * there are fewer than two such bounds or no such run.
 */
export function releaseLineFixes(entries: readonly Pick<NormalizedAffected, 'versions'>[]): ReleaseLineFixes | null {
  const bounds = new Map<string, { fix: string; numbers: string[] }>();
  for (const entry of entries) {
    for (const item of entry.versions) {
      if (item.status !== 'affected' || item.lessThan === null || item.changes.length > 0 || OPERATOR.test(item.version.trim())) continue;
      const lower = parseBound(item.version);
      if (lower !== null && !(lower.kind === 'any' || (lower.kind === 'version' && lower.version === '0'))) continue;
      const upper = parseBound(item.lessThan);
      if (upper?.kind !== 'version') continue;
      bounds.set(canonical(upper.version), { fix: upper.version, numbers: leadingNumbers(upper.version) });
    }
  }
  if (bounds.size < 2) return null;
  const all = [...bounds.values()];
  const shortest = Math.min(...all.map((b) => b.numbers.length));
  for (let depth = 1; depth < shortest; depth++) {
    const lines = new Map(all.map((b) => [b.numbers.slice(0, depth).join('.'), b]));
    if (lines.size !== all.length) continue;
    const written = all.map((b) => `< ${b.fix}`).join(', ');
    const fixes = new Map<string, LineFix>(
      [...lines].map(([line, b]) => [line, { line, fix: b.fix, upper: { kind: 'version', version: b.fix, inclusive: false }, all: written }]),
    );
    return { fixOf: (version) => fixes.get(leadingNumbers(version).slice(0, depth).join('.')) ?? null };
  }
  return null;
}

/** The run of numeric components a version starts with, without leading zeros ("128.14.0esr" → 128, 14, 0). */
function leadingNumbers(version: string): string[] {
  const numbers: string[] = [];
  for (const component of splitVersion(version)) {
    if (!/^\d+$/.test(component)) break;
    numbers.push(String(Number(component)));
  }
  return numbers;
}

// ——— Ranges and comparison ———

type Bound = { kind: 'any' } | { kind: 'version'; version: string } | { kind: 'series'; prefix: string };
type Lower = { version: string; inclusive: boolean } | null;
type Upper = { kind: 'version'; version: string; inclusive: boolean } | { kind: 'series'; prefix: string } | null;
interface Range {
  lower: Lower;
  upper: Upper;
}

const ANY: Bound = { kind: 'any' };
const OPERATOR = /^[<>=]/;

function parseBound(raw: string): Bound | null {
  const version = normaliseVersion(raw);
  if (version === null) return null;
  if (version === '*') return ANY;
  if (version.endsWith('*')) return { kind: 'series', prefix: version.slice(0, -1).replace(/[.-]+$/, '') };
  return { kind: 'version', version };
}

function lowerFrom(bound: Bound, inclusive: boolean): Lower {
  if (bound.kind === 'any' || (bound.kind === 'version' && bound.version === '0' && inclusive)) return null;
  return { version: bound.kind === 'series' ? bound.prefix : bound.version, inclusive };
}

function upperFrom(bound: Bound, inclusive: boolean): Upper {
  if (bound.kind === 'any') return null;
  return bound.kind === 'series' ? bound : { kind: 'version', version: bound.version, inclusive };
}

function singleRange(written: string): Range | string {
  const bound = parseBound(written);
  if (bound === null) return `"${written}" is not a version`;
  if (bound.kind === 'any') return { lower: null, upper: null };
  if (bound.kind === 'series') return { lower: { version: bound.prefix, inclusive: true }, upper: bound };
  return { lower: { version: bound.version, inclusive: true }, upper: { kind: 'version', version: bound.version, inclusive: true } };
}

/** ">= 1.7.0, < 1.18.4", "= 2.45.0", "< 2.39.4": comma-separated constraints, all of which must hold. */
function constraintsRange(text: string): Range | string {
  const range: Range = { lower: null, upper: null };
  for (const part of text.split(',')) {
    const parsed = /^\s*(<=|>=|<|>|==?)\s*(\S+)\s*$/.exec(part);
    const bound = parsed === null ? null : parseBound(parsed[2]);
    if (parsed === null || bound === null) return `cannot read the range "${text}"`;
    const op = parsed[1];
    if (op.startsWith('>') || op.startsWith('=')) range.lower = lowerFrom(bound, op !== '>');
    if (op.startsWith('<') || op.startsWith('=')) range.upper = upperFrom(bound, op !== '<');
  }
  return range;
}

function inRange(version: string, range: Range): boolean {
  return aboveLower(version, range.lower) && belowUpper(version, range.upper);
}

function aboveLower(version: string, lower: Lower): boolean {
  if (lower === null) return true;
  const order = compare(version, lower.version);
  return order > 0 || (order === 0 && lower.inclusive);
}

function belowUpper(version: string, upper: Upper): boolean {
  if (upper === null) return true;
  if (upper.kind === 'series') return compareToSeries(version, upper.prefix) <= 0;
  const order = compare(version, upper.version);
  return order < 0 || (order === 0 && upper.inclusive);
}

function isEmpty({ lower, upper }: Range): boolean {
  if (lower === null) return false;
  if (!belowUpper(lower.version, upper)) return true;
  return !lower.inclusive && upper?.kind === 'version' && compare(lower.version, upper.version) >= 0;
}

function isExact({ lower, upper }: Range): boolean {
  return lower !== null && upper?.kind === 'version' && lower.inclusive && upper.inclusive && compare(lower.version, upper.version) === 0;
}

// Nix sorts "6.1.0-rc1" after "6.1.0"; records mean a release candidate comes before its release.
// Reading these words as Nix's "pre" followed by the word keeps alpha < beta < rc < release.
const PRERELEASE = new Set(['alpha', 'beta', 'rc']);

function components(version: string): string[] {
  return splitVersion(version).flatMap((component) => {
    const word = component.toLowerCase();
    return PRERELEASE.has(word) ? ['pre', word] : [word];
  });
}

function compare(a: string, b: string): -1 | 0 | 1 {
  return compareVersions(canonical(a), canonical(b));
}

// Memoised: a full link compares the same few thousand package and range versions millions of
// times, and splitting them again each time was a quarter of the matcher's time.
const canonicalForms = new Map<string, string>();
const CANONICAL_CACHE_LIMIT = 200_000;

function canonical(version: string): string {
  let form = canonicalForms.get(version);
  if (form === undefined) {
    if (canonicalForms.size >= CANONICAL_CACHE_LIMIT) canonicalForms.clear();
    form = canonicalForm(version);
    canonicalForms.set(version, form);
  }
  return form;
}

// "3.0" and "3.0.0" are the same release in CVE records, though Nix sorts "3.0" first: zeros ending
// the leading run of numbers are dropped ("2.0.0-rc1" → "2-pre-rc-1", which still sorts before "2").
function canonicalForm(version: string): string {
  const parts = components(version);
  let release = parts.findIndex((part) => !/^\d+$/.test(part));
  if (release === -1) release = parts.length;
  let end = release;
  while (end > 1 && /^0+$/.test(parts[end - 1])) end--;
  return [...parts.slice(0, end), ...parts.slice(release)].join('.');
}

/** 0 when `version` is in the series `prefix` ("6.1" for "6.1.*"), else which side of it the version lies. */
function compareToSeries(version: string, prefix: string): -1 | 0 | 1 {
  const series = components(prefix);
  const head = components(version).slice(0, series.length);
  while (head.length < series.length) head.push('0');
  return compare(head.join('.'), series.join('.'));
}

// ——— Package versions and summaries ———

/** The normalised package version, or an unknown finding saying why it cannot be placed in a range. */
function usableVersion(packageVersion: string): string | VersionFinding {
  const unknown = (reason: string): VersionFinding => ({ verdict: 'unknown', reason, rule: null, basis: 'none' });
  if (/unstable/i.test(packageVersion)) {
    return unknown(`"${packageVersion}" is an unstable snapshot, which Nix's version order cannot place among releases`);
  }
  if (/^\s*(?:\d+-)?\d{4}-\d{2}-\d{2}/.test(packageVersion)) {
    return unknown(`"${packageVersion}" is a date, not a release number, so it cannot be placed among releases`);
  }
  const version = normaliseVersion(packageVersion);
  if (version === null || version.includes('*')) return unknown(`"${packageVersion}" is not a usable version`);
  return version;
}

function summarise(verdict: VersionVerdict, deciding: VersionFinding[], contradicting: VersionFinding[]): CombinedFinding {
  const reasons = [...new Set(deciding.map((f) => f.reason))].join('; ');
  const against = [...new Set(contradicting.map((f) => f.reason))].join('; ');
  const rules = [...new Set(deciding.flatMap((f) => (f.rule === null ? [] : [f.rule])))];
  const bases = deciding.map((f) => f.basis ?? 'listed');
  return {
    verdict,
    reason: against === '' ? reasons : `${reasons} (contradicted by: ${against})`,
    rule: rules.length > 0 ? rules.join('; ') : null,
    basis: verdict === 'unknown' ? 'none' : bases.includes('listed') ? 'listed' : bases[0],
    deciding,
  };
}
