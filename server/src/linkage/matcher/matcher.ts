import type { CommonWords } from './common-words';
import { CveSignals, extractSignals, NameSignal } from './cve-signals';
import type { LinkableCve } from './linkable-cve';
import { MappingRules } from './mapping-rules';
import { LANGUAGE_ECOSYSTEMS, nameKey, squashKey } from './names';
import { IndexedPackage, PackageIndex } from './package-index';
import { PackagePopularity, popularityFactor } from './package-popularity';
import { isDistributor, ProductVendors, vendorTokens } from './product-vendors';
import { affectedEntryVerdict, combineFindings, cpeMatchVerdict, releaseLineFixes, VersionFinding, VersionVerdict } from './version-applicability';

/** Bumped whenever matching changes what it returns; stored suggestions of older versions are re-linked. */
export const ALGORITHM_VERSION = 2;

/** Groups below this confidence are not suggested (they stay in the explanation as "considered"). */
export const SUGGEST_THRESHOLD = 0.5;

export interface MatcherContext {
  index: PackageIndex;
  rules: MappingRules;
  productVendors: ProductVendors;
  commonWords: CommonWords;
  /** Reverse dependency counts; absent (e.g. offline evaluation) leaves popularity out of the score. */
  popularity?: PackagePopularity;
}

export type MatchRule = 'curated' | 'alias' | 'declared-cpe' | 'repository' | 'name' | 'description' | 'reference';

export interface MatchReason {
  /** Which statement of the CVE, e.g. 'CNA affected product "curl" (vendor "curl")'. */
  signal: string;
  rule: MatchRule;
  /** What it matched and why it weighs what it does. */
  detail: string;
  confidence: number;
  /** The key the package was found under, when found by name. */
  matchedKey?: string;
}

export interface MemberLink {
  attr: string;
  channel: string;
  version: string;
  verdict: VersionVerdict;
  reason: string;
  rule: string | null;
}

export interface GroupLink {
  groupKey: string;
  displayAttr: string;
  ecosystem: string;
  confidence: number;
  reasons: MatchReason[];
  attrs: string[];
  maintainers: string[];
  members: MemberLink[];
  verdict: VersionVerdict;
  /** Every member already lists this CVE in meta.knownVulnerabilities. */
  knownVulnerability: boolean;
  /** Why the match may be wrong (shared product name, vendor not confirmed), null when it is not in doubt. */
  doubt: string | null;
}

export type DismissalReason = 'hardware-only' | 'exclusively-hosted-service' | 'known-vulnerability' | 'not-affected';

export interface CveMatch {
  cveId: string;
  algorithmVersion: number;
  groups: GroupLink[];
  /** Candidates that were considered and not suggested, best first (at most five). */
  considered: { groupKey: string; displayAttr: string; confidence: number; detail: string }[];
  confidence: number;
  score: number;
  /** The CVE's highest CVSS base score (the triage queue filters by it). */
  cvss: number | null;
  dismissal: { reason: DismissalReason; detail: string } | null;
  notes: string[];
  /** Name, repository and CPE keys this CVE was looked up by: a package answering to one re-links it. */
  keys: string[];
}

interface Candidate {
  pkg: IndexedPackage;
  confidence: number;
  reasons: MatchReason[];
  signals: Set<NameSignal>;
  /** Signals that name this very attribute ("Firefox ESR" for firefox-esr), whose versions apply before the others'. */
  ownSignals: Set<NameSignal>;
  doubt: string | null;
  nameOnly: boolean;
}

// Ecosystems whose packages Nixpkgs never carries as packages of their own (vendored into programs).
const UNPACKAGED_ECOSYSTEMS = new Set(['rust', 'go', 'maven', 'nuget', 'jenkins', 'joomla', 'drupal', 'magento', 'prestashop', 'typo3', 'moodle', 'android', 'iphone-os', 'ios', 'node']);

export function matchCve(cve: LinkableCve, context: MatcherContext): CveMatch {
  const result: CveMatch = {
    cveId: cve.id, algorithmVersion: ALGORITHM_VERSION, groups: [], considered: [], confidence: 0, score: 0, cvss: cve.cvss, dismissal: null, notes: [], keys: [],
  };
  if (cve.state === 'REJECTED') {
    result.notes.push('the CVE is rejected');
    return result;
  }
  const signals = extractSignals(cve);
  const candidates = new Map<IndexedPackage, Candidate>();
  const keys = new Set<string>();
  const add = (pkg: IndexedPackage, reason: MatchReason, signal: NameSignal | null, doubt: string | null = null) => {
    let candidate = candidates.get(pkg);
    if (!candidate) {
      candidate = { pkg, confidence: 0, reasons: [], signals: new Set(), ownSignals: new Set(), doubt, nameOnly: true };
      candidates.set(pkg, candidate);
    }
    // One reason per (signal, rule): the strongest, so the explanation accounts for the confidence shown.
    const same = candidate.reasons.findIndex((r) => r.signal === reason.signal && r.rule === reason.rule);
    if (same === -1) candidate.reasons.push(reason);
    else if (candidate.reasons[same].confidence < reason.confidence) candidate.reasons[same] = reason;
    if (reason.confidence > candidate.confidence) {
      candidate.confidence = reason.confidence;
      candidate.doubt = doubt;
    }
    if (reason.rule !== 'name' && reason.rule !== 'description') candidate.nameOnly = false;
    if (signal) candidate.signals.add(signal);
    if (signal && namesAttr(reason.matchedKey, pkg)) candidate.ownSignals.add(signal);
  };

  const distributorPackages = new Set(signals.names.filter((n) => n.kind === 'package-name' && n.vendor && isDistributor(n.vendor)).map((n) => squashKey(n.name))).size;
  const callContext = { ...context, distributorPackages };
  for (const signal of signals.names) matchNameSignal(signal, callContext, add, keys, result.notes, cve.description);
  for (const repo of signals.repos) {
    keys.add(`repo:${repo.key}`);
    for (const pkg of context.index.byRepository(repo.key)) {
      add(pkg, { signal: repo.label, rule: 'repository', detail: `${pkg.attr}'s homepage is the same repository (${repo.key})`, confidence: 0.92 }, repo.signal);
    }
  }
  const owners = [...new Set(signals.repos.map((r) => r.key.split('/')[1]))];
  for (const candidate of candidates.values()) {
    const owner = candidate.nameOnly ? owners.find((o) => vendorTokens(o).some((t) => candidate.pkg.haystack.includes(t))) : undefined;
    if (owner) {
      candidate.reasons.push({ signal: 'repository owner', rule: 'reference', detail: `the record's repository owner "${owner}" appears in ${candidate.pkg.attr}'s homepage or description`, confidence: 0.1 });
      candidate.confidence = Math.min(0.9, candidate.confidence + 0.1);
    }
    const shared = candidate.pkg.repoKeys.find((k) => signals.referenceRepos.has(k));
    if (shared) {
      candidate.reasons.push({ signal: 'references', rule: 'reference', detail: `a reference points into ${candidate.pkg.attr}'s repository ${shared}`, confidence: 0.05 });
      candidate.confidence = Math.min(1, candidate.confidence + 0.05);
    }
  }
  filterEcosystems(candidates, signals);

  const groups = groupCandidates(candidates, cve.id);
  result.groups = groups.filter((g) => g.confidence >= SUGGEST_THRESHOLD).sort(byConfidence);
  result.considered = groups
    .filter((g) => g.confidence < SUGGEST_THRESHOLD)
    .sort(byConfidence)
    .slice(0, 5)
    .map((g) => ({ groupKey: g.groupKey, displayAttr: g.displayAttr, confidence: g.confidence, detail: g.doubt ?? g.reasons[0]?.detail ?? '' }));
  result.keys = [...keys].sort();
  result.confidence = result.groups[0]?.confidence ?? 0;
  result.dismissal = dismissal(cve, signals, result.groups);
  result.score = score(cve, result, context.popularity);
  return result;
}

/** The matcher context plus what is known about the CVE being matched. */
type CallContext = MatcherContext & { distributorPackages: number };

type AddCandidate = (pkg: IndexedPackage, reason: MatchReason, signal: NameSignal | null, doubt?: string | null) => void;

function matchNameSignal(signal: NameSignal, context: CallContext, add: AddCandidate, keys: Set<string>, notes: string[], description: string | null): void {
  const rules = context.rules.find(signal.vendor, signal.name);
  const blocked = new Set<string>();
  for (const rule of rules) {
    const origin = rule.id === null ? 'built-in rule' : `curated rule #${rule.id}`;
    if (rule.action === 'never') {
      if (rule.packages.length === 0) {
        notes.push(`${signal.label}: never matched (${origin}: ${rule.note})`);
        return;
      }
      for (const name of rule.packages) blocked.add(squashKey(name));
      continue;
    }
    for (const name of rule.packages) {
      keys.add(squashKey(name));
      // A rule names the project; language-set packages of the same name are other projects' bindings.
      const targets = name.includes('.') ? context.index.byAttr(name) : context.index.byName(squashKey(name)).filter((p) => p.ecosystem === 'native');
      for (const pkg of targets) {
        add(pkg, { signal: signal.label, rule: rule.id === null ? 'alias' : 'curated', detail: `${origin} maps it to "${name}" (${rule.note})`, confidence: rule.id === null ? 0.95 : 1, matchedKey: name }, signal);
      }
    }
  }
  if (rules.some((r) => r.action === 'map')) return;
  if (signal.cpePart === 'h' || signal.cpePart === 'o') return; // hardware and OS CPEs only through rules

  if (signal.vendor && signal.cpePart) {
    const declared = `${squashKey(signal.vendor)}:${squashKey(signal.name)}`;
    keys.add(`cpe:${declared}`);
    for (const pkg of context.index.byDeclaredCpe(declared)) {
      add(pkg, { signal: signal.label, rule: 'declared-cpe', detail: `${pkg.attr} declares meta.identifiers.cpe ${pkg.cpe}`, confidence: 0.98 }, signal);
    }
  }

  for (const variant of nameVariants(signal)) {
    keys.add(variant.key);
    for (const pkg of context.index.byName(variant.key)) {
      if (blocked.has(pkg.projectKey.replace(/-/g, '')) || blocked.has(squashKey(pkg.attr.split('.').pop()!))) continue;
      const weighed = weighNameMatch(signal, variant.key, pkg, context, variant.penalty, description);
      add(pkg, {
        signal: signal.label,
        rule: signal.kind === 'description' ? 'description' : 'name',
        detail: `"${variant.key}"${variant.how ? ` (${variant.how})` : ''} is ${pkg.attr}'s name; ${weighed.detail}`,
        confidence: weighed.confidence,
        matchedKey: variant.key,
      }, signal, weighed.doubt);
    }
  }
}

/** The keys a CVE name is looked up by, with how far each is from what the record says. */
function nameVariants(signal: NameSignal): { key: string; how: string | null; penalty: number }[] {
  const variants: { key: string; how: string | null; penalty: number }[] = [];
  const push = (key: string, how: string | null, penalty: number) => {
    if (key.length >= 2 && !variants.some((v) => v.key === key)) variants.push({ key, how, penalty });
  };
  const exact = nameKey(signal.name);
  push(exact, null, 0);
  if (signal.vendor) {
    const vendor = nameKey(signal.vendor);
    // "Mozilla Firefox" → "firefox"; a short remainder ("LearnDash LMS" → "lms") is too generic on its own.
    const rest = exact.slice(vendor.length + 1);
    if (exact.startsWith(`${vendor}-`) && rest.length >= 5) push(rest, `without the vendor prefix "${signal.vendor}"`, 0.03);
  }
  push(exact.replace(/-/g, ''), 'ignoring separators', 0.03);
  return variants;
}

type Weighed = { confidence: number; detail: string; doubt: string | null };

function weighNameMatch(signal: NameSignal, key: string, pkg: IndexedPackage, context: CallContext, penalty: number, description: string | null): Weighed {
  const word = context.commonWords.has(key.replace(/-/g, '')) ? `"${key}" is an ordinary English word` : null;
  if (signal.kind === 'description') {
    const doubt = 'matched by a name in the description only';
    return word ? { confidence: 0.3, detail: `${doubt}, and ${word}`, doubt } : { confidence: 0.55 - penalty, detail: doubt, doubt };
  }
  const vendor = signal.vendor;
  if (!vendor) {
    // Without a vendor, a record whose description names the product too ("curl 7.15.4 …") still says what it means.
    const described = word !== null && description !== null && new RegExp(`\\b${escapeRegExp(key)}\\b`, 'i').test(description);
    if (word && !described) return { confidence: 0.45 - penalty, detail: `no vendor given and ${word}`, doubt: word };
    return { confidence: 0.7 - penalty, detail: described ? 'no vendor given; the description names it too' : 'no vendor given', doubt: null };
  }
  if (isDistributor(vendor)) {
    // A distributor listing many of its packages usually means they bundle the vulnerable code, not that each is it.
    if (signal.kind === 'package-name' && context.distributorPackages > 3) {
      const doubt = `one of ${context.distributorPackages} packages distributor ${vendor} lists as shipping the vulnerable code`;
      return { confidence: 0.45 - penalty, detail: doubt, doubt };
    }
    // A distributor's packageName is its source package name, precise; its product names are prose ("Satellite").
    if (word && signal.kind !== 'package-name') return { confidence: 0.45 - penalty, detail: `named by distributor ${vendor}, and ${word}`, doubt: word };
    return { confidence: 0.8 - penalty, detail: `named by distributor ${vendor}`, doubt: null };
  }
  const evidence = vendorEvidence(vendor, signal.name, pkg);
  if (evidence) return { confidence: 0.9 - penalty, detail: evidence, doubt: null };
  const others = context.productVendors.otherVendors(signal.name, vendor);
  const unconfirmed = `nothing ties ${pkg.attr} to vendor "${vendor}"`;
  if (others.length > 0) {
    const doubt = `ambiguous: "${signal.name}" is also published by ${others.slice(0, 3).join(', ')}${others.length > 3 ? ` and ${others.length - 3} more` : ''}, and ${unconfirmed}`;
    return { confidence: 0.45 - penalty, detail: doubt, doubt };
  }
  if (word) return { confidence: 0.45 - penalty, detail: `${word} and ${unconfirmed}`, doubt: `${word}; vendor "${vendor}" not confirmed` };
  return { confidence: 0.7 - penalty, detail: `vendor "${vendor}" not confirmed by ${pkg.attr}'s homepage or description`, doubt: `vendor "${vendor}" not confirmed` };
}

// Naming a language says which ecosystem, not who wrote the package.
const LANGUAGE_WORDS = new Set(['python', 'perl', 'ruby', 'haskell', 'php', 'lua', 'ocaml', 'node', 'nodejs', 'emacs', 'java', 'rust', 'golang', 'javascript']);

function vendorEvidence(vendor: string, product: string, pkg: IndexedPackage): string | null {
  if (squashKey(vendor) === squashKey(product)) return `vendor and product are the same name`;
  const productKey = squashKey(product);
  const token = vendorTokens(vendor)
    .filter((t) => !productKey.includes(t) && !(pkg.ecosystem !== 'native' && LANGUAGE_WORDS.has(t)))
    .find((t) => pkg.haystack.includes(t) || pkg.homepageNames.includes(t));
  return token ? `vendor "${vendor}" appears in ${pkg.attr}'s homepage or description ("${token}")` : null;
}

function filterEcosystems(candidates: Map<IndexedPackage, Candidate>, signals: CveSignals): void {
  const nativeSignals = new Set<NameSignal>();
  for (const c of candidates.values()) if (c.pkg.ecosystem === 'native') c.signals.forEach((s) => nativeSignals.add(s));
  for (const [pkg, candidate] of candidates) {
    if (!candidate.nameOnly) continue;
    const target = [...candidate.signals].map((s) => s.targetSoftware).find(Boolean);
    const ecosystem = signals.ecosystem;
    const vendorConfirmed = candidate.reasons.some((r) => r.detail.includes('appears in'));
    if (pkg.ecosystem === 'native') {
      const confirmed = vendorConfirmed || candidate.reasons.some((r) => r.detail.includes('same name'));
      if (ecosystem && UNPACKAGED_ECOSYSTEMS.has(ecosystem) && !confirmed) candidates.delete(pkg);
      continue;
    }
    // Plugin sets (terraform-providers.fortios, vscode-extensions.*) are never the product a CVE names.
    if (!LANGUAGE_ECOSYSTEMS.has(pkg.ecosystem)) {
      candidates.delete(pkg);
      continue;
    }
    if (ecosystem === pkg.ecosystem || target === pkg.ecosystem) continue;
    const sharesNativeSignal = [...candidate.signals].some((s) => nativeSignals.has(s));
    // A language-set package needs the record to say so: its ecosystem, or its vendor in the package's homepage.
    if (sharesNativeSignal || (ecosystem && ecosystem !== pkg.ecosystem) || !vendorConfirmed) candidates.delete(pkg);
  }
}

function groupCandidates(candidates: Map<IndexedPackage, Candidate>, cveId: string): GroupLink[] {
  // Packages built from one repository (elasticsearch and elasticsearchPlugins.*) are one project:
  // repository-only matches join the group of the package named like the repository.
  const projectOfRepo = new Map<string, string>();
  for (const { pkg } of candidates.values()) {
    for (const repo of pkg.repoKeys) if (squashKey(repo.split('/').pop()!) === squashKey(pkg.projectKey)) projectOfRepo.set(repo, pkg.groupKey);
  }
  const groups = new Map<string, Candidate[]>();
  for (const candidate of candidates.values()) {
    const repoOnly = candidate.reasons.every((r) => r.rule === 'repository' || r.rule === 'reference');
    const key = (repoOnly && candidate.pkg.repoKeys.map((r) => projectOfRepo.get(r)).find(Boolean)) || candidate.pkg.groupKey;
    const list = groups.get(key);
    if (list) list.push(candidate);
    else groups.set(key, [candidate]);
  }
  return [...groups.entries()].map(([groupKey, members]) => {
    members.sort((a, b) => b.confidence - a.confidence || a.pkg.attr.length - b.pkg.attr.length || a.pkg.attr.localeCompare(b.pkg.attr));
    const best = members[0];
    const owner = members.find((m) => m.pkg.groupKey === groupKey) ?? best;
    const links = members.flatMap((m) => memberLinks(m));
    const reasons: MatchReason[] = [];
    for (const m of members) {
      for (const r of m.reasons) {
        const same = reasons.findIndex((x) => x.signal === r.signal && x.rule === r.rule);
        if (same === -1) reasons.push(r);
        else if (reasons[same].confidence < r.confidence) reasons[same] = r;
      }
    }
    reasons.sort((a, b) => b.confidence - a.confidence);
    return {
      groupKey,
      displayAttr: displayAttr(members, owner.pkg.projectKey),
      ecosystem: owner.pkg.ecosystem,
      confidence: round(best.confidence),
      reasons: reasons.slice(0, 8),
      attrs: members.map((m) => m.pkg.attr).sort(),
      maintainers: [...new Set(members.flatMap((m) => m.pkg.maintainers))].sort(),
      members: links,
      verdict: groupVerdict(links),
      knownVulnerability: members.every((m) => m.pkg.knownVulnerabilities.some((v) => v.includes(cveId))),
      doubt: best.doubt,
    };
  });
}

/** The attribute users know the package by: the one named like the project, else the shortest. */
function displayAttr(members: Candidate[], key: string): string {
  const attrs = members.map((m) => m.pkg.attr).sort((a, b) => a.length - b.length || a.localeCompare(b));
  return attrs.find((a) => nameKey(a.split('.').pop()!) === key) ?? attrs[0];
}

function namesAttr(key: string | undefined, pkg: IndexedPackage): boolean {
  return key !== undefined && squashKey(key) === squashKey(pkg.attr.split('.').pop()!) && squashKey(key) !== squashKey(pkg.projectKey);
}

function memberLinks(candidate: Candidate): MemberLink[] {
  const signals = candidate.ownSignals.size > 0 ? candidate.ownSignals : candidate.signals;
  const entries = [...signals].flatMap((s) => (s.versions && 'affected' in s.versions ? [s.versions.affected] : []));
  const lines = entries.length > 0 ? releaseLineFixes(entries) : null;
  return candidate.pkg.versions.map(({ channel, version }) => {
    const findings: VersionFinding[] = [];
    for (const signal of signals) {
      if (!signal.versions) continue;
      findings.push('affected' in signal.versions ? affectedEntryVerdict(version, signal.versions.affected, lines) : cpeMatchVerdict(version, signal.versions.cpe));
    }
    const finding = findings.length > 0 ? combineFindings(findings) : { verdict: 'unknown' as const, reason: 'the matching statement gives no versions', rule: null };
    return { attr: candidate.pkg.attr, channel, version, verdict: finding.verdict, reason: finding.reason, rule: finding.rule };
  });
}

function groupVerdict(links: MemberLink[]): VersionVerdict {
  if (links.some((l) => l.verdict === 'affected')) return 'affected';
  if (links.length > 0 && links.every((l) => l.verdict === 'not-affected')) return 'not-affected';
  return 'unknown';
}

function dismissal(cve: LinkableCve, signals: CveSignals, groups: GroupLink[]): CveMatch['dismissal'] {
  if (groups.length === 0) return null;
  if (cve.tags.includes('exclusively-hosted-service')) {
    return { reason: 'exclusively-hosted-service', detail: 'the record is tagged exclusively-hosted-service: there is nothing to install' };
  }
  if (signals.hardwareOnly && groups.every((g) => g.reasons.every((r) => r.rule === 'name' || r.rule === 'description'))) {
    return { reason: 'hardware-only', detail: 'every CPE of the record is hardware or device firmware' };
  }
  if (groups.every((g) => g.knownVulnerability)) {
    return { reason: 'known-vulnerability', detail: 'every matched package already lists the CVE in meta.knownVulnerabilities' };
  }
  if (groups.every((g) => g.verdict === 'not-affected')) {
    const example = groups[0].members[0];
    return { reason: 'not-affected', detail: `no packaged version is affected (e.g. ${example.attr} ${example.version}: ${example.reason})` };
  }
  return null;
}

/**
 * Queue order: confidence first, then severity, then how many channels ship an affected version,
 * then how widely the exposed packages are used (package-popularity.ts: at most ×1.3, log scale).
 */
function score(cve: LinkableCve, match: CveMatch, popularity: PackagePopularity | undefined): number {
  if (match.groups.length === 0) return 0;
  const severity = 0.5 + (cve.cvss ?? 5) / 20;
  const exposed = match.groups.flatMap((g) => g.members.filter((m) => m.verdict !== 'not-affected'));
  const affectedChannels = new Set(exposed.map((m) => m.channel)).size;
  const used = popularity?.mostUsed([...new Set(exposed.map((m) => m.attr))]) ?? null;
  const factor = used ? popularityFactor(used.dependants) : 1;
  if (used) {
    match.notes.push(`${used.attr} is used by ${used.dependants.toLocaleString('en-US')} derivation${used.dependants === 1 ? '' : 's'} in ${used.channel} (direct dependants): relevance ×${factor.toFixed(2)}`);
  }
  return round(match.confidence * severity * (1 + 0.1 * Math.min(affectedChannels, 5)) * factor);
}

function byConfidence(a: GroupLink, b: GroupLink): number {
  return b.confidence - a.confidence || a.displayAttr.localeCompare(b.displayAttr);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

