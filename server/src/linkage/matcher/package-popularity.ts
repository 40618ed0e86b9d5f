/** How widely a package is used: derivations depending on it directly, in the channel where most do. */
export interface PackageUse {
  dependants: number;
  channel: string;
}

/**
 * The relevance bonus of a widely used package: 1 + WEIGHT × log10(1 + n) / log10(1 + SATURATION),
 * capped at 1 + WEIGHT. Log scale, because usage spans five orders of magnitude (a leaf application:
 * 0; openssl: thousands) and a CVE in a package 100 derivations use is not 100 times as urgent as
 * one in a package used once. Bounded, so popularity reorders CVEs of similar confidence and
 * severity: a name match with an unconfirmed vendor (0.7) of a package everything uses (0.91) still
 * ranks below a curated, alias or declared-CPE match (≥ 0.95) of a leaf package.
 */
export const POPULARITY_WEIGHT = 0.3;
export const POPULARITY_SATURATION = 10_000;

export function popularityFactor(dependants: number): number {
  if (dependants <= 0) return 1;
  return 1 + POPULARITY_WEIGHT * Math.min(1, Math.log10(1 + dependants) / Math.log10(1 + POPULARITY_SATURATION));
}

/** Reverse dependency counts of the channels' packages, by attribute (the highest over channels). */
export class PackagePopularity {
  private readonly byAttr = new Map<string, PackageUse>();

  add(channel: string, attrs: readonly string[], counts: readonly number[]): void {
    for (let i = 0; i < attrs.length; i++) {
      const known = this.byAttr.get(attrs[i]);
      if (!known || known.dependants < counts[i]) this.byAttr.set(attrs[i], { dependants: counts[i], channel });
    }
  }

  /** The most used of these attributes, null when none has dependants. */
  mostUsed(attrs: readonly string[]): (PackageUse & { attr: string }) | null {
    let best: (PackageUse & { attr: string }) | null = null;
    for (const attr of attrs) {
      const use = this.byAttr.get(attr);
      if (use && (!best || use.dependants > best.dependants)) best = { ...use, attr };
    }
    return best;
  }

  get size(): number {
    return this.byAttr.size;
  }
}
