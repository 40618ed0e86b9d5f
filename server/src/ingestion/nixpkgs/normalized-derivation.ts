/**
 * One line of `nix-eval-jobs --meta` output, normalised. A derivation (by drvPath) is stored once
 * however many evaluations contain it; an evaluation refers to it under an attribute path.
 */
export interface NormalizedMaintainer {
  githubId: number | null; // the stable key; handles change
  github: string | null;
  name: string | null;
  email: string | null;
}

export interface NormalizedDerivation {
  attr: string; // "openssl_3.x86_64-linux" as nix-eval-jobs prints it
  attrPath: string[]; // ["openssl_3", "x86_64-linux"]
  /** attrPath without a trailing system component, e.g. "openssl_3" or "python3Packages.requests". */
  packageAttr: string;
  name: string; // "openssl-3.0.13"
  pname: string; // meta.pname, else builtins.parseDrvName(name).name
  version: string; // meta.version, else builtins.parseDrvName(name).version ("" when none)
  drvPath: string;
  system: string;
  outputs: Record<string, string | null>; // output name → store path (null when not known: CA derivations)
  inputDrvs: string[]; // drvPaths this derivation depends on directly
  description: string | null;
  longDescription: string | null;
  homepages: string[];
  licenses: string[]; // SPDX ids where known, else shortName
  maintainers: NormalizedMaintainer[]; // meta.maintainers plus members of meta.teams, deduplicated
  teams: string[]; // team short names
  knownVulnerabilities: string[];
  position: { file: string; line: number } | null; // file relative to the nixpkgs root when recognisable
  broken: boolean;
  insecure: boolean;
  unfree: boolean;
  unsupported: boolean;
  mainProgram: string | null;
  cpe: string | null; // meta.identifiers.cpe when present
  /** Everything else of meta, kept as JSON for later use. */
  extraMeta: Record<string, unknown>;
}

/** A line nix-eval-jobs reported as failing to evaluate: recorded, not dropped. */
export interface EvaluationErrorLine {
  attr: string;
  attrPath: string[];
  error: string;
}

export type EvalLineReason = 'malformed-json' | 'wrong-schema' | 'oversized' | 'truncated';

export class EvalLineRejectedError extends Error {
  constructor(
    readonly reason: EvalLineReason,
    readonly lineNumber: number,
    detail: string,
  ) {
    super(`line ${lineNumber}: ${detail}`);
    this.name = 'EvalLineRejectedError';
  }
}
