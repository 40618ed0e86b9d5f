export const VERDICT_KINDS = ['unbuilt', 'single', 'reproduced', 'partially_reproduced', 'nondeterministic', 'fod_mismatch'] as const;
export type VerdictKind = (typeof VERDICT_KINDS)[number];

export interface AttestationEvidence {
  builderId: number;
  builderName?: string;
  narHash: string;
  signatureStatus: string;
  /** A `--check` rebuild on the same builder gave different bits (own builds). */
  rebuildDiffers?: boolean;
  /** That rebuild's NAR hash, when it could be read. */
  rebuildNarHash?: string | null;
}

export interface OutputFacts {
  fixedOutput: boolean;
  /** FOD with `outputHashMode = "recursive"`: the expected hash is the NAR hash (SRI). */
  expectedNarHash: string | null;
  /** A builder reported Nix's "hash mismatch in fixed-output derivation". */
  fodMismatchReported: boolean;
}

export interface OutputVerdict {
  kind: VerdictKind;
  /** Distinct builders whose attestation counts. */
  builders: number;
  /** Builders agreeing on the most common hash. */
  agreeing: number;
  distinctHashes: number;
  /** Attestations left out: bad or unverifiable signatures. */
  ignored: number;
  /** One sentence saying why, for people. */
  explanation: string;
}

/** Our own builds and signatures verified against the builder's registered key count; nothing else. */
export function counts(a: AttestationEvidence): boolean {
  return a.signatureStatus === 'valid' || a.signatureStatus === 'own_build';
}

/**
 * The verdict for one output, by distinct builders (one attestation per builder and output is
 * stored, so several submissions from one builder never look like independent reproductions).
 */
export function outputVerdict(facts: OutputFacts, attestations: AttestationEvidence[]): OutputVerdict {
  const counted = attestations.filter(counts);
  const byHash = new Map<string, Set<number>>();
  for (const a of counted) {
    const builders = byHash.get(a.narHash) ?? new Set<number>();
    builders.add(a.builderId);
    byHash.set(a.narHash, builders);
  }
  const builders = new Set(counted.map((a) => a.builderId)).size;
  const agreeing = Math.max(0, ...[...byHash.values()].map((s) => s.size));
  // Different results seen, including rebuilds on the same builder.
  const results = new Set([...byHash.keys(), ...counted.flatMap((a) => (a.rebuildDiffers && a.rebuildNarHash ? [a.rebuildNarHash] : []))]);
  const selfDiffering = counted.filter((a) => a.rebuildDiffers);
  const base = { builders, agreeing, distinctHashes: Math.max(results.size, selfDiffering.length ? 2 : 0), ignored: attestations.length - counted.length };
  const wrongFixedHash = facts.fixedOutput && facts.expectedNarHash !== null && [...byHash.keys()].some((h) => h !== facts.expectedNarHash);
  if (facts.fixedOutput && (facts.fodMismatchReported || wrongFixedHash)) {
    return { kind: 'fod_mismatch', ...base, explanation: 'The fixed-output derivation did not produce its pinned hash.' };
  }
  if (builders === 0) return { kind: 'unbuilt', ...base, explanation: 'No builder whose claim counts has attested this output yet.' };
  // One builder getting two different results is proof enough, whatever others agree on.
  if (selfDiffering.length) {
    const who = selfDiffering.map((a) => a.builderName ?? `builder ${a.builderId}`).join(', ');
    const hashes = selfDiffering[0].rebuildNarHash ? ` (${selfDiffering[0].narHash}, then ${selfDiffering[0].rebuildNarHash})` : '';
    return { kind: 'nondeterministic', ...base, explanation: `The same builder produced two different results: a --check rebuild on ${who} differed from its first build${hashes}.` };
  }
  if (byHash.size === 1) {
    return builders === 1
      ? { kind: 'single', ...base, explanation: 'One builder built it: there is nothing to compare with yet.' }
      : { kind: 'reproduced', ...base, explanation: `${builders} independent builders got the same NAR hash.` };
  }
  if (agreeing >= 2) {
    return { kind: 'partially_reproduced', ...base, explanation: `${agreeing} of ${builders} builders agree; the others got ${byHash.size - 1} other result${byHash.size === 2 ? '' : 's'}.` };
  }
  return { kind: 'nondeterministic', ...base, explanation: `No two of the ${builders} builders got the same NAR hash.` };
}

/** Worst first: the order used to pick the weakest link and to roll stages up. */
export const VERDICT_SEVERITY: Record<VerdictKind, number> = {
  fod_mismatch: 5,
  nondeterministic: 4,
  partially_reproduced: 3,
  unbuilt: 2,
  single: 1,
  reproduced: 0,
};
