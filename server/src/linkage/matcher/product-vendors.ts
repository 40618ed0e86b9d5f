import { isPlaceholderName, nameKey, squashKey } from './names';

/** Distributors that ship other people's software: their name says nothing about who wrote it. */
const DISTRIBUTORS = new Set(['redhat', 'debian', 'canonical', 'ubuntu', 'suse', 'opensuse', 'fedoraproject', 'fedora', 'gentoo', 'alpinelinux', 'archlinux', 'oracle-linux', 'amazon', 'cisa-adp', 'cisa']);

// Words that occur in many vendor names and identify none of them.
const GENERIC_VENDOR_WORDS = new Set([
  'the', 'project', 'projects', 'software', 'foundation', 'inc', 'org', 'team', 'community', 'llc', 'ltd', 'co', 'corp',
  'corporation', 'labs', 'group', 'dev', 'developers', 'development', 'systems', 'technologies', 'technology', 'gmbh',
  'open', 'source', 'opensource', 'com', 'net', 'io', 'solutions', 'contributors', 'authors',
]);

export function isDistributor(vendor: string): boolean {
  const key = squashKey(vendor);
  return DISTRIBUTORS.has(key) || DISTRIBUTORS.has(nameKey(vendor));
}

/** The words of a vendor name worth looking for in a package's homepage or description. */
export function vendorTokens(vendor: string): string[] {
  // Short words ("pdf" of PDF-XChange) occur in too many descriptions; the whole name still counts.
  const words = nameKey(vendor).split('-').filter((w) => w.length >= 4 && !GENERIC_VENDOR_WORDS.has(w));
  const squashed = squashKey(vendor);
  return [...new Set([...words, ...(squashed.length >= 3 ? [squashed] : [])])];
}

/**
 * Which vendors publish a product of a given name, over the whole CVE corpus: a name used by more
 * than one vendor ("flex": Apache and the flex project) needs vendor evidence before it is trusted.
 */
export class ProductVendors {
  private readonly vendors = new Map<string, Set<string>>();

  add(vendor: string | null, product: string | null): void {
    if (isPlaceholderName(vendor) || isPlaceholderName(product) || isDistributor(vendor!)) return;
    const key = squashKey(product!);
    const vendorKey = squashKey(vendor!);
    const set = this.vendors.get(key);
    if (set) set.add(vendorKey);
    else this.vendors.set(key, new Set([vendorKey]));
  }

  /** Vendors other than `vendor` that publish a product of this name. */
  otherVendors(product: string, vendor: string | null): string[] {
    const vendorKey = vendor ? squashKey(vendor) : null;
    const set = this.vendors.get(squashKey(product));
    if (!set) return [];
    return [...set].filter((v) => v !== vendorKey && !(vendorKey && (v.includes(vendorKey) || vendorKey.includes(v))));
  }

  get size(): number {
    return this.vendors.size;
  }
}
