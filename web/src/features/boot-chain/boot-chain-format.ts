/** Labels, tones and symbols of the boot-chain page: verdicts, stages, builds, signatures. */
import type { StatusTone } from '../../app/run-format';
import type { BootChainNodeFieldsFragment } from '../../gql/graphql';
import type { Shown } from '../suggestions/linkage-format';

/** The chain's stages from the seed up, as the server's stage rules name them. */
export const STAGE_ORDER = ['seed', 'stage0-posix', 'mes', 'tinycc', 'early-tools', 'musl', 'gcc', 'glibc', 'stdenv', 'other'] as const;

export function stageRank(stage: string): number {
  const index = (STAGE_ORDER as readonly string[]).indexOf(stage);
  return index === -1 ? STAGE_ORDER.length : index;
}

export interface VerdictStyle {
  kind: string;
  label: string;
  /** Shown next to the label so the verdict does not rest on colour alone. */
  symbol: string;
  description: string;
}

/** Worst first, as the server ranks them (verdicts/output-verdict.ts VERDICT_SEVERITY). */
export const VERDICTS: readonly VerdictStyle[] = [
  { kind: 'fod_mismatch', label: 'Hash mismatch', symbol: '✗', description: 'a fixed-output derivation did not produce its pinned hash' },
  { kind: 'nondeterministic', label: 'Nondeterministic', symbol: '≠', description: 'no two builders agree, or one builder got two different results' },
  { kind: 'partially_reproduced', label: 'Partly reproduced', symbol: '≈', description: 'at least two builders agree, others differ' },
  { kind: 'unbuilt', label: 'Unbuilt', symbol: '○', description: 'no builder attested it yet' },
  { kind: 'single', label: 'Single builder', symbol: '1', description: 'one builder only: nothing to compare with' },
  { kind: 'reproduced', label: 'Reproduced', symbol: '✓', description: 'independent builders got the same bits' },
];

const BY_KIND = new Map(VERDICTS.map((v, rank) => [v.kind, { ...v, rank }]));

export function verdictStyle(kind: string): VerdictStyle {
  return BY_KIND.get(kind) ?? { kind, label: kind, symbol: '?', description: kind };
}

/** Lower is worse; an unknown kind counts as the worst. */
function verdictRank(kind: string): number {
  return BY_KIND.get(kind)?.rank ?? -1;
}

/** The worst verdict of a derivation's outputs. */
export function nodeVerdict(node: BootChainNodeFieldsFragment): string {
  let worst = 'reproduced';
  for (const output of node.outputs) if (verdictRank(output.verdict.kind) < verdictRank(worst)) worst = output.verdict.kind;
  return node.outputs.length === 0 ? 'unbuilt' : worst;
}

/** Per-verdict counts of a stage roll-up (JSON { kind: count }), worst first, zeros left out. */
export function verdictCounts(counts: unknown): { kind: string; count: number }[] {
  if (counts === null || typeof counts !== 'object') return [];
  const values = counts as Record<string, unknown>;
  return Object.keys(values)
    .map((kind) => ({ kind, count: Number(values[kind]) }))
    .filter((entry) => entry.count > 0)
    .sort((a, b) => verdictRank(a.kind) - verdictRank(b.kind));
}

const BUILD_STATUS: Record<string, { label: string; tone: StatusTone | 'neutral' }> = {
  waiting: { label: 'Waiting for inputs', tone: 'neutral' },
  queued: { label: 'Queued', tone: 'busy' },
  running: { label: 'Running', tone: 'busy' },
  succeeded: { label: 'Succeeded', tone: 'good' },
  // A completed --check rebuild whose bits differ: the build worked, the derivation is not deterministic.
  check_mismatch: { label: 'Rebuild differs', tone: 'bad' },
  failed: { label: 'Failed', tone: 'bad' },
  timed_out: { label: 'Timed out', tone: 'bad' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  reused: { label: 'Reused', tone: 'good' },
};

export function buildStatus(status: string): Shown {
  return BUILD_STATUS[status] ?? { label: status, tone: 'neutral' };
}

/** The Nix a builder runs as last detected, else as registered, and whether detection failed. */
export function builderNixVersion(builder: { nixVersion?: string | null; detectedNixVersion?: string | null; nixVersionError?: string | null }): string {
  if (builder.detectedNixVersion) return builder.detectedNixVersion;
  const registered = builder.nixVersion ? `${builder.nixVersion} (as registered)` : 'unknown';
  return builder.nixVersionError ? `${registered}; detection failed` : registered;
}

/** Builds still moving: the page polls while there is one. */
export function isActiveBuild(status: string): boolean {
  return status === 'queued' || status === 'running';
}

const SIGNATURES: Record<string, Shown> = {
  own_build: { label: 'Own build', tone: 'good' },
  valid: { label: 'Valid signature', tone: 'good' },
  invalid: { label: 'Invalid signature', tone: 'bad' },
  unknown_key: { label: 'Unknown key', tone: 'bad' },
  missing: { label: 'No signature', tone: 'busy' },
  malformed: { label: 'Malformed signature', tone: 'bad' },
  unverifiable: { label: 'Unverifiable', tone: 'busy' },
};

export function signatureStatus(status: string): Shown {
  return SIGNATURES[status] ?? { label: status, tone: 'neutral' };
}

/** /nix/store/abc…-hex0.drv → abc…-hex0.drv: the part people compare. */
export function storeBaseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The id of a derivation's button in the chain graph, to bring focus back to it. */
export function nodeElementId(drvPath: string): string {
  return `chain-node-${storeBaseName(drvPath).replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
