import { parseCpe23 } from './cpe';
import { attrKeys, ecosystemOfAttr, homepageName, isTestAttr, projectKey, repoKey, squashKey } from './names';

/** One attribute as the channels currently ship it (systems folded together). */
export interface PackageRecord {
  attr: string;
  pname: string;
  description: string | null;
  homepages: string[];
  /** meta.identifiers.cpe, when the package declares one. */
  cpe: string | null;
  knownVulnerabilities: string[];
  maintainers: string[];
  versions: { channel: string; version: string }[];
}

export interface IndexedPackage extends PackageRecord {
  ecosystem: string;
  projectKey: string;
  /** Packages of one project across attributes, flavours and language-version sets share a group. */
  groupKey: string;
  repoKeys: string[];
  homepageNames: string[];
  cpeKey: string | null;
  /** Lower-case text that vendor evidence is looked for in: homepages and description. */
  haystack: string;
}

/**
 * The package side of the match, built once per package-set version and queried per CVE: lookups
 * by name key (and its squashed form), by source repository and by declared CPE.
 */
export class PackageIndex {
  private readonly byKey = new Map<string, IndexedPackage[]>();
  private readonly byRepo = new Map<string, IndexedPackage[]>();
  private readonly byCpe = new Map<string, IndexedPackage[]>();
  private readonly byAttrPath = new Map<string, IndexedPackage>();

  constructor(records: Iterable<PackageRecord>) {
    for (const record of records) this.add(record);
  }

  /**
   * Applies what an evaluation changed: each attribute in `attrs` takes its record from `records`,
   * or leaves the index when it has none (removed from every channel). Cheaper than a rebuild for
   * the ~1% of attributes a new evaluation touches.
   */
  update(attrs: Iterable<string>, records: Iterable<PackageRecord>): void {
    for (const attr of attrs) this.remove(attr);
    for (const record of records) {
      this.remove(record.attr);
      this.add(record);
    }
  }

  private add(record: PackageRecord): void {
    if (isTestAttr(record.attr)) return;
    const indexed = indexPackage(record);
    this.byAttrPath.set(record.attr, indexed);
    for (const key of nameKeysOf(indexed)) push(this.byKey, key, indexed);
    for (const repo of indexed.repoKeys) push(this.byRepo, repo, indexed);
    if (indexed.cpeKey) push(this.byCpe, indexed.cpeKey, indexed);
  }

  private remove(attr: string): void {
    const pkg = this.byAttrPath.get(attr);
    if (!pkg) return;
    this.byAttrPath.delete(attr);
    for (const key of nameKeysOf(pkg)) pull(this.byKey, key, pkg);
    for (const repo of pkg.repoKeys) pull(this.byRepo, repo, pkg);
    if (pkg.cpeKey) pull(this.byCpe, pkg.cpeKey, pkg);
  }

  get packages(): IndexedPackage[] {
    return [...this.byAttrPath.values()];
  }

  /** Packages answering to a name (already a nameKey or squashKey). */
  byName(key: string): readonly IndexedPackage[] {
    return this.byKey.get(key) ?? [];
  }

  byRepository(key: string): readonly IndexedPackage[] {
    return this.byRepo.get(key) ?? [];
  }

  byAttr(attr: string): readonly IndexedPackage[] {
    const pkg = this.byAttrPath.get(attr);
    return pkg ? [pkg] : [];
  }

  /** Packages whose meta.identifiers.cpe names this "vendor:product". */
  byDeclaredCpe(vendorProduct: string): readonly IndexedPackage[] {
    return this.byCpe.get(vendorProduct) ?? [];
  }

  get size(): number {
    return this.byAttrPath.size;
  }
}

function nameKeysOf(pkg: IndexedPackage): Set<string> {
  const keys = new Set<string>([pkg.projectKey, ...attrKeys(pkg.attr, pkg.projectKey)]);
  for (const key of [...keys]) keys.add(key.replace(/-/g, ''));
  return keys;
}

/** Every key a CVE could have looked this package up by (names, `repo:…`, `cpe:…`), as CVE match keys are written. */
export function lookupKeysOf(pkg: IndexedPackage): string[] {
  return [...nameKeysOf(pkg), ...pkg.repoKeys.map((k) => `repo:${k}`), ...(pkg.cpeKey ? [`cpe:${pkg.cpeKey}`] : [])];
}

// Extends the record in place: a copy of 130k records costs more than all the key computing.
function indexPackage(record: PackageRecord): IndexedPackage {
  const pkg = record as IndexedPackage;
  pkg.ecosystem = ecosystemOfAttr(record.attr);
  // Every kernel flavour (linux_hardened, linux_zen, linux_rt_6_1…) is the Linux kernel as far as CVEs go.
  pkg.projectKey = record.attr.startsWith('linuxKernel.kernels.') ? 'linux' : projectKey(record.pname, pkg.ecosystem);
  pkg.groupKey = `${pkg.ecosystem}:${pkg.projectKey.replace(/-/g, '')}`;
  pkg.repoKeys = [];
  pkg.homepageNames = [];
  for (const homepage of record.homepages) {
    const repo = repoKey(homepage);
    if (repo) pkg.repoKeys.push(repo);
    const name = homepageName(homepage);
    if (name) pkg.homepageNames.push(name);
  }
  const cpe = record.cpe ? parseCpe23(record.cpe) : null;
  const cpeVendor = cpe?.vendor.kind === 'value' ? cpe.vendor.value : null;
  const cpeProduct = cpe?.product.kind === 'value' ? cpe.product.value : null;
  pkg.cpeKey = cpeVendor && cpeProduct ? `${squashKey(cpeVendor)}:${squashKey(cpeProduct)}` : null;
  // Not the package's own names: vendor "Oracle" must not be confirmed by the attribute "oracle-database".
  pkg.haystack = `${record.homepages.join(' ')} ${record.description ?? ''}`.toLowerCase().replace(/[_.\-/:]+/g, ' ');
  return pkg;
}

function pull<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) return;
  const rest = list.filter((v) => v !== value);
  if (rest.length > 0) map.set(key, rest);
  else map.delete(key);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
