import type { LinkableCve } from './linkable-cve';
import { extractSignals, NameSignal } from './cve-signals';
import { squashKey } from './names';
import { affectedEntryVerdict, combineFindings, CombinedFinding, cpeMatchVerdict } from './version-applicability';

/**
 * Whether one package version is affected by a CVE, for modules that already know the package
 * (PR tracking's evaluation evidence: "the channel now ships a version outside the affected
 * range"). The CVE's version statements about a product named like the package (its pname or the
 * last segment of its attribute) decide, as in the matcher; when none is named so, every version
 * statement of the CVE counts — any of them saying affected keeps it affected.
 */
export function packageVersionVerdict(cve: LinkableCve, pkg: { attr: string; pname: string }, version: string): CombinedFinding {
  const signals = extractSignals(cve);
  const versioned = [...signals.names, ...signals.repos.flatMap((r) => (r.signal ? [r.signal] : []))].filter((s): s is NameSignal & { versions: NonNullable<NameSignal['versions']> } => s.versions !== null);
  const keys = new Set([squashKey(pkg.pname), squashKey(pkg.attr.split('.').pop()!)]);
  const own = versioned.filter((s) => keys.has(squashKey(s.name)));
  const statements = [...new Set((own.length > 0 ? own : versioned).map((s) => s.versions))];
  return combineFindings(statements.map((v) => ('affected' in v ? affectedEntryVerdict(version, v.affected) : cpeMatchVerdict(version, v.cpe))));
}
