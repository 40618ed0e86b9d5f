export const VERDICT_KINDS = ['unbuilt', 'single', 'reproduced', 'partially_reproduced', 'nondeterministic', 'fod_mismatch'] as const;
export type VerdictKind = (typeof VERDICT_KINDS)[number];

export interface AttestationEvidence {
  builderId: number;
  narHash: string;
  signatureStatus: string;
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
  const base = { builders, agreeing, distinctHashes: byHash.size, ignored: attestations.length - counted.length };
  const wrongFixedHash = facts.fixedOutput && facts.expectedNarHash !== null && [...byHash.keys()].some((h) => h !== facts.expectedNarHash);
  if (facts.fixedOutput && (facts.fodMismatchReported || wrongFixedHash)) return { kind: 'fod_mismatch', ...base };
  if (builders === 0) return { kind: 'unbuilt', ...base };
  if (byHash.size === 1) return { kind: builders === 1 ? 'single' : 'reproduced', ...base };
  return { kind: agreeing >= 2 ? 'partially_reproduced' : 'nondeterministic', ...base };
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
