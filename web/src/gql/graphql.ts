/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format. */
  DateTime: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: unknown; output: unknown; }
};

/** One entry of the activity log. */
export type ActivityEntryModel = {
  __typename?: 'ActivityEntryModel';
  action: Scalars['String']['output'];
  /** GitHub handle, token:<id>, github:<handle> for webhook effects, or nixsec. */
  actor: Scalars['String']['output'];
  /** State after, as JSON. */
  after?: Maybe<Scalars['String']['output']>;
  at: Scalars['DateTime']['output'];
  /** State before, as JSON. */
  before?: Maybe<Scalars['String']['output']>;
  /** Other details, as JSON. */
  details: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  subjectId: Scalars['String']['output'];
  subjectType: Scalars['String']['output'];
};

/** A vulnerability advisory: a draft, or published as a GitHub issue, or archived when that issue was closed. */
export type Advisory = {
  __typename?: 'Advisory';
  activity: Array<ActivityEntryModel>;
  archivedAt?: Maybe<Scalars['DateTime']['output']>;
  channels: Array<AdvisoryChannelModel>;
  comments: Array<CommentModel>;
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  cveIds: Array<Scalars['String']['output']>;
  cves: Array<Cve>;
  description: Scalars['String']['output'];
  /** Per channel of the advisory: fixed, fix pending or not fixed, by the linked PRs' landings and the branch graph, and by the package versions of each channel's latest evaluation. */
  fixStatus: Array<ChannelFixStatus>;
  /** Where the pull requests fixing it have landed, in the order they were seen. */
  fixes: Array<AdvisoryFix>;
  id: Scalars['ID']['output'];
  issueNumber?: Maybe<Scalars['Int']['output']>;
  issueUrl?: Maybe<Scalars['String']['output']>;
  maintainers: Array<AdvisoryMaintainerModel>;
  notes: Scalars['String']['output'];
  packages: Array<AdvisoryPackageModel>;
  /** NIXPKGS-YYYY-NNNN, assigned at publish. */
  publicId?: Maybe<Scalars['String']['output']>;
  publishedAt?: Maybe<Scalars['DateTime']['output']>;
  references: Array<Scalars['String']['output']>;
  repository?: Maybe<Scalars['String']['output']>;
  /** none, low, medium, high or critical; null: from CVSS */
  severityOverride?: Maybe<Scalars['String']['output']>;
  /** draft, published or archived */
  state: Scalars['String']['output'];
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** Send it back with every edit: an edit made on an older version is refused (CONFLICT). */
  version: Scalars['Int']['output'];
};


/** A vulnerability advisory: a draft, or published as a GitHub issue, or archived when that issue was closed. */
export type AdvisoryActivityArgs = {
  first?: Scalars['Int']['input'];
};

export type AdvisoryChannelModel = {
  __typename?: 'AdvisoryChannelModel';
  channel: Scalars['String']['output'];
  /** affected, fixed, not-affected or unknown */
  status: Scalars['String']['output'];
};

export type AdvisoryConnection = {
  __typename?: 'AdvisoryConnection';
  edges: Array<AdvisoryEdge>;
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type AdvisoryEdge = {
  __typename?: 'AdvisoryEdge';
  cursor: Scalars['String']['output'];
  node: Advisory;
};

/** A pull request linked to an advisory (it mentions one of its CVEs, its id or its issue) and a branch it has reached. */
export type AdvisoryFix = {
  __typename?: 'AdvisoryFix';
  branch: Scalars['String']['output'];
  firstSeen: Scalars['DateTime']['output'];
  pr: Scalars['Int']['output'];
};

/** Fields to change; absent fields stay as they are. */
export type AdvisoryInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  notes?: InputMaybe<Scalars['String']['input']>;
  references?: InputMaybe<Array<Scalars['String']['input']>>;
  /** none, low, medium, high, critical; "" clears the override */
  severityOverride?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
};

export type AdvisoryMaintainerModel = {
  __typename?: 'AdvisoryMaintainerModel';
  githubId: Scalars['Int']['output'];
  /** The handle when it was added; re-resolved from githubId at publish. */
  login: Scalars['String']['output'];
  /** Mentioned (@handle) in the GitHub issue. */
  ping: Scalars['Boolean']['output'];
  /** package (maintains one of the packages) or manual */
  source: Scalars['String']['output'];
};

/** A package an advisory names, with the versions each channel ships and their verdicts. */
export type AdvisoryPackageModel = {
  __typename?: 'AdvisoryPackageModel';
  /** The attribute users know it by. */
  attr: Scalars['String']['output'];
  attrs: Array<Scalars['String']['output']>;
  links: Array<PackageLink>;
  /** suggestion (from the matcher) or manual (added by the team) */
  source: Scalars['String']['output'];
};

/** An API token of yours. Its secret is shown only once, when it is created. */
export type ApiToken = {
  __typename?: 'ApiToken';
  createdAt: Scalars['DateTime']['output'];
  expiresAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** Recorded at most once a minute. */
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  scope: ApiTokenScope;
};

/** What an API token may do: read (queries only, no roles), triage (up to security-team), admin (all of its owner's roles). */
export type ApiTokenScope =
  | 'admin'
  | 'read'
  | 'triage';

/** A builder's claim about one output. */
export type BootChainAttestation = {
  __typename?: 'BootChainAttestation';
  builderName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** SRI, e.g. sha256-… */
  narHash: Scalars['String']['output'];
  narSize?: Maybe<Scalars['Float']['output']>;
  /** The Nix version the builder ran (detected, else as registered). */
  nixVersion?: Maybe<Scalars['String']['output']>;
  outputPath: Scalars['String']['output'];
  /** A --check rebuild on this builder gave different bits than its first build: the derivation is not deterministic. */
  rebuildDiffers: Scalars['Boolean']['output'];
  /** That rebuild's NAR hash (SRI), when nixsec could read it. */
  rebuildNarHash?: Maybe<Scalars['String']['output']>;
  recordedAt: Scalars['DateTime']['output'];
  /** own_build, valid, invalid, unknown_key, missing, malformed or unverifiable */
  signatureStatus: Scalars['String']['output'];
  /** build, ssh, hydra, binary-cache or submission */
  source: Scalars['String']['output'];
  /** Built by this builder, not substituted. */
  ultimate?: Maybe<Scalars['Boolean']['output']>;
};

export type BootChainBuild = {
  __typename?: 'BootChainBuild';
  attempts: Scalars['Int']['output'];
  builderName: Scalars['String']['output'];
  /** The last run rebuilt an output already in the builder's store (nix-store --check). */
  checked: Scalars['Boolean']['output'];
  drvPath: Scalars['String']['output'];
  /** What went wrong, or for check_mismatch what differed. */
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** The last lines of the build log. */
  logTail?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  /** waiting, queued, running, succeeded, check_mismatch (a completed --check rebuild that differs from the first build), failed, timed_out, cancelled or reused (already attested by this builder) */
  status: Scalars['String']['output'];
};

export type BootChainBuilder = {
  __typename?: 'BootChainBuilder';
  /** The Nix version last detected on the builder (local: nix --version; ssh-ng: the remote store). */
  detectedNixVersion?: Maybe<Scalars['String']['output']>;
  enabled: Scalars['Boolean']['output'];
  /** Has a submission token (POST /attestation/{drv}). */
  hasToken: Scalars['Boolean']['output'];
  host: Scalars['JSON']['output'];
  id: Scalars['Int']['output'];
  /** local, ssh-ng, hydra, binary-cache or external (submits attestations itself) */
  kind: Scalars['String']['output'];
  maxConcurrent: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  /** The Nix version given at registration. */
  nixVersion?: Maybe<Scalars['String']['output']>;
  nixVersionDetectedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Why the last detection of the Nix version failed (null when it worked). */
  nixVersionError?: Maybe<Scalars['String']['output']>;
  operator?: Maybe<Scalars['String']['output']>;
  /** Nix signing key, name:base64. */
  publicKey?: Maybe<Scalars['String']['output']>;
  storeUri?: Maybe<Scalars['String']['output']>;
  systems: Array<Scalars['String']['output']>;
  timeoutSeconds: Scalars['Int']['output'];
  url?: Maybe<Scalars['String']['output']>;
};

export type BootChainBuilderInput = {
  /** true for a new builder. */
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** Host metadata (CPU, kernel, location …). */
  host?: InputMaybe<Scalars['JSON']['input']>;
  /** local, ssh-ng, hydra, binary-cache or external */
  kind: Scalars['String']['input'];
  /** Parallel builds; 1 for a new builder. */
  maxConcurrent?: InputMaybe<Scalars['Int']['input']>;
  /** Unique. Registering an existing name updates that builder: a field left out keeps its value, null clears an optional one. */
  name: Scalars['String']['input'];
  /** Issue a new submission token (external builders posting to /attestation/{drv}). */
  newToken?: Scalars['Boolean']['input'];
  nixVersion?: InputMaybe<Scalars['String']['input']>;
  operator?: InputMaybe<Scalars['String']['input']>;
  /** Nix signing public key, name:base64. */
  publicKey?: InputMaybe<Scalars['String']['input']>;
  /** ssh-ng: absolute path of the SSH private key file (never its content). */
  sshKeyFile?: InputMaybe<Scalars['String']['input']>;
  /** local: a store root or URI (default: the server's store); ssh-ng: ssh-ng://user@host; hydra: the binary cache Hydra uploads to. */
  storeUri?: InputMaybe<Scalars['String']['input']>;
  /** Systems it builds for; none (any) for a new builder. */
  systems?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Build timeout; 14400 for a new builder. */
  timeoutSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** binary-cache: the cache URL; hydra: the Hydra URL (its JSON API). */
  url?: InputMaybe<Scalars['String']['input']>;
};

export type BootChainDispatch = {
  __typename?: 'BootChainDispatch';
  /** Binary-cache imports queued. */
  imports: Scalars['Int']['output'];
  /** Builds planned (new or waiting again). */
  planned: Scalars['Int']['output'];
  /** Builds whose inputs were ready and that were queued now. */
  queued: Scalars['Int']['output'];
};

/** A derivation of the chain. */
export type BootChainNode = {
  __typename?: 'BootChainNode';
  /** Longest chain of inputs below it; seeds are 0. */
  depth: Scalars['Int']['output'];
  drvPath: Scalars['String']['output'];
  fixedOutput: Scalars['Boolean']['output'];
  inputDrvs: Array<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  outputs: Array<BootChainOutput>;
  pname: Scalars['String']['output'];
  /** A prebuilt binary (bootstrap-tools): the chain is then not anchored in the seed. */
  prebuilt: Scalars['Boolean']['output'];
  /** seed, stage0-posix, mes, tinycc, early-tools, musl, gcc, glibc, stdenv or other */
  stage: Scalars['String']['output'];
  version?: Maybe<Scalars['String']['output']>;
};

export type BootChainOutput = {
  __typename?: 'BootChainOutput';
  attestations: Array<BootChainAttestation>;
  /** Fixed-output derivations: the pinned hash (SRI). */
  expectedHash?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  path: Scalars['String']['output'];
  verdict: BootChainVerdict;
};

export type BootChainStage = {
  __typename?: 'BootChainStage';
  derivations: Scalars['Int']['output'];
  outputs: Scalars['Int']['output'];
  /** Outputs reproduced by at least the required number of builders. */
  reproducedOutputs: Scalars['Int']['output'];
  stage: Scalars['String']['output'];
  /** Outputs per verdict kind. */
  verdicts: Scalars['JSON']['output'];
  worst: Scalars['String']['output'];
};

/** A bootstrap chain discovered for a Nixpkgs revision, system and attribute. */
export type BootChainTarget = {
  __typename?: 'BootChainTarget';
  /** e.g. minimal-bootstrap.tests.full or stdenv */
  attr: Scalars['String']['output'];
  /** Builds nixsec dispatched for this chain. */
  builds: Array<BootChainBuild>;
  /** Every derivation with its outputs, verdicts and attestations, seeds first. */
  chain: Array<BootChainNode>;
  discoveredAt: Scalars['DateTime']['output'];
  id: Scalars['Int']['output'];
  /** Derivations in the chain. */
  nodes: Scalars['Int']['output'];
  report: BootChainTrustReport;
  /** The Nixpkgs commit. */
  revision: Scalars['String']['output'];
  rootDrvPath: Scalars['String']['output'];
  /** e.g. x86_64-linux */
  system: Scalars['String']['output'];
};

/** Does the chain trace back to the seed, and was every stage reproduced by enough independent builders? */
export type BootChainTrustReport = {
  __typename?: 'BootChainTrustReport';
  allReproduced: Scalars['Boolean']['output'];
  attr: Scalars['String']['output'];
  minBuilders: Scalars['Int']['output'];
  outputs: Scalars['Int']['output'];
  /** Prebuilt binaries in the closure. */
  prebuilt: Array<Scalars['String']['output']>;
  reproducedOutputs: Scalars['Int']['output'];
  revision: Scalars['String']['output'];
  seedAnchored: Scalars['Boolean']['output'];
  seedProblems: Array<Scalars['String']['output']>;
  stages: Array<BootChainStage>;
  statement: Scalars['String']['output'];
  system: Scalars['String']['output'];
  weakestLink?: Maybe<BootChainWeakestLink>;
};

/** Reproducibility of one output, judged by distinct builders (not by submissions). */
export type BootChainVerdict = {
  __typename?: 'BootChainVerdict';
  /** Builders agreeing on the most common hash. */
  agreeing: Scalars['Int']['output'];
  /** Distinct builders whose attestation counts. */
  builders: Scalars['Int']['output'];
  distinctHashes: Scalars['Int']['output'];
  /** Why, in one sentence (e.g. that the same builder produced two different results). */
  explanation: Scalars['String']['output'];
  /** Attestations not counted: missing, invalid, unverifiable signatures or unknown keys. */
  ignored: Scalars['Int']['output'];
  /** unbuilt, single, reproduced, partially_reproduced, nondeterministic or fod_mismatch */
  kind: Scalars['String']['output'];
};

export type BootChainWeakestLink = {
  __typename?: 'BootChainWeakestLink';
  agreeing: Scalars['Int']['output'];
  builders: Scalars['Int']['output'];
  drvPath: Scalars['String']['output'];
  name: Scalars['String']['output'];
  output: Scalars['String']['output'];
  stage: Scalars['String']['output'];
  verdict: Scalars['String']['output'];
};

export type Channel = {
  __typename?: 'Channel';
  headRevision?: Maybe<Scalars['String']['output']>;
  headUpdatedAt?: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  /** 'unstable' or a release such as 24.11 */
  release: Scalars['String']['output'];
  /** unstable, stable, beta, deprecated or end-of-life */
  state: Scalars['String']['output'];
  tracked: Scalars['Boolean']['output'];
  /** nixos, nixos-small, nixpkgs or nixpkgs-darwin */
  variant: Scalars['String']['output'];
};

/** An advisory channel's fix status from the PRs linked to the advisory and where they have landed. */
export type ChannelFixStatus = {
  __typename?: 'ChannelFixStatus';
  /** evidence evaluation: the package attribute named as evidence. */
  attr?: Maybe<Scalars['String']['output']>;
  channel: Scalars['String']['output'];
  /** evidence evaluation: the evaluation (its finish time is `since`). */
  evaluation?: Maybe<Scalars['Int']['output']>;
  /** fixed: pull-request (a linked PR reached the channel) or evaluation (its latest evaluation ships a version no CVE of the advisory affects). */
  evidence?: Maybe<Scalars['String']['output']>;
  /** fixed: the earliest PR seen in the channel; fix-pending: the one furthest along. */
  pr?: Maybe<Scalars['Int']['output']>;
  /** When that PR was first seen on the channel (fixed) or on `via` (fix-pending). */
  since?: Maybe<Scalars['DateTime']['output']>;
  /** fixed (a linked PR is in the channel, or its latest evaluation ships a version outside the affected range), fix-pending (a PR is on a branch flowing into it) or not-fixed */
  state: Scalars['String']['output'];
  /** evidence evaluation: its version in that evaluation. */
  version?: Maybe<Scalars['String']['output']>;
  /** fix-pending: the branch the fix is on now. */
  via?: Maybe<Scalars['String']['output']>;
};

export type CommentModel = {
  __typename?: 'CommentModel';
  author: Scalars['String']['output'];
  body: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
};

/** A candidate that was considered and not suggested. */
export type ConsideredCandidate = {
  __typename?: 'ConsideredCandidate';
  confidence: Scalars['Float']['output'];
  detail: Scalars['String']['output'];
  displayAttr: Scalars['String']['output'];
};

export type CreatedApiToken = {
  __typename?: 'CreatedApiToken';
  /** The secret (nixsec_…), shown only this once: send it as "Authorization: Bearer <secret>". */
  secret: Scalars['String']['output'];
  token: ApiToken;
};

/** The logged-in caller. */
export type CurrentUser = {
  __typename?: 'CurrentUser';
  avatarUrl?: Maybe<Scalars['String']['output']>;
  /** A local demo user (demo mode), not a GitHub account. */
  demo: Scalars['Boolean']['output'];
  /** GitHub user id (negative for the local demo users). */
  githubId: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  login: Scalars['String']['output'];
  name?: Maybe<Scalars['String']['output']>;
  /** Roles this request acts with, lowest first: maintainer, security-team, admin. Checks are hierarchical. */
  roles: Array<Scalars['String']['output']>;
  /** Set when the request is authenticated by an API token. */
  tokenScope?: Maybe<ApiTokenScope>;
};

export type Cve = {
  __typename?: 'Cve';
  affected: Array<CveAffected>;
  assignerShortName?: Maybe<Scalars['String']['output']>;
  cpeMatches: Array<CveCpeMatch>;
  datePublished?: Maybe<Scalars['DateTime']['output']>;
  dateReserved?: Maybe<Scalars['DateTime']['output']>;
  dateUpdated?: Maybe<Scalars['DateTime']['output']>;
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Highest CVSS base score of any source. */
  maxBaseScore?: Maybe<Scalars['Float']['output']>;
  metrics: Array<CveMetric>;
  /** NVD analysis status, when NVD knows the CVE. */
  nvdStatus?: Maybe<Scalars['String']['output']>;
  problemTypes: Array<CveProblemType>;
  references: Array<CveReference>;
  /** Sources that state this CVE: cve-list, nvd. */
  sources: Array<Scalars['String']['output']>;
  /** PUBLISHED or REJECTED */
  state: Scalars['String']['output'];
  suggestion?: Maybe<Suggestion>;
  title?: Maybe<Scalars['String']['output']>;
};

/** One affected product entry of a CNA/ADP container (or NVD). */
export type CveAffected = {
  __typename?: 'CveAffected';
  collectionUrl?: Maybe<Scalars['String']['output']>;
  /** cna, adp or nvd */
  containerKind: Scalars['String']['output'];
  cpes: Array<Scalars['String']['output']>;
  defaultStatus?: Maybe<Scalars['String']['output']>;
  packageName?: Maybe<Scalars['String']['output']>;
  platforms: Array<Scalars['String']['output']>;
  product?: Maybe<Scalars['String']['output']>;
  providerShortName?: Maybe<Scalars['String']['output']>;
  repo?: Maybe<Scalars['String']['output']>;
  source: Scalars['String']['output'];
  vendor?: Maybe<Scalars['String']['output']>;
  versions: Array<CveAffectedVersion>;
};

export type CveAffectedVersion = {
  __typename?: 'CveAffectedVersion';
  lessThan?: Maybe<Scalars['String']['output']>;
  lessThanOrEqual?: Maybe<Scalars['String']['output']>;
  status: Scalars['String']['output'];
  version: Scalars['String']['output'];
  versionType?: Maybe<Scalars['String']['output']>;
};

export type CveConnection = {
  __typename?: 'CveConnection';
  edges: Array<CveEdge>;
  pageInfo: PageInfo;
};

/** One cpeMatch of the NVD configurations. */
export type CveCpeMatch = {
  __typename?: 'CveCpeMatch';
  configuration: Scalars['Int']['output'];
  criteria: Scalars['String']['output'];
  negate: Scalars['Boolean']['output'];
  node: Scalars['Int']['output'];
  operator: Scalars['String']['output'];
  versionEndExcluding?: Maybe<Scalars['String']['output']>;
  versionEndIncluding?: Maybe<Scalars['String']['output']>;
  versionStartExcluding?: Maybe<Scalars['String']['output']>;
  versionStartIncluding?: Maybe<Scalars['String']['output']>;
  vulnerable: Scalars['Boolean']['output'];
};

export type CveEdge = {
  __typename?: 'CveEdge';
  cursor: Scalars['String']['output'];
  node: Cve;
};

export type CveFilter = {
  /** Full-text search, web-search syntax ("heap overflow" -windows). */
  search?: InputMaybe<Scalars['String']['input']>;
  /** PUBLISHED or REJECTED */
  state?: InputMaybe<Scalars['String']['input']>;
  /** CVE year, e.g. 2024 */
  year?: InputMaybe<Scalars['Int']['input']>;
};

/** A CVSS score computed from its vector by a CVSS library. */
export type CveMetric = {
  __typename?: 'CveMetric';
  baseScore: Scalars['Float']['output'];
  cvssVersion: Scalars['String']['output'];
  scoredBy?: Maybe<Scalars['String']['output']>;
  severity: Scalars['String']['output'];
  source: Scalars['String']['output'];
  vector: Scalars['String']['output'];
};

export type CveProblemType = {
  __typename?: 'CveProblemType';
  cweId?: Maybe<Scalars['String']['output']>;
  description: Scalars['String']['output'];
  source: Scalars['String']['output'];
};

export type CveReference = {
  __typename?: 'CveReference';
  name?: Maybe<Scalars['String']['output']>;
  source: Scalars['String']['output'];
  tags: Array<Scalars['String']['output']>;
  url: Scalars['String']['output'];
};

export type DatabaseStatus =
  | 'OK'
  | 'UNREACHABLE';

export type DiscoverBootChainInput = {
  attr?: Scalars['String']['input'];
  /** Path of a Nixpkgs checkout on the server (or a Nix file taking { system }). */
  nixpkgs: Scalars['String']['input'];
  /** Defaults to the checkout's git HEAD. */
  revision?: InputMaybe<Scalars['String']['input']>;
  system?: Scalars['String']['input'];
};

/** One evaluation of a channel at a Nixpkgs commit. */
export type Evaluation = {
  __typename?: 'Evaluation';
  attempts: Scalars['Int']['output'];
  channel: Scalars['String']['output'];
  /** lines, added, changed, unchanged, removed, evalErrors, quarantined, newDerivations, newMeta */
  counts: Scalars['JSON']['output'];
  createdAt: Scalars['DateTime']['output'];
  error?: Maybe<Scalars['String']['output']>;
  /** Attributes that failed to evaluate. */
  errors: Array<EvaluationErrorEntry>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  logTail?: Maybe<Scalars['String']['output']>;
  /** Nixpkgs commit */
  revision: Scalars['String']['output'];
  source: Scalars['String']['output'];
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  /** waiting, running, completed, failed or crashed */
  status: Scalars['String']['output'];
};


/** One evaluation of a channel at a Nixpkgs commit. */
export type EvaluationErrorsArgs = {
  first?: Scalars['Int']['input'];
};

/** What changed between two evaluations, per attribute (e.g. openssl.x86_64-linux). */
export type EvaluationDiff = {
  __typename?: 'EvaluationDiff';
  added: Array<Scalars['String']['output']>;
  removed: Array<Scalars['String']['output']>;
  versionChanged: Array<VersionChange>;
};

/** An attribute nix-eval-jobs could not evaluate, with its error. */
export type EvaluationErrorEntry = {
  __typename?: 'EvaluationErrorEntry';
  attr: Scalars['String']['output'];
  error: Scalars['String']['output'];
};

export type Health = {
  __typename?: 'Health';
  database: DatabaseStatus;
  /** Migrations of this build not yet applied to the database. */
  migrationsPending: Scalars['Int']['output'];
  /** Version of the running server. */
  version: Scalars['String']['output'];
};

/** One run of an ingester (CVE List, NVD, evaluations). */
export type IngestionRun = {
  __typename?: 'IngestionRun';
  bookmarkAfter?: Maybe<Scalars['String']['output']>;
  bookmarkBefore?: Maybe<Scalars['String']['output']>;
  /** read, ingested, updated, unchanged, deleted, quarantined, rejected */
  counts: Scalars['JSON']['output'];
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** What was read: a path, an archive, a git range, an API window. */
  input: Scalars['String']['output'];
  source: Scalars['String']['output'];
  startedAt: Scalars['DateTime']['output'];
  /** running, completed, failed or crashed */
  status: Scalars['String']['output'];
};

/** One execution of a queued job (ingestion, evaluation, linking, builds, …). */
export type JobRun = {
  __typename?: 'JobRun';
  attempt: Scalars['Int']['output'];
  /** What the run did, e.g. { ingested: 10, quarantined: 1 }. */
  counts: Scalars['JSON']['output'];
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** Queue name, e.g. `ingestion.cve-list`. */
  kind: Scalars['String']['output'];
  /** Latest progress report of a running job. */
  progress?: Maybe<Scalars['JSON']['output']>;
  startedAt: Scalars['DateTime']['output'];
  status: JobRunStatus;
  worker?: Maybe<Scalars['String']['output']>;
};

export type JobRunStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'RUNNING';

/** A GitHub issue (not a pull request) carrying a tracked label, e.g. "1.severity: security". */
export type LabeledIssue = {
  __typename?: 'LabeledIssue';
  htmlUrl: Scalars['String']['output'];
  labels: Array<Scalars['String']['output']>;
  number: Scalars['Int']['output'];
  /** Tracked pull requests that name this issue (#N in title, body or commit messages, e.g. "fixes #N"), with their landings. */
  pullRequests: Array<PullRequest>;
  repository: Scalars['String']['output'];
  /** open or closed */
  state: Scalars['String']['output'];
  title: Scalars['String']['output'];
  /** When GitHub last changed it. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of labelled issues; pass endCursor as `after` for the next one. */
export type LabeledIssueConnection = {
  __typename?: 'LabeledIssueConnection';
  edges: Array<LabeledIssueEdge>;
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type LabeledIssueEdge = {
  __typename?: 'LabeledIssueEdge';
  cursor: Scalars['String']['output'];
  node: LabeledIssue;
};

export type Maintainer = {
  __typename?: 'Maintainer';
  github?: Maybe<Scalars['String']['output']>;
  githubId?: Maybe<Scalars['Int']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  packages: PackageConnection;
};


export type MaintainerPackagesArgs = {
  channel?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

/** A curated mapping rule: the CVE vendor:product is (map) or is never (never) these packages. */
export type MappingRuleInput = {
  /** map or never */
  action: Scalars['String']['input'];
  /** why: shown in every explanation the rule produces */
  note: Scalars['String']['input'];
  /** package names (pname) or attributes; empty with never = no package at all */
  packages: Array<Scalars['String']['input']>;
  /** CVE product or CPE product, as the records write it */
  product: Scalars['String']['input'];
  /** CVE/CPE vendor; null for any vendor */
  vendor?: InputMaybe<Scalars['String']['input']>;
};

/** A curated rule of the security team: a CVE vendor:product is (or is never) these packages. */
export type MappingRuleModel = {
  __typename?: 'MappingRuleModel';
  /** map or never */
  action: Scalars['String']['output'];
  createdBy: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  note: Scalars['String']['output'];
  packages: Array<Scalars['String']['output']>;
  product: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** null: any vendor */
  vendor?: Maybe<Scalars['String']['output']>;
};

/** Why a package was matched: which statement of the CVE, which rule, how strongly. */
export type MatchReason = {
  __typename?: 'MatchReason';
  confidence: Scalars['Float']['output'];
  detail: Scalars['String']['output'];
  /** curated, alias, declared-cpe, repository, name, description or reference */
  rule: Scalars['String']['output'];
  /** The CVE statement, e.g. CNA affected product "curl" (vendor "curl"). */
  signal: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Accepts suggestions into a new draft, or into the draft intoAdvisoryId (several CVEs in one advisory). */
  acceptSuggestions: Advisory;
  /** Adds a maintainer to ping by GitHub handle (checked on GitHub). */
  addAdvisoryMaintainer: Advisory;
  /** Adds a package by attribute (one that a tracked channel ships); its maintainers are added to ping. */
  addAdvisoryPackage: Advisory;
  /**
   * Comments on a suggestion or advisory. Returns the comment id.
   * @deprecated Use postComment, which returns the comment.
   */
  addComment: Scalars['ID']['output'];
  /** Cancels the unfinished builds of the chain (on one builder, or all); returns how many. */
  cancelBootChainBuilds: Scalars['Int']['output'];
  /** Creates an API token; the secret is in the answer and never shown again. */
  createApiToken: CreatedApiToken;
  createMappingRule: MappingRuleModel;
  /** Removes a rule; true when done. */
  deleteMappingRule: Scalars['Boolean']['output'];
  /** Discards a draft; its suggestions go back to the queue. */
  discardDraft: Scalars['Boolean']['output'];
  /** Instantiates the target in a Nixpkgs checkout on the server and stores its derivation graph. */
  discoverBootChain: BootChainTarget;
  /** Dismisses pending suggestions with one reason (not-for-us, not-affected, duplicate, wont-fix, other + comment). */
  dismissSuggestions: TriageResult;
  /** Links a tracked pull request to an advisory as one of its fixes (also one no rule found, e.g. a backport without -x). */
  linkPullRequest: Advisory;
  /** Marks all your notifications read; returns how many were unread. */
  markAllNotificationsRead: Scalars['Int']['output'];
  /** Marks these notifications of yours read; returns how many were unread. */
  markNotificationsRead: Scalars['Int']['output'];
  /** Merges other drafts into this one (their CVEs, packages and maintainers); the others disappear. */
  mergeAdvisories: Advisory;
  /** Comments on a suggestion or advisory (maintainers of its packages and the security team). Returns the comment as stored. */
  postComment: CommentModel;
  /** Publishes a draft as a GitHub issue. Safe to retry: never creates a second issue. */
  publishAdvisory: Advisory;
  /** Registers a builder (or updates the one with this name). */
  registerBootChainBuilder: RegisteredBootChainBuilder;
  removeAdvisoryMaintainer: Advisory;
  removeAdvisoryPackage: Advisory;
  /** Puts dismissed suggestions back in the queue. */
  restoreSuggestions: TriageResult;
  /** Revokes one of your API tokens at once. */
  revokeApiToken: ApiToken;
  /** Sets one channel to affected, fixed, not-affected or unknown. */
  setAdvisoryChannelStatus: Advisory;
  /** Whether the GitHub issue mentions (pings) this maintainer. */
  setAdvisoryMaintainerPing: Advisory;
  /** Changes your given preferences; absent ones stay as they are. */
  setNotificationPreferences: NotificationPreferences;
  /** Moves one CVE out of a draft into a new draft, which is returned. */
  splitAdvisory: Advisory;
  /** Builds the chain on these builders in dependency order (binary caches are imported). Outputs a builder already attested are reused unless rebuild. */
  startBootChainBuilds: BootChainDispatch;
  /** Follows a package attribute a tracked channel ships, or a tracked channel. Idempotent. */
  subscribe: NotificationSubscription;
  /** Rewrites a published advisory's GitHub issue from its current content. */
  syncAdvisoryIssue: Advisory;
  /** Undoes your last triage decision or draft edit, within 30 seconds. */
  undoLastAction: UndoResultModel;
  /** Removes a pull request from the fixes of an advisory; it is not linked again by later mentions. */
  unlinkPullRequest: Advisory;
  /** Stops following; false when you did not follow it. */
  unsubscribe: Scalars['Boolean']['output'];
  updateAdvisory: Advisory;
  updateMappingRule: MappingRuleModel;
};


export type MutationAcceptSuggestionsArgs = {
  ids: Array<Scalars['ID']['input']>;
  intoAdvisoryId?: InputMaybe<Scalars['ID']['input']>;
  version?: InputMaybe<Scalars['Int']['input']>;
};


export type MutationAddAdvisoryMaintainerArgs = {
  id: Scalars['ID']['input'];
  login: Scalars['String']['input'];
  version: Scalars['Int']['input'];
};


export type MutationAddAdvisoryPackageArgs = {
  attr: Scalars['String']['input'];
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
};


export type MutationAddCommentArgs = {
  body: Scalars['String']['input'];
  subjectId: Scalars['ID']['input'];
  subjectType: Scalars['String']['input'];
};


export type MutationCancelBootChainBuildsArgs = {
  builderId?: InputMaybe<Scalars['Int']['input']>;
  targetId: Scalars['Int']['input'];
};


export type MutationCreateApiTokenArgs = {
  expiresInDays?: Scalars['Int']['input'];
  name: Scalars['String']['input'];
  scope: ApiTokenScope;
};


export type MutationCreateMappingRuleArgs = {
  input: MappingRuleInput;
};


export type MutationDeleteMappingRuleArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDiscardDraftArgs = {
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
};


export type MutationDiscoverBootChainArgs = {
  input: DiscoverBootChainInput;
};


export type MutationDismissSuggestionsArgs = {
  comment?: InputMaybe<Scalars['String']['input']>;
  ids: Array<Scalars['ID']['input']>;
  reason: Scalars['String']['input'];
};


export type MutationLinkPullRequestArgs = {
  advisoryId: Scalars['ID']['input'];
  pr: Scalars['Int']['input'];
};


export type MutationMarkNotificationsReadArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type MutationMergeAdvisoriesArgs = {
  id: Scalars['ID']['input'];
  otherIds: Array<Scalars['ID']['input']>;
  version: Scalars['Int']['input'];
};


export type MutationPostCommentArgs = {
  body: Scalars['String']['input'];
  subjectId: Scalars['ID']['input'];
  subjectType: Scalars['String']['input'];
};


export type MutationPublishAdvisoryArgs = {
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
};


export type MutationRegisterBootChainBuilderArgs = {
  input: BootChainBuilderInput;
};


export type MutationRemoveAdvisoryMaintainerArgs = {
  githubId: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
};


export type MutationRemoveAdvisoryPackageArgs = {
  attr: Scalars['String']['input'];
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
};


export type MutationRestoreSuggestionsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type MutationRevokeApiTokenArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetAdvisoryChannelStatusArgs = {
  channel: Scalars['String']['input'];
  id: Scalars['ID']['input'];
  status: Scalars['String']['input'];
  version: Scalars['Int']['input'];
};


export type MutationSetAdvisoryMaintainerPingArgs = {
  githubId: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  ping: Scalars['Boolean']['input'];
  version: Scalars['Int']['input'];
};


export type MutationSetNotificationPreferencesArgs = {
  email?: InputMaybe<Scalars['String']['input']>;
  emailDigest?: InputMaybe<Scalars['Boolean']['input']>;
  maintainedPackages?: InputMaybe<Scalars['Boolean']['input']>;
  subscriptions?: InputMaybe<Scalars['Boolean']['input']>;
};


export type MutationSplitAdvisoryArgs = {
  cveId: Scalars['String']['input'];
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
};


export type MutationStartBootChainBuildsArgs = {
  builderIds: Array<Scalars['Int']['input']>;
  rebuild?: Scalars['Boolean']['input'];
  targetId: Scalars['Int']['input'];
};


export type MutationSubscribeArgs = {
  target: Scalars['String']['input'];
  targetType: Scalars['String']['input'];
};


export type MutationSyncAdvisoryIssueArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUnlinkPullRequestArgs = {
  advisoryId: Scalars['ID']['input'];
  pr: Scalars['Int']['input'];
};


export type MutationUnsubscribeArgs = {
  target: Scalars['String']['input'];
  targetType: Scalars['String']['input'];
};


export type MutationUpdateAdvisoryArgs = {
  id: Scalars['ID']['input'];
  input: AdvisoryInput;
  version: Scalars['Int']['input'];
};


export type MutationUpdateMappingRuleArgs = {
  id: Scalars['ID']['input'];
  input: MappingRuleInput;
};

/** An in-app notification: a new suggestion, a published advisory, or its fix reaching a channel, touching a package you maintain or follow. */
export type Notification = {
  __typename?: 'Notification';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** suggestion.new, advisory.published or advisory.fix-landed (a linked pull request reached one of its channels) */
  kind: Scalars['String']['output'];
  /** Path in the web app: /suggestions?cve=CVE-… or /advisories/NIXPKGS-… */
  link: Scalars['String']['output'];
  message: Scalars['String']['output'];
  readAt?: Maybe<Scalars['DateTime']['output']>;
  /** The suggestion's or advisory's id. */
  subjectId: Scalars['String']['output'];
  /** suggestion or advisory */
  subjectType: Scalars['String']['output'];
};

export type NotificationConnection = {
  __typename?: 'NotificationConnection';
  edges: Array<NotificationEdge>;
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type NotificationEdge = {
  __typename?: 'NotificationEdge';
  cursor: Scalars['String']['output'];
  node: Notification;
};

/** Which notifications you get (all on until you change them). */
export type NotificationPreferences = {
  __typename?: 'NotificationPreferences';
  /** Where the digest goes; only you can read it. */
  email?: Maybe<Scalars['String']['output']>;
  /** An e-mail (daily by default) listing your unread notifications that no digest listed yet; off until you switch it on. */
  emailDigest: Scalars['Boolean']['output'];
  /** Whether this server sends e-mail digests at all (SMTP configured); when false, hide the digest settings. */
  emailDigestAvailable: Scalars['Boolean']['output'];
  /** About packages you maintain. */
  maintainedPackages: Scalars['Boolean']['output'];
  /** About packages and channels you follow. */
  subscriptions: Scalars['Boolean']['output'];
};

/** A package attribute or channel you follow: you are notified of its new suggestions and published advisories. */
export type NotificationSubscription = {
  __typename?: 'NotificationSubscription';
  createdAt: Scalars['DateTime']['output'];
  /** A package attribute (openssl, python3Packages.requests) or a channel name (nixos-unstable). */
  target: Scalars['String']['output'];
  /** package or channel */
  targetType: Scalars['String']['output'];
};

/** A package attribute of a channel, grouped over systems. */
export type Package = {
  __typename?: 'Package';
  /** Attribute path without the system, e.g. python3Packages.requests */
  attr: Scalars['String']['output'];
  broken: Scalars['Boolean']['output'];
  channel: Scalars['String']['output'];
  /** meta.identifiers.cpe */
  cpe?: Maybe<Scalars['String']['output']>;
  derivations: Array<PackageDerivation>;
  description?: Maybe<Scalars['String']['output']>;
  homepages: Array<Scalars['String']['output']>;
  insecure: Scalars['Boolean']['output'];
  knownVulnerabilities: Array<Scalars['String']['output']>;
  licenses: Array<Scalars['String']['output']>;
  maintainers: Array<PackageMaintainer>;
  name: Scalars['String']['output'];
  pname: Scalars['String']['output'];
  /** Link to the definition on GitHub at the evaluated commit. */
  positionUrl?: Maybe<Scalars['String']['output']>;
  unfree: Scalars['Boolean']['output'];
  version: Scalars['String']['output'];
};

export type PackageConnection = {
  __typename?: 'PackageConnection';
  edges: Array<PackageEdge>;
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** The derivation of a package for one system. */
export type PackageDerivation = {
  __typename?: 'PackageDerivation';
  attr: Scalars['String']['output'];
  drvPath: Scalars['String']['output'];
  system: Scalars['String']['output'];
};

export type PackageEdge = {
  __typename?: 'PackageEdge';
  cursor: Scalars['String']['output'];
  node: Package;
};

/** One attribute in one channel, with the version verdict and why. */
export type PackageLink = {
  __typename?: 'PackageLink';
  attr: Scalars['String']['output'];
  channel: Scalars['String']['output'];
  /** The version comparison that decided, e.g. "8.4.0 < 8.4.0 (lessThan) — …". */
  reason: Scalars['String']['output'];
  /** The range or version entry that decided, as the record writes it. */
  rule?: Maybe<Scalars['String']['output']>;
  /** affected, not-affected or unknown */
  verdict: Scalars['String']['output'];
  version: Scalars['String']['output'];
};

export type PackageMaintainer = {
  __typename?: 'PackageMaintainer';
  github?: Maybe<Scalars['String']['output']>;
  /** GitHub user id: the stable key (handles change). */
  githubId?: Maybe<Scalars['Int']['output']>;
  name?: Maybe<Scalars['String']['output']>;
};

export type PackageSearchResult = {
  __typename?: 'PackageSearchResult';
  attr: Scalars['String']['output'];
  channels: Array<Scalars['String']['output']>;
  description?: Maybe<Scalars['String']['output']>;
  versions: Array<Scalars['String']['output']>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** An advisory a pull request is linked to as one of its fixes, and why. */
export type PrAdvisoryLink = {
  __typename?: 'PrAdvisoryLink';
  advisory: Advisory;
  /** e.g. "mentions CVE-2024-9143", "backport of #345678", "linked by sam". */
  reason: Scalars['String']['output'];
};

/** A branch of the branch graph a pull request flows along: its base and every branch downstream, and any other branch it was found on. */
export type PrBranchNode = {
  __typename?: 'PrBranchNode';
  branch: Scalars['String']['output'];
  /** When nixsec first saw it there. */
  firstSeen?: Maybe<Scalars['DateTime']['output']>;
  /** The branches it flows into (NIXSEC_BRANCH_GRAPH), e.g. master → nixos-unstable-small, nixpkgs-unstable. */
  next: Array<Scalars['String']['output']>;
  /** Whether the merge commit is on this branch. */
  reached: Scalars['Boolean']['output'];
};

/** A branch a merged pull request has reached, and when nixsec first saw it there. */
export type PrLanding = {
  __typename?: 'PrLanding';
  /** e.g. master, nixos-unstable-small, release-24.11 */
  branch: Scalars['String']['output'];
  firstSeen: Scalars['DateTime']['output'];
};

/** A Nixpkgs pull request as GitHub last described it, with the branches it has landed on. */
export type PullRequest = {
  __typename?: 'PullRequest';
  /** The advisories it is linked to as a fix. Drafts are listed for maintainers and the security team only. */
  advisories: Array<PrAdvisoryLink>;
  author?: Maybe<Scalars['String']['output']>;
  /** The branch it targets. */
  base: Scalars['String']['output'];
  /** Known from webhooks; null when only the pull request list was read. */
  body?: Maybe<Scalars['String']['output']>;
  /** Its base branch and every branch downstream of it in the branch graph, nearest first (then any other branch it reached), each with whether and since when it is there. */
  branchGraph: Array<PrBranchNode>;
  draft: Scalars['Boolean']['output'];
  labels: Array<Scalars['String']['output']>;
  /** The tracked branches it has reached, in the order they were seen. */
  landings: Array<PrLanding>;
  /** The commit that landed on the base branch (merged PRs only). */
  mergeCommit?: Maybe<Scalars['String']['output']>;
  mergedAt?: Maybe<Scalars['DateTime']['output']>;
  number: Scalars['Int']['output'];
  repository: Scalars['String']['output'];
  /** open, closed (unmerged) or merged */
  state: Scalars['String']['output'];
  title: Scalars['String']['output'];
  /** When GitHub last changed it. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of pull requests; pass endCursor as `after` for the next one. */
export type PullRequestConnection = {
  __typename?: 'PullRequestConnection';
  edges: Array<PullRequestEdge>;
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type PullRequestEdge = {
  __typename?: 'PullRequestEdge';
  cursor: Scalars['String']['output'];
  node: PullRequest;
};

/** An input record that was refused, kept aside with its bytes. */
export type QuarantineEntry = {
  __typename?: 'QuarantineEntry';
  firstSeenAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  lastSeenAt: Scalars['DateTime']['output'];
  message: Scalars['String']['output'];
  occurrences: Scalars['Int']['output'];
  /** The first 2 KiB of the raw input, as text. */
  rawPreview?: Maybe<Scalars['String']['output']>;
  /** malformed-json, wrong-schema, missing-id, bad-id, bad-date, oversized, truncated, http-error */
  reason: Scalars['String']['output'];
  /** File path, archive entry or API request that held the record. */
  recordKey: Scalars['String']['output'];
  /** Set when the record later ingested fine. */
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  source: Scalars['String']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** The activity log, newest first: globally, or of one suggestion or advisory. Maintainer role or higher. */
  activityLog: Array<ActivityEntryModel>;
  /** Advisories, most recently changed first. Anonymous callers see published and archived ones. */
  advisories: AdvisoryConnection;
  /** An advisory by id or public id (NIXPKGS-YYYY-NNNN). Drafts need the maintainer role or higher. */
  advisory?: Maybe<Advisory>;
  /** Your API tokens, newest first (revoked and expired ones included). */
  apiTokens: Array<ApiToken>;
  bootChainBuilders: Array<BootChainBuilder>;
  /** The trust report of the newest chain discovered for revision (or a prefix of it), system and attribute. */
  bootChainReport: BootChainTrustReport;
  bootChainTarget?: Maybe<BootChainTarget>;
  /** Discovered chains, newest first. */
  bootChainTargets: Array<BootChainTarget>;
  /** Known channels, unstable first, newest release first. */
  channels: Array<Channel>;
  /** One CVE by id, e.g. CVE-2024-3094. */
  cve?: Maybe<Cve>;
  /** CVEs, newest first; `search` is full-text over titles and descriptions. */
  cves: CveConnection;
  /** Derivations that depend directly on the given one (its drvPath). */
  dependants: Array<PackageDerivation>;
  evaluation?: Maybe<Evaluation>;
  /** Attributes added, removed or with a new version between two evaluations. */
  evaluationDiff: EvaluationDiff;
  /** Most recent first. */
  evaluations: Array<Evaluation>;
  health: Health;
  /** Most recent ingestion runs first. */
  ingestionRuns: Array<IngestionRun>;
  jobRun?: Maybe<JobRun>;
  /** Most recent job runs first. */
  jobRuns: Array<JobRun>;
  /** Issues with any of these labels (default: NIXSEC_PR_LABELS), most recently updated first; cursor pagination (first: up to 200). */
  labeledIssues: LabeledIssueConnection;
  /** Pull requests with any of these labels (default: NIXSEC_PR_LABELS, "1.severity: security"), most recently updated first, with their landings; cursor pagination (first: up to 200). */
  labeledPullRequests: PullRequestConnection;
  /** A maintainer by GitHub handle. */
  maintainer?: Maybe<Maintainer>;
  /** The security team's curated mapping rules (built-in rules are in the code). */
  mappingRules: Array<MappingRuleModel>;
  /** Who is calling; null when not logged in. */
  me?: Maybe<CurrentUser>;
  notificationPreferences: NotificationPreferences;
  /** Your notifications, newest first. */
  notifications: NotificationConnection;
  /** A package attribute (without system) in a channel. */
  package?: Maybe<Package>;
  /** Package attributes that tracked channels ship now, by name prefix (to add one to an advisory). */
  packageSearch: Array<PackageSearchResult>;
  /** Packages of the current evaluations, by attribute. */
  packages: PackageConnection;
  /** A pull request of the tracked Nixpkgs repository (NIXSEC_PR_REPOSITORY); null when it is not tracked. */
  pullRequest?: Maybe<PullRequest>;
  /** Refused input records, most recently seen first. */
  quarantine: Array<QuarantineEntry>;
  /** The packages and channels you follow. */
  subscriptions: Array<NotificationSubscription>;
  /** A CVE's suggestion (there is at most one per CVE). */
  suggestion?: Maybe<Suggestion>;
  /** The triage queue: suggestions filtered and sorted (relevance by default), with cursor pagination. */
  suggestions: SuggestionConnection;
  /** How many of your notifications are unread. */
  unreadNotificationCount: Scalars['Int']['output'];
  /** Requests to POST /webhooks/github, newest first, kept for NIXSEC_WEBHOOK_RETENTION_DAYS (admin only). */
  webhookDeliveries: WebhookDeliveryConnection;
};


export type QueryActivityLogArgs = {
  before?: InputMaybe<Scalars['ID']['input']>;
  first?: Scalars['Int']['input'];
  subjectId?: InputMaybe<Scalars['String']['input']>;
  subjectType?: InputMaybe<Scalars['String']['input']>;
};


export type QueryAdvisoriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  attr?: InputMaybe<Scalars['String']['input']>;
  cve?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  maintainerGithubId?: InputMaybe<Scalars['Int']['input']>;
  state?: InputMaybe<Scalars['String']['input']>;
};


export type QueryAdvisoryArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  publicId?: InputMaybe<Scalars['String']['input']>;
};


export type QueryBootChainReportArgs = {
  attr?: Scalars['String']['input'];
  revision: Scalars['String']['input'];
  system?: Scalars['String']['input'];
};


export type QueryBootChainTargetArgs = {
  id: Scalars['Int']['input'];
};


export type QueryCveArgs = {
  id: Scalars['String']['input'];
};


export type QueryCvesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CveFilter>;
  first?: Scalars['Int']['input'];
};


export type QueryDependantsArgs = {
  drvPath: Scalars['String']['input'];
  first?: Scalars['Int']['input'];
};


export type QueryEvaluationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryEvaluationDiffArgs = {
  from: Scalars['ID']['input'];
  to: Scalars['ID']['input'];
};


export type QueryEvaluationsArgs = {
  channel?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


export type QueryIngestionRunsArgs = {
  first?: Scalars['Int']['input'];
  source?: InputMaybe<Scalars['String']['input']>;
};


export type QueryJobRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryJobRunsArgs = {
  first?: Scalars['Int']['input'];
  kind?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<JobRunStatus>;
};


export type QueryLabeledIssuesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  labels?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type QueryLabeledPullRequestsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  labels?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type QueryMaintainerArgs = {
  github: Scalars['String']['input'];
};


export type QueryNotificationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  unreadOnly?: Scalars['Boolean']['input'];
};


export type QueryPackageArgs = {
  attr: Scalars['String']['input'];
  channel: Scalars['String']['input'];
};


export type QueryPackageSearchArgs = {
  first?: Scalars['Int']['input'];
  prefix: Scalars['String']['input'];
};


export type QueryPackagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  channel?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  maintainer?: InputMaybe<Scalars['String']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryPullRequestArgs = {
  number: Scalars['Int']['input'];
};


export type QueryQuarantineArgs = {
  first?: Scalars['Int']['input'];
  includeResolved?: Scalars['Boolean']['input'];
  source?: InputMaybe<Scalars['String']['input']>;
};


export type QuerySuggestionArgs = {
  cveId: Scalars['String']['input'];
};


export type QuerySuggestionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  attr?: InputMaybe<Scalars['String']['input']>;
  channel?: InputMaybe<Scalars['String']['input']>;
  cveYear?: InputMaybe<Scalars['Int']['input']>;
  first?: Scalars['Int']['input'];
  maintainer?: InputMaybe<Scalars['String']['input']>;
  minConfidence?: InputMaybe<Scalars['Float']['input']>;
  minSeverity?: InputMaybe<Scalars['String']['input']>;
  sort?: InputMaybe<Scalars['String']['input']>;
  stableOnly?: InputMaybe<Scalars['Boolean']['input']>;
  status?: InputMaybe<Scalars['String']['input']>;
  text?: InputMaybe<Scalars['String']['input']>;
};


export type QueryWebhookDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  event?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

export type RegisteredBootChainBuilder = {
  __typename?: 'RegisteredBootChainBuilder';
  builder: BootChainBuilder;
  /** The submission token, shown only now: nixsec keeps a hash of it. */
  token?: Maybe<Scalars['String']['output']>;
};

export type SkippedSuggestion = {
  __typename?: 'SkippedSuggestion';
  id: Scalars['ID']['output'];
  message: Scalars['String']['output'];
};

/** One package of a suggestion: its attributes across systems, channels, aliases and language-version sets. */
export type SuggestedPackage = {
  __typename?: 'SuggestedPackage';
  attrs: Array<Scalars['String']['output']>;
  /** Channels with at least one affected or unknown version. */
  channels: Array<Scalars['String']['output']>;
  confidence: Scalars['Float']['output'];
  /** The attribute users know it by. */
  displayAttr: Scalars['String']['output'];
  /** Why the match may be wrong (shared product name, vendor not confirmed). */
  doubt?: Maybe<Scalars['String']['output']>;
  /** native, python, haskell, linux-module, … */
  ecosystem: Scalars['String']['output'];
  groupKey: Scalars['String']['output'];
  /** Every member already lists the CVE in meta.knownVulnerabilities. */
  knownVulnerability: Scalars['Boolean']['output'];
  links: Array<PackageLink>;
  /** GitHub handles. */
  maintainers: Array<Scalars['String']['output']>;
  reasons: Array<MatchReason>;
  /** affected if any member version is, not-affected if all are, else unknown */
  verdict: Scalars['String']['output'];
};

/** The one automatic suggestion for a CVE: which packages it likely affects, and why. */
export type Suggestion = {
  __typename?: 'Suggestion';
  /** The advisory (draft or published) an accepted suggestion went into. */
  advisoryId?: Maybe<Scalars['ID']['output']>;
  algorithmVersion: Scalars['Int']['output'];
  /** How many comments it has (cheaper than comments, for lists). */
  commentCount: Scalars['Int']['output'];
  /** Comments of maintainers and the security team, oldest first. */
  comments: Array<CommentModel>;
  confidence: Scalars['Float']['output'];
  considered: Array<ConsideredCandidate>;
  createdAt: Scalars['DateTime']['output'];
  cve?: Maybe<Cve>;
  cveId: Scalars['String']['output'];
  /** The CVE's highest CVSS base score. */
  cvss?: Maybe<Scalars['Float']['output']>;
  dismissalDetail?: Maybe<Scalars['String']['output']>;
  /** hardware-only, exclusively-hosted-service, known-vulnerability, not-affected, … */
  dismissalReason?: Maybe<Scalars['String']['output']>;
  /** "nixsec" for automatic decisions. */
  dismissedBy?: Maybe<Scalars['String']['output']>;
  groupCount: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  /** Notes on the suggestion as a whole. */
  notes: Array<Scalars['String']['output']>;
  packages: Array<SuggestedPackage>;
  /** Queue order: confidence, severity, channels affected and how many derivations use the package. */
  score: Scalars['Float']['output'];
  /** pending, dismissed, withdrawn, or accepted (its CVE is in the advisory advisoryId) */
  status: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** Changes with every triage decision. */
  version: Scalars['Int']['output'];
};

export type SuggestionConnection = {
  __typename?: 'SuggestionConnection';
  edges: Array<SuggestionEdge>;
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  /** Suggestions matching the filter, counted up to 10,000 (1,000 with a text filter); see totalCountCapped. */
  totalCount: Scalars['Int']['output'];
  /** More suggestions match than totalCount says (it stopped counting at its cap). */
  totalCountCapped: Scalars['Boolean']['output'];
};

export type SuggestionEdge = {
  __typename?: 'SuggestionEdge';
  cursor: Scalars['String']['output'];
  node: Suggestion;
};

/** A bulk triage action: what changed, and what was skipped and why. */
export type TriageResult = {
  __typename?: 'TriageResult';
  changed: Array<Scalars['ID']['output']>;
  skipped: Array<SkippedSuggestion>;
};

export type UndoResultModel = {
  __typename?: 'UndoResultModel';
  /** The action that was undone, e.g. suggestion.dismissed.bulk. */
  action: Scalars['String']['output'];
  subjectId: Scalars['String']['output'];
  subjectType: Scalars['String']['output'];
};

export type VersionChange = {
  __typename?: 'VersionChange';
  attr: Scalars['String']['output'];
  from: Scalars['String']['output'];
  to: Scalars['String']['output'];
};

/** One request to POST /webhooks/github, verified or not. */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  /** The payload's action, e.g. closed (verified deliveries only). */
  action?: Maybe<Scalars['String']['output']>;
  /** X-GitHub-Delivery; a redelivery from GitHub keeps it, so it may repeat. */
  deliveryId?: Maybe<Scalars['String']['output']>;
  /** Why it was rejected, or which handlers failed and how. */
  error?: Maybe<Scalars['String']['output']>;
  /** X-GitHub-Event, e.g. pull_request, ping. */
  event?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** processing, processed, ignored (no handler), duplicate (replay), failed (a handler threw), rejected, not_configured */
  outcome: Scalars['String']['output'];
  payloadBytes: Scalars['Int']['output'];
  receivedAt: Scalars['DateTime']['output'];
  /** owner/name of the repository (verified deliveries only). */
  repository?: Maybe<Scalars['String']['output']>;
  /** GitHub login that caused the event (verified deliveries only). */
  sender?: Maybe<Scalars['String']['output']>;
  /** X-Hub-Signature-256 matched the configured secret. */
  signatureOk: Scalars['Boolean']['output'];
};

export type WebhookDeliveryConnection = {
  __typename?: 'WebhookDeliveryConnection';
  edges: Array<WebhookDeliveryEdge>;
  pageInfo: PageInfo;
};

export type WebhookDeliveryEdge = {
  __typename?: 'WebhookDeliveryEdge';
  cursor: Scalars['String']['output'];
  node: WebhookDelivery;
};

export type ActivityLogQueryVariables = Exact<{
  subjectType?: InputMaybe<Scalars['String']['input']>;
  subjectId?: InputMaybe<Scalars['String']['input']>;
  first: Scalars['Int']['input'];
  before?: InputMaybe<Scalars['ID']['input']>;
}>;


export type ActivityLogQuery = { __typename?: 'Query', activityLog: Array<{ __typename?: 'ActivityEntryModel', id: string, at: string, actor: string, action: string, subjectType: string, subjectId: string, details: string }> };

export type AdminQuarantineQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  source?: InputMaybe<Scalars['String']['input']>;
  includeResolved: Scalars['Boolean']['input'];
}>;


export type AdminQuarantineQuery = { __typename?: 'Query', quarantine: Array<{ __typename?: 'QuarantineEntry', id: string, source: string, recordKey: string, reason: string, message: string, occurrences: number, firstSeenAt: string, lastSeenAt: string, resolvedAt?: string | null }> };

export type AdminJobRunsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  status?: InputMaybe<JobRunStatus>;
}>;


export type AdminJobRunsQuery = { __typename?: 'Query', jobRuns: Array<{ __typename?: 'JobRun', id: string, kind: string, status: JobRunStatus, attempt: number, startedAt: string, finishedAt?: string | null, progress?: unknown | null, counts: unknown, error?: string | null, worker?: string | null }> };

export type RegisterBootChainBuilderMutationVariables = Exact<{
  input: BootChainBuilderInput;
}>;


export type RegisterBootChainBuilderMutation = { __typename?: 'Mutation', registerBootChainBuilder: { __typename?: 'RegisteredBootChainBuilder', token?: string | null, builder: { __typename?: 'BootChainBuilder', id: number, name: string, kind: string, hasToken: boolean } } };

export type AdvisoryFieldsFragment = { __typename?: 'Advisory', id: string, publicId?: string | null, state: string, title: string, description: string, severityOverride?: string | null, references: Array<string>, notes: string, version: number, repository?: string | null, issueNumber?: number | null, issueUrl?: string | null, publishedAt?: string | null, archivedAt?: string | null, createdBy: string, createdAt: string, updatedAt: string, cveIds: Array<string>, cves: Array<{ __typename?: 'Cve', id: string, title?: string | null, maxBaseScore?: number | null }>, packages: Array<{ __typename?: 'AdvisoryPackageModel', attr: string, attrs: Array<string>, source: string, links: Array<{ __typename?: 'PackageLink', attr: string, channel: string, version: string, verdict: string }> }>, channels: Array<{ __typename?: 'AdvisoryChannelModel', channel: string, status: string }>, maintainers: Array<{ __typename?: 'AdvisoryMaintainerModel', githubId: number, login: string, source: string, ping: boolean }> };

export type AdvisoryFixFieldsFragment = { __typename?: 'Advisory', fixStatus: Array<{ __typename?: 'ChannelFixStatus', channel: string, state: string, pr?: number | null, since?: string | null, via?: string | null, evidence?: string | null, evaluation?: number | null, attr?: string | null, version?: string | null }>, fixes: Array<{ __typename?: 'AdvisoryFix', pr: number, branch: string, firstSeen: string }> };

export type AdvisoryFixStatusQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type AdvisoryFixStatusQuery = { __typename?: 'Query', advisory?: { __typename?: 'Advisory', id: string, fixStatus: Array<{ __typename?: 'ChannelFixStatus', channel: string, state: string, pr?: number | null, since?: string | null, via?: string | null, evidence?: string | null, evaluation?: number | null, attr?: string | null, version?: string | null }>, fixes: Array<{ __typename?: 'AdvisoryFix', pr: number, branch: string, firstSeen: string }> } | null };

export type AdvisoryListQueryVariables = Exact<{
  state?: InputMaybe<Scalars['String']['input']>;
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AdvisoryListQuery = { __typename?: 'Query', advisories: { __typename?: 'AdvisoryConnection', hasNextPage: boolean, endCursor?: string | null, edges: Array<{ __typename?: 'AdvisoryEdge', cursor: string, node: { __typename?: 'Advisory', id: string, publicId?: string | null, state: string, title: string, severityOverride?: string | null, cveIds: Array<string>, updatedAt: string } }> } };

export type AdvisoryPageQueryVariables = Exact<{
  id?: InputMaybe<Scalars['ID']['input']>;
  publicId?: InputMaybe<Scalars['String']['input']>;
}>;


export type AdvisoryPageQuery = { __typename?: 'Query', advisory?: { __typename?: 'Advisory', id: string, publicId?: string | null, state: string, title: string, description: string, severityOverride?: string | null, references: Array<string>, notes: string, version: number, repository?: string | null, issueNumber?: number | null, issueUrl?: string | null, publishedAt?: string | null, archivedAt?: string | null, createdBy: string, createdAt: string, updatedAt: string, cveIds: Array<string>, comments: Array<{ __typename?: 'CommentModel', id: string, author: string, body: string, createdAt: string }>, activity: Array<{ __typename?: 'ActivityEntryModel', id: string, at: string, actor: string, action: string }>, cves: Array<{ __typename?: 'Cve', id: string, title?: string | null, maxBaseScore?: number | null }>, packages: Array<{ __typename?: 'AdvisoryPackageModel', attr: string, attrs: Array<string>, source: string, links: Array<{ __typename?: 'PackageLink', attr: string, channel: string, version: string, verdict: string }> }>, channels: Array<{ __typename?: 'AdvisoryChannelModel', channel: string, status: string }>, maintainers: Array<{ __typename?: 'AdvisoryMaintainerModel', githubId: number, login: string, source: string, ping: boolean }>, fixStatus: Array<{ __typename?: 'ChannelFixStatus', channel: string, state: string, pr?: number | null, since?: string | null, via?: string | null, evidence?: string | null, evaluation?: number | null, attr?: string | null, version?: string | null }>, fixes: Array<{ __typename?: 'AdvisoryFix', pr: number, branch: string, firstSeen: string }> } | null };

export type DraftAdvisoryQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DraftAdvisoryQuery = { __typename?: 'Query', advisory?: { __typename?: 'Advisory', id: string, publicId?: string | null, state: string, title: string, description: string, severityOverride?: string | null, references: Array<string>, notes: string, version: number, repository?: string | null, issueNumber?: number | null, issueUrl?: string | null, publishedAt?: string | null, archivedAt?: string | null, createdBy: string, createdAt: string, updatedAt: string, cveIds: Array<string>, cves: Array<{ __typename?: 'Cve', id: string, title?: string | null, maxBaseScore?: number | null }>, packages: Array<{ __typename?: 'AdvisoryPackageModel', attr: string, attrs: Array<string>, source: string, links: Array<{ __typename?: 'PackageLink', attr: string, channel: string, version: string, verdict: string }> }>, channels: Array<{ __typename?: 'AdvisoryChannelModel', channel: string, status: string }>, maintainers: Array<{ __typename?: 'AdvisoryMaintainerModel', githubId: number, login: string, source: string, ping: boolean }> } | null };

export type UpdateAdvisoryMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
  input: AdvisoryInput;
}>;


export type UpdateAdvisoryMutation = { __typename?: 'Mutation', updateAdvisory: { __typename?: 'Advisory', id: string, publicId?: string | null, state: string, title: string, description: string, severityOverride?: string | null, references: Array<string>, notes: string, version: number, repository?: string | null, issueNumber?: number | null, issueUrl?: string | null, publishedAt?: string | null, archivedAt?: string | null, createdBy: string, createdAt: string, updatedAt: string, cveIds: Array<string>, cves: Array<{ __typename?: 'Cve', id: string, title?: string | null, maxBaseScore?: number | null }>, packages: Array<{ __typename?: 'AdvisoryPackageModel', attr: string, attrs: Array<string>, source: string, links: Array<{ __typename?: 'PackageLink', attr: string, channel: string, version: string, verdict: string }> }>, channels: Array<{ __typename?: 'AdvisoryChannelModel', channel: string, status: string }>, maintainers: Array<{ __typename?: 'AdvisoryMaintainerModel', githubId: number, login: string, source: string, ping: boolean }> } };

export type AddAdvisoryPackageMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
  attr: Scalars['String']['input'];
}>;


export type AddAdvisoryPackageMutation = { __typename?: 'Mutation', addAdvisoryPackage: { __typename?: 'Advisory', id: string, publicId?: string | null, state: string, title: string, description: string, severityOverride?: string | null, references: Array<string>, notes: string, version: number, repository?: string | null, issueNumber?: number | null, issueUrl?: string | null, publishedAt?: string | null, archivedAt?: string | null, createdBy: string, createdAt: string, updatedAt: string, cveIds: Array<string>, cves: Array<{ __typename?: 'Cve', id: string, title?: string | null, maxBaseScore?: number | null }>, packages: Array<{ __typename?: 'AdvisoryPackageModel', attr: string, attrs: Array<string>, source: string, links: Array<{ __typename?: 'PackageLink', attr: string, channel: string, version: string, verdict: string }> }>, channels: Array<{ __typename?: 'AdvisoryChannelModel', channel: string, status: string }>, maintainers: Array<{ __typename?: 'AdvisoryMaintainerModel', githubId: number, login: string, source: string, ping: boolean }> } };

export type RemoveAdvisoryPackageMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
  attr: Scalars['String']['input'];
}>;


export type RemoveAdvisoryPackageMutation = { __typename?: 'Mutation', removeAdvisoryPackage: { __typename?: 'Advisory', id: string, publicId?: string | null, state: string, title: string, description: string, severityOverride?: string | null, references: Array<string>, notes: string, version: number, repository?: string | null, issueNumber?: number | null, issueUrl?: string | null, publishedAt?: string | null, archivedAt?: string | null, createdBy: string, createdAt: string, updatedAt: string, cveIds: Array<string>, cves: Array<{ __typename?: 'Cve', id: string, title?: string | null, maxBaseScore?: number | null }>, packages: Array<{ __typename?: 'AdvisoryPackageModel', attr: string, attrs: Array<string>, source: string, links: Array<{ __typename?: 'PackageLink', attr: string, channel: string, version: string, verdict: string }> }>, channels: Array<{ __typename?: 'AdvisoryChannelModel', channel: string, status: string }>, maintainers: Array<{ __typename?: 'AdvisoryMaintainerModel', githubId: number, login: string, source: string, ping: boolean }> } };

export type SetAdvisoryChannelStatusMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
  channel: Scalars['String']['input'];
  status: Scalars['String']['input'];
}>;


export type SetAdvisoryChannelStatusMutation = { __typename?: 'Mutation', setAdvisoryChannelStatus: { __typename?: 'Advisory', id: string, publicId?: string | null, state: string, title: string, description: string, severityOverride?: string | null, references: Array<string>, notes: string, version: number, repository?: string | null, issueNumber?: number | null, issueUrl?: string | null, publishedAt?: string | null, archivedAt?: string | null, createdBy: string, createdAt: string, updatedAt: string, cveIds: Array<string>, cves: Array<{ __typename?: 'Cve', id: string, title?: string | null, maxBaseScore?: number | null }>, packages: Array<{ __typename?: 'AdvisoryPackageModel', attr: string, attrs: Array<string>, source: string, links: Array<{ __typename?: 'PackageLink', attr: string, channel: string, version: string, verdict: string }> }>, channels: Array<{ __typename?: 'AdvisoryChannelModel', channel: string, status: string }>, maintainers: Array<{ __typename?: 'AdvisoryMaintainerModel', githubId: number, login: string, source: string, ping: boolean }> } };

export type AddAdvisoryMaintainerMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
  login: Scalars['String']['input'];
}>;


export type AddAdvisoryMaintainerMutation = { __typename?: 'Mutation', addAdvisoryMaintainer: { __typename?: 'Advisory', id: string, publicId?: string | null, state: string, title: string, description: string, severityOverride?: string | null, references: Array<string>, notes: string, version: number, repository?: string | null, issueNumber?: number | null, issueUrl?: string | null, publishedAt?: string | null, archivedAt?: string | null, createdBy: string, createdAt: string, updatedAt: string, cveIds: Array<string>, cves: Array<{ __typename?: 'Cve', id: string, title?: string | null, maxBaseScore?: number | null }>, packages: Array<{ __typename?: 'AdvisoryPackageModel', attr: string, attrs: Array<string>, source: string, links: Array<{ __typename?: 'PackageLink', attr: string, channel: string, version: string, verdict: string }> }>, channels: Array<{ __typename?: 'AdvisoryChannelModel', channel: string, status: string }>, maintainers: Array<{ __typename?: 'AdvisoryMaintainerModel', githubId: number, login: string, source: string, ping: boolean }> } };

export type RemoveAdvisoryMaintainerMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
  githubId: Scalars['Int']['input'];
}>;


export type RemoveAdvisoryMaintainerMutation = { __typename?: 'Mutation', removeAdvisoryMaintainer: { __typename?: 'Advisory', id: string, publicId?: string | null, state: string, title: string, description: string, severityOverride?: string | null, references: Array<string>, notes: string, version: number, repository?: string | null, issueNumber?: number | null, issueUrl?: string | null, publishedAt?: string | null, archivedAt?: string | null, createdBy: string, createdAt: string, updatedAt: string, cveIds: Array<string>, cves: Array<{ __typename?: 'Cve', id: string, title?: string | null, maxBaseScore?: number | null }>, packages: Array<{ __typename?: 'AdvisoryPackageModel', attr: string, attrs: Array<string>, source: string, links: Array<{ __typename?: 'PackageLink', attr: string, channel: string, version: string, verdict: string }> }>, channels: Array<{ __typename?: 'AdvisoryChannelModel', channel: string, status: string }>, maintainers: Array<{ __typename?: 'AdvisoryMaintainerModel', githubId: number, login: string, source: string, ping: boolean }> } };

export type SetAdvisoryMaintainerPingMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
  githubId: Scalars['Int']['input'];
  ping: Scalars['Boolean']['input'];
}>;


export type SetAdvisoryMaintainerPingMutation = { __typename?: 'Mutation', setAdvisoryMaintainerPing: { __typename?: 'Advisory', id: string, publicId?: string | null, state: string, title: string, description: string, severityOverride?: string | null, references: Array<string>, notes: string, version: number, repository?: string | null, issueNumber?: number | null, issueUrl?: string | null, publishedAt?: string | null, archivedAt?: string | null, createdBy: string, createdAt: string, updatedAt: string, cveIds: Array<string>, cves: Array<{ __typename?: 'Cve', id: string, title?: string | null, maxBaseScore?: number | null }>, packages: Array<{ __typename?: 'AdvisoryPackageModel', attr: string, attrs: Array<string>, source: string, links: Array<{ __typename?: 'PackageLink', attr: string, channel: string, version: string, verdict: string }> }>, channels: Array<{ __typename?: 'AdvisoryChannelModel', channel: string, status: string }>, maintainers: Array<{ __typename?: 'AdvisoryMaintainerModel', githubId: number, login: string, source: string, ping: boolean }> } };

export type MergeAdvisoriesMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
  otherIds: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
}>;


export type MergeAdvisoriesMutation = { __typename?: 'Mutation', mergeAdvisories: { __typename?: 'Advisory', id: string, publicId?: string | null, state: string, title: string, description: string, severityOverride?: string | null, references: Array<string>, notes: string, version: number, repository?: string | null, issueNumber?: number | null, issueUrl?: string | null, publishedAt?: string | null, archivedAt?: string | null, createdBy: string, createdAt: string, updatedAt: string, cveIds: Array<string>, cves: Array<{ __typename?: 'Cve', id: string, title?: string | null, maxBaseScore?: number | null }>, packages: Array<{ __typename?: 'AdvisoryPackageModel', attr: string, attrs: Array<string>, source: string, links: Array<{ __typename?: 'PackageLink', attr: string, channel: string, version: string, verdict: string }> }>, channels: Array<{ __typename?: 'AdvisoryChannelModel', channel: string, status: string }>, maintainers: Array<{ __typename?: 'AdvisoryMaintainerModel', githubId: number, login: string, source: string, ping: boolean }> } };

export type SplitAdvisoryMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
  cveId: Scalars['String']['input'];
}>;


export type SplitAdvisoryMutation = { __typename?: 'Mutation', splitAdvisory: { __typename?: 'Advisory', id: string } };

export type DiscardDraftMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
}>;


export type DiscardDraftMutation = { __typename?: 'Mutation', discardDraft: boolean };

export type PublishAdvisoryMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
}>;


export type PublishAdvisoryMutation = { __typename?: 'Mutation', publishAdvisory: { __typename?: 'Advisory', id: string, publicId?: string | null, state: string, title: string, description: string, severityOverride?: string | null, references: Array<string>, notes: string, version: number, repository?: string | null, issueNumber?: number | null, issueUrl?: string | null, publishedAt?: string | null, archivedAt?: string | null, createdBy: string, createdAt: string, updatedAt: string, cveIds: Array<string>, cves: Array<{ __typename?: 'Cve', id: string, title?: string | null, maxBaseScore?: number | null }>, packages: Array<{ __typename?: 'AdvisoryPackageModel', attr: string, attrs: Array<string>, source: string, links: Array<{ __typename?: 'PackageLink', attr: string, channel: string, version: string, verdict: string }> }>, channels: Array<{ __typename?: 'AdvisoryChannelModel', channel: string, status: string }>, maintainers: Array<{ __typename?: 'AdvisoryMaintainerModel', githubId: number, login: string, source: string, ping: boolean }> } };

export type PackageSearchQueryVariables = Exact<{
  prefix: Scalars['String']['input'];
}>;


export type PackageSearchQuery = { __typename?: 'Query', packageSearch: Array<{ __typename?: 'PackageSearchResult', attr: string, channels: Array<string>, versions: Array<string>, description?: string | null }> };

export type ApiTokenFieldsFragment = { __typename?: 'ApiToken', id: string, name: string, scope: ApiTokenScope, createdAt: string, expiresAt: string, lastUsedAt?: string | null, revokedAt?: string | null };

export type ApiTokensQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiTokensQuery = { __typename?: 'Query', apiTokens: Array<{ __typename?: 'ApiToken', id: string, name: string, scope: ApiTokenScope, createdAt: string, expiresAt: string, lastUsedAt?: string | null, revokedAt?: string | null }> };

export type CreateApiTokenMutationVariables = Exact<{
  name: Scalars['String']['input'];
  scope: ApiTokenScope;
  expiresInDays: Scalars['Int']['input'];
}>;


export type CreateApiTokenMutation = { __typename?: 'Mutation', createApiToken: { __typename?: 'CreatedApiToken', secret: string, token: { __typename?: 'ApiToken', id: string, name: string, scope: ApiTokenScope, createdAt: string, expiresAt: string, lastUsedAt?: string | null, revokedAt?: string | null } } };

export type RevokeApiTokenMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RevokeApiTokenMutation = { __typename?: 'Mutation', revokeApiToken: { __typename?: 'ApiToken', id: string, name: string, scope: ApiTokenScope, createdAt: string, expiresAt: string, lastUsedAt?: string | null, revokedAt?: string | null } };

export type BootChainTargetsQueryVariables = Exact<{ [key: string]: never; }>;


export type BootChainTargetsQuery = { __typename?: 'Query', bootChainTargets: Array<{ __typename?: 'BootChainTarget', id: number, attr: string, system: string, revision: string, nodes: number, discoveredAt: string }> };

export type BootChainTargetQueryVariables = Exact<{
  id: Scalars['Int']['input'];
}>;


export type BootChainTargetQuery = { __typename?: 'Query', bootChainTarget?: { __typename?: 'BootChainTarget', id: number, attr: string, system: string, revision: string, nodes: number, rootDrvPath: string, discoveredAt: string, report: { __typename?: 'BootChainTrustReport', statement: string, seedAnchored: boolean, seedProblems: Array<string>, prebuilt: Array<string>, allReproduced: boolean, outputs: number, reproducedOutputs: number, minBuilders: number, stages: Array<{ __typename?: 'BootChainStage', stage: string, derivations: number, outputs: number, reproducedOutputs: number, verdicts: unknown, worst: string }>, weakestLink?: { __typename?: 'BootChainWeakestLink', drvPath: string, name: string, output: string, stage: string, verdict: string, builders: number, agreeing: number } | null }, chain: Array<{ __typename?: 'BootChainNode', drvPath: string, name: string, pname: string, version?: string | null, stage: string, depth: number, fixedOutput: boolean, prebuilt: boolean, inputDrvs: Array<string>, outputs: Array<{ __typename?: 'BootChainOutput', name: string, path: string, expectedHash?: string | null, verdict: { __typename?: 'BootChainVerdict', kind: string, builders: number, agreeing: number, distinctHashes: number, ignored: number, explanation: string }, attestations: Array<{ __typename?: 'BootChainAttestation', id: string, builderName: string, narHash: string, narSize?: number | null, signatureStatus: string, source: string, ultimate?: boolean | null, nixVersion?: string | null, rebuildDiffers: boolean, rebuildNarHash?: string | null, recordedAt: string }> }> }>, builds: Array<{ __typename?: 'BootChainBuild', id: string, builderName: string, drvPath: string, name: string, status: string, attempts: number, checked: boolean, error?: string | null, logTail?: string | null, startedAt?: string | null, finishedAt?: string | null }> } | null };

export type BootChainNodeFieldsFragment = { __typename?: 'BootChainNode', drvPath: string, name: string, pname: string, version?: string | null, stage: string, depth: number, fixedOutput: boolean, prebuilt: boolean, inputDrvs: Array<string>, outputs: Array<{ __typename?: 'BootChainOutput', name: string, path: string, expectedHash?: string | null, verdict: { __typename?: 'BootChainVerdict', kind: string, builders: number, agreeing: number, distinctHashes: number, ignored: number, explanation: string }, attestations: Array<{ __typename?: 'BootChainAttestation', id: string, builderName: string, narHash: string, narSize?: number | null, signatureStatus: string, source: string, ultimate?: boolean | null, nixVersion?: string | null, rebuildDiffers: boolean, rebuildNarHash?: string | null, recordedAt: string }> }> };

export type BootChainBuildFieldsFragment = { __typename?: 'BootChainBuild', id: string, builderName: string, drvPath: string, name: string, status: string, attempts: number, checked: boolean, error?: string | null, logTail?: string | null, startedAt?: string | null, finishedAt?: string | null };

export type BootChainBuildersQueryVariables = Exact<{ [key: string]: never; }>;


export type BootChainBuildersQuery = { __typename?: 'Query', bootChainBuilders: Array<{ __typename?: 'BootChainBuilder', id: number, name: string, kind: string, enabled: boolean, operator?: string | null, storeUri?: string | null, url?: string | null, systems: Array<string>, maxConcurrent: number, timeoutSeconds: number, nixVersion?: string | null, detectedNixVersion?: string | null, nixVersionDetectedAt?: string | null, nixVersionError?: string | null, hasToken: boolean, publicKey?: string | null }> };

export type StartBootChainBuildsMutationVariables = Exact<{
  targetId: Scalars['Int']['input'];
  builderIds: Array<Scalars['Int']['input']> | Scalars['Int']['input'];
  rebuild: Scalars['Boolean']['input'];
}>;


export type StartBootChainBuildsMutation = { __typename?: 'Mutation', startBootChainBuilds: { __typename?: 'BootChainDispatch', planned: number, queued: number, imports: number } };

export type CancelBootChainBuildsMutationVariables = Exact<{
  targetId: Scalars['Int']['input'];
}>;


export type CancelBootChainBuildsMutation = { __typename?: 'Mutation', cancelBootChainBuilds: number };

export type ChannelsAndEvaluationsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
}>;


export type ChannelsAndEvaluationsQuery = { __typename?: 'Query', channels: Array<{ __typename?: 'Channel', name: string, release: string, state: string, tracked: boolean, headRevision?: string | null, headUpdatedAt?: string | null }>, evaluations: Array<{ __typename?: 'Evaluation', id: string, channel: string, revision: string, status: string, finishedAt?: string | null, counts: unknown }> };

export type CommentFieldsFragment = { __typename?: 'CommentModel', id: string, author: string, body: string, createdAt: string };

export type AdvisoryCommentsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type AdvisoryCommentsQuery = { __typename?: 'Query', advisory?: { __typename?: 'Advisory', id: string, comments: Array<{ __typename?: 'CommentModel', id: string, author: string, body: string, createdAt: string }> } | null };

export type PostCommentMutationVariables = Exact<{
  subjectType: Scalars['String']['input'];
  subjectId: Scalars['ID']['input'];
  body: Scalars['String']['input'];
}>;


export type PostCommentMutation = { __typename?: 'Mutation', postComment: { __typename?: 'CommentModel', id: string, author: string, body: string, createdAt: string } };

export type CvePageQueryVariables = Exact<{
  id: Scalars['String']['input'];
}>;


export type CvePageQuery = { __typename?: 'Query', cve?: { __typename?: 'Cve', id: string, state: string, title?: string | null, description?: string | null, assignerShortName?: string | null, datePublished?: string | null, dateReserved?: string | null, dateUpdated?: string | null, maxBaseScore?: number | null, nvdStatus?: string | null, sources: Array<string>, metrics: Array<{ __typename?: 'CveMetric', source: string, scoredBy?: string | null, cvssVersion: string, baseScore: number, severity: string, vector: string }>, problemTypes: Array<{ __typename?: 'CveProblemType', source: string, cweId?: string | null, description: string }>, affected: Array<{ __typename?: 'CveAffected', source: string, containerKind: string, providerShortName?: string | null, vendor?: string | null, product?: string | null, packageName?: string | null, repo?: string | null, collectionUrl?: string | null, defaultStatus?: string | null, platforms: Array<string>, cpes: Array<string>, versions: Array<{ __typename?: 'CveAffectedVersion', version: string, lessThan?: string | null, lessThanOrEqual?: string | null, status: string, versionType?: string | null }> }>, cpeMatches: Array<{ __typename?: 'CveCpeMatch', configuration: number, node: number, operator: string, negate: boolean, criteria: string, vulnerable: boolean, versionStartIncluding?: string | null, versionStartExcluding?: string | null, versionEndIncluding?: string | null, versionEndExcluding?: string | null }>, references: Array<{ __typename?: 'CveReference', url: string, name?: string | null, source: string, tags: Array<string> }>, suggestion?: { __typename?: 'Suggestion', id: string, cveId: string, status: string, commentCount: number, dismissalReason?: string | null, dismissalDetail?: string | null, dismissedBy?: string | null, confidence: number, score: number, groupCount: number, notes: Array<string>, updatedAt: string, comments: Array<{ __typename?: 'CommentModel', id: string, author: string, body: string, createdAt: string }>, considered: Array<{ __typename?: 'ConsideredCandidate', displayAttr: string, confidence: number, detail: string }>, packages: Array<{ __typename?: 'SuggestedPackage', groupKey: string, displayAttr: string, ecosystem: string, confidence: number, verdict: string, doubt?: string | null, knownVulnerability: boolean, attrs: Array<string>, maintainers: Array<string>, channels: Array<string>, reasons: Array<{ __typename?: 'MatchReason', signal: string, rule: string, detail: string, confidence: number }>, links: Array<{ __typename?: 'PackageLink', attr: string, channel: string, version: string, verdict: string, reason: string, rule?: string | null }> }> } | null } | null };

export type LatestIngestionRunsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
}>;


export type LatestIngestionRunsQuery = { __typename?: 'Query', ingestionRuns: Array<{ __typename?: 'IngestionRun', id: string, source: string, input: string, status: string, startedAt: string, finishedAt?: string | null, counts: unknown, error?: string | null }> };

export type LatestJobRunsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
}>;


export type LatestJobRunsQuery = { __typename?: 'Query', jobRuns: Array<{ __typename?: 'JobRun', id: string, kind: string, status: JobRunStatus, attempt: number, startedAt: string, finishedAt?: string | null, counts: unknown, error?: string | null }> };

export type MaintainerPageQueryVariables = Exact<{
  github: Scalars['String']['input'];
}>;


export type MaintainerPageQuery = { __typename?: 'Query', maintainer?: { __typename?: 'Maintainer', github?: string | null, githubId?: number | null, name?: string | null, packages: { __typename?: 'PackageConnection', hasNextPage: boolean, edges: Array<{ __typename?: 'PackageEdge', node: { __typename?: 'Package', attr: string, channel: string, version: string } }> } } | null, suggestions: { __typename?: 'SuggestionConnection', totalCount: number, totalCountCapped: boolean, edges: Array<{ __typename?: 'SuggestionEdge', node: { __typename?: 'Suggestion', id: string, cveId: string, cvss?: number | null, cve?: { __typename?: 'Cve', id: string, title?: string | null } | null, packages: Array<{ __typename?: 'SuggestedPackage', displayAttr: string }> } }> } };

export type MaintainerAdvisoriesQueryVariables = Exact<{
  githubId: Scalars['Int']['input'];
}>;


export type MaintainerAdvisoriesQuery = { __typename?: 'Query', advisories: { __typename?: 'AdvisoryConnection', hasNextPage: boolean, edges: Array<{ __typename?: 'AdvisoryEdge', node: { __typename?: 'Advisory', id: string, publicId?: string | null, state: string, title: string, cveIds: Array<string>, updatedAt: string } }> } };

export type MappingRuleFieldsFragment = { __typename?: 'MappingRuleModel', id: string, vendor?: string | null, product: string, action: string, packages: Array<string>, note: string, createdBy: string, updatedAt: string };

export type MappingRulesQueryVariables = Exact<{ [key: string]: never; }>;


export type MappingRulesQuery = { __typename?: 'Query', mappingRules: Array<{ __typename?: 'MappingRuleModel', id: string, vendor?: string | null, product: string, action: string, packages: Array<string>, note: string, createdBy: string, updatedAt: string }> };

export type CreateMappingRuleMutationVariables = Exact<{
  input: MappingRuleInput;
}>;


export type CreateMappingRuleMutation = { __typename?: 'Mutation', createMappingRule: { __typename?: 'MappingRuleModel', id: string, vendor?: string | null, product: string, action: string, packages: Array<string>, note: string, createdBy: string, updatedAt: string } };

export type DeleteMappingRuleMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteMappingRuleMutation = { __typename?: 'Mutation', deleteMappingRule: boolean };

export type NotificationPreferencesFieldsFragment = { __typename?: 'NotificationPreferences', maintainedPackages: boolean, subscriptions: boolean, emailDigest: boolean, emailDigestAvailable: boolean, email?: string | null };

export type NotificationPreferencesQueryVariables = Exact<{ [key: string]: never; }>;


export type NotificationPreferencesQuery = { __typename?: 'Query', notificationPreferences: { __typename?: 'NotificationPreferences', maintainedPackages: boolean, subscriptions: boolean, emailDigest: boolean, emailDigestAvailable: boolean, email?: string | null } };

export type SetNotificationPreferencesMutationVariables = Exact<{
  maintainedPackages?: InputMaybe<Scalars['Boolean']['input']>;
  subscriptions?: InputMaybe<Scalars['Boolean']['input']>;
  emailDigest?: InputMaybe<Scalars['Boolean']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
}>;


export type SetNotificationPreferencesMutation = { __typename?: 'Mutation', setNotificationPreferences: { __typename?: 'NotificationPreferences', maintainedPackages: boolean, subscriptions: boolean, emailDigest: boolean, emailDigestAvailable: boolean, email?: string | null } };

export type NotificationsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  unreadOnly: Scalars['Boolean']['input'];
}>;


export type NotificationsQuery = { __typename?: 'Query', unreadNotificationCount: number, notifications: { __typename?: 'NotificationConnection', hasNextPage: boolean, endCursor?: string | null, edges: Array<{ __typename?: 'NotificationEdge', node: { __typename?: 'Notification', id: string, kind: string, message: string, link: string, createdAt: string, readAt?: string | null } }> } };

export type UnreadNotificationCountQueryVariables = Exact<{ [key: string]: never; }>;


export type UnreadNotificationCountQuery = { __typename?: 'Query', unreadNotificationCount: number };

export type MarkNotificationsReadMutationVariables = Exact<{
  ids: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
}>;


export type MarkNotificationsReadMutation = { __typename?: 'Mutation', markNotificationsRead: number };

export type MarkAllNotificationsReadMutationVariables = Exact<{ [key: string]: never; }>;


export type MarkAllNotificationsReadMutation = { __typename?: 'Mutation', markAllNotificationsRead: number };

export type SubscriptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type SubscriptionsQuery = { __typename?: 'Query', subscriptions: Array<{ __typename?: 'NotificationSubscription', targetType: string, target: string, createdAt: string }> };

export type TrackedChannelsQueryVariables = Exact<{ [key: string]: never; }>;


export type TrackedChannelsQuery = { __typename?: 'Query', channels: Array<{ __typename?: 'Channel', name: string, tracked: boolean }> };

export type SubscribeMutationVariables = Exact<{
  targetType: Scalars['String']['input'];
  target: Scalars['String']['input'];
}>;


export type SubscribeMutation = { __typename?: 'Mutation', subscribe: { __typename?: 'NotificationSubscription', targetType: string, target: string, createdAt: string } };

export type UnsubscribeMutationVariables = Exact<{
  targetType: Scalars['String']['input'];
  target: Scalars['String']['input'];
}>;


export type UnsubscribeMutation = { __typename?: 'Mutation', unsubscribe: boolean };

export type PackageOverviewQueryVariables = Exact<{
  attr: Scalars['String']['input'];
  search: Scalars['Boolean']['input'];
}>;


export type PackageOverviewQuery = { __typename?: 'Query', packageSearch?: Array<{ __typename?: 'PackageSearchResult', attr: string, channels: Array<string> }>, channels: Array<{ __typename?: 'Channel', name: string, tracked: boolean }>, advisories: { __typename?: 'AdvisoryConnection', hasNextPage: boolean, edges: Array<{ __typename?: 'AdvisoryEdge', node: { __typename?: 'Advisory', id: string, publicId?: string | null, state: string, title: string, cveIds: Array<string>, updatedAt: string } }> }, suggestions: { __typename?: 'SuggestionConnection', totalCount: number, totalCountCapped: boolean, edges: Array<{ __typename?: 'SuggestionEdge', node: { __typename?: 'Suggestion', id: string, cveId: string, cvss?: number | null, cve?: { __typename?: 'Cve', id: string, title?: string | null } | null } }> } };

export type PackageInChannelQueryVariables = Exact<{
  attr: Scalars['String']['input'];
  channel: Scalars['String']['input'];
}>;


export type PackageInChannelQuery = { __typename?: 'Query', package?: { __typename?: 'Package', attr: string, channel: string, name: string, version: string, description?: string | null, homepages: Array<string>, licenses: Array<string>, knownVulnerabilities: Array<string>, broken: boolean, insecure: boolean, unfree: boolean, cpe?: string | null, positionUrl?: string | null, maintainers: Array<{ __typename?: 'PackageMaintainer', github?: string | null, githubId?: number | null, name?: string | null }> } | null };

export type LabeledIssuesQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type LabeledIssuesQuery = { __typename?: 'Query', labeledIssues: { __typename?: 'LabeledIssueConnection', hasNextPage: boolean, endCursor?: string | null, edges: Array<{ __typename?: 'LabeledIssueEdge', node: { __typename?: 'LabeledIssue', number: number, title: string, state: string, labels: Array<string>, htmlUrl: string, updatedAt: string, pullRequests: Array<{ __typename?: 'PullRequest', number: number, state: string, base: string, landings: Array<{ __typename?: 'PrLanding', branch: string, firstSeen: string }> }> } }> } };

export type LabeledPullRequestsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type LabeledPullRequestsQuery = { __typename?: 'Query', labeledPullRequests: { __typename?: 'PullRequestConnection', hasNextPage: boolean, endCursor?: string | null, edges: Array<{ __typename?: 'PullRequestEdge', node: { __typename?: 'PullRequest', number: number, title: string, state: string, draft: boolean, base: string, labels: Array<string>, updatedAt: string, landings: Array<{ __typename?: 'PrLanding', branch: string, firstSeen: string }> } }> } };

export type PullRequestPageQueryVariables = Exact<{
  number: Scalars['Int']['input'];
}>;


export type PullRequestPageQuery = { __typename?: 'Query', pullRequest?: { __typename?: 'PullRequest', number: number, repository: string, title: string, state: string, draft: boolean, base: string, mergeCommit?: string | null, mergedAt?: string | null, labels: Array<string>, author?: string | null, updatedAt: string, branchGraph: Array<{ __typename?: 'PrBranchNode', branch: string, next: Array<string>, reached: boolean, firstSeen?: string | null }>, advisories: Array<{ __typename?: 'PrAdvisoryLink', reason: string, advisory: { __typename?: 'Advisory', id: string, publicId?: string | null, state: string, title: string } }> } | null };

export type ServerHealthQueryVariables = Exact<{ [key: string]: never; }>;


export type ServerHealthQuery = { __typename?: 'Query', health: { __typename?: 'Health', version: string, database: DatabaseStatus, migrationsPending: number } };

export type PendingSuggestionCountQueryVariables = Exact<{ [key: string]: never; }>;


export type PendingSuggestionCountQuery = { __typename?: 'Query', suggestions: { __typename?: 'SuggestionConnection', totalCount: number } };

export type SuggestedPackageFieldsFragment = { __typename?: 'SuggestedPackage', groupKey: string, displayAttr: string, ecosystem: string, confidence: number, verdict: string, doubt?: string | null, knownVulnerability: boolean, attrs: Array<string>, maintainers: Array<string>, channels: Array<string>, reasons: Array<{ __typename?: 'MatchReason', signal: string, rule: string, detail: string, confidence: number }>, links: Array<{ __typename?: 'PackageLink', attr: string, channel: string, version: string, verdict: string, reason: string, rule?: string | null }> };

export type SuggestionFieldsFragment = { __typename?: 'Suggestion', id: string, cveId: string, status: string, commentCount: number, dismissalReason?: string | null, dismissalDetail?: string | null, dismissedBy?: string | null, confidence: number, score: number, groupCount: number, notes: Array<string>, updatedAt: string, considered: Array<{ __typename?: 'ConsideredCandidate', displayAttr: string, confidence: number, detail: string }>, packages: Array<{ __typename?: 'SuggestedPackage', groupKey: string, displayAttr: string, ecosystem: string, confidence: number, verdict: string, doubt?: string | null, knownVulnerability: boolean, attrs: Array<string>, maintainers: Array<string>, channels: Array<string>, reasons: Array<{ __typename?: 'MatchReason', signal: string, rule: string, detail: string, confidence: number }>, links: Array<{ __typename?: 'PackageLink', attr: string, channel: string, version: string, verdict: string, reason: string, rule?: string | null }> }> };

export type SuggestionQueueQueryVariables = Exact<{
  status?: InputMaybe<Scalars['String']['input']>;
  sort?: InputMaybe<Scalars['String']['input']>;
  text?: InputMaybe<Scalars['String']['input']>;
  channel?: InputMaybe<Scalars['String']['input']>;
  minSeverity?: InputMaybe<Scalars['String']['input']>;
  cveYear?: InputMaybe<Scalars['Int']['input']>;
  stableOnly?: InputMaybe<Scalars['Boolean']['input']>;
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type SuggestionQueueQuery = { __typename?: 'Query', suggestions: { __typename?: 'SuggestionConnection', totalCount: number, totalCountCapped: boolean, hasNextPage: boolean, endCursor?: string | null, edges: Array<{ __typename?: 'SuggestionEdge', cursor: string, node: { __typename?: 'Suggestion', id: string, cveId: string, status: string, commentCount: number, dismissalReason?: string | null, dismissalDetail?: string | null, dismissedBy?: string | null, confidence: number, score: number, groupCount: number, notes: Array<string>, updatedAt: string, cve?: { __typename?: 'Cve', id: string, title?: string | null, description?: string | null, maxBaseScore?: number | null } | null, considered: Array<{ __typename?: 'ConsideredCandidate', displayAttr: string, confidence: number, detail: string }>, packages: Array<{ __typename?: 'SuggestedPackage', groupKey: string, displayAttr: string, ecosystem: string, confidence: number, verdict: string, doubt?: string | null, knownVulnerability: boolean, attrs: Array<string>, maintainers: Array<string>, channels: Array<string>, reasons: Array<{ __typename?: 'MatchReason', signal: string, rule: string, detail: string, confidence: number }>, links: Array<{ __typename?: 'PackageLink', attr: string, channel: string, version: string, verdict: string, reason: string, rule?: string | null }> }> } }> } };

export type DismissSuggestionsMutationVariables = Exact<{
  ids: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  comment?: InputMaybe<Scalars['String']['input']>;
}>;


export type DismissSuggestionsMutation = { __typename?: 'Mutation', dismissSuggestions: { __typename?: 'TriageResult', changed: Array<string>, skipped: Array<{ __typename?: 'SkippedSuggestion', id: string, message: string }> } };

export type AcceptSuggestionMutationVariables = Exact<{
  ids: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
}>;


export type AcceptSuggestionMutation = { __typename?: 'Mutation', acceptSuggestions: { __typename?: 'Advisory', id: string } };

export type UndoLastActionMutationVariables = Exact<{ [key: string]: never; }>;


export type UndoLastActionMutation = { __typename?: 'Mutation', undoLastAction: { __typename?: 'UndoResultModel', action: string, subjectType: string, subjectId: string } };

export type RestoreSuggestionsMutationVariables = Exact<{
  ids: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
}>;


export type RestoreSuggestionsMutation = { __typename?: 'Mutation', restoreSuggestions: { __typename?: 'TriageResult', changed: Array<string>, skipped: Array<{ __typename?: 'SkippedSuggestion', id: string, message: string }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AdvisoryFieldsFragmentDoc = new TypedDocumentString(`
    fragment AdvisoryFields on Advisory {
  id
  publicId
  state
  title
  description
  severityOverride
  references
  notes
  version
  repository
  issueNumber
  issueUrl
  publishedAt
  archivedAt
  createdBy
  createdAt
  updatedAt
  cveIds
  cves {
    id
    title
    maxBaseScore
  }
  packages {
    attr
    attrs
    source
    links {
      attr
      channel
      version
      verdict
    }
  }
  channels {
    channel
    status
  }
  maintainers {
    githubId
    login
    source
    ping
  }
}
    `, {"fragmentName":"AdvisoryFields"}) as unknown as TypedDocumentString<AdvisoryFieldsFragment, unknown>;
export const AdvisoryFixFieldsFragmentDoc = new TypedDocumentString(`
    fragment AdvisoryFixFields on Advisory {
  fixStatus {
    channel
    state
    pr
    since
    via
    evidence
    evaluation
    attr
    version
  }
  fixes {
    pr
    branch
    firstSeen
  }
}
    `, {"fragmentName":"AdvisoryFixFields"}) as unknown as TypedDocumentString<AdvisoryFixFieldsFragment, unknown>;
export const ApiTokenFieldsFragmentDoc = new TypedDocumentString(`
    fragment ApiTokenFields on ApiToken {
  id
  name
  scope
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
}
    `, {"fragmentName":"ApiTokenFields"}) as unknown as TypedDocumentString<ApiTokenFieldsFragment, unknown>;
export const BootChainNodeFieldsFragmentDoc = new TypedDocumentString(`
    fragment BootChainNodeFields on BootChainNode {
  drvPath
  name
  pname
  version
  stage
  depth
  fixedOutput
  prebuilt
  inputDrvs
  outputs {
    name
    path
    expectedHash
    verdict {
      kind
      builders
      agreeing
      distinctHashes
      ignored
      explanation
    }
    attestations {
      id
      builderName
      narHash
      narSize
      signatureStatus
      source
      ultimate
      nixVersion
      rebuildDiffers
      rebuildNarHash
      recordedAt
    }
  }
}
    `, {"fragmentName":"BootChainNodeFields"}) as unknown as TypedDocumentString<BootChainNodeFieldsFragment, unknown>;
export const BootChainBuildFieldsFragmentDoc = new TypedDocumentString(`
    fragment BootChainBuildFields on BootChainBuild {
  id
  builderName
  drvPath
  name
  status
  attempts
  checked
  error
  logTail
  startedAt
  finishedAt
}
    `, {"fragmentName":"BootChainBuildFields"}) as unknown as TypedDocumentString<BootChainBuildFieldsFragment, unknown>;
export const CommentFieldsFragmentDoc = new TypedDocumentString(`
    fragment CommentFields on CommentModel {
  id
  author
  body
  createdAt
}
    `, {"fragmentName":"CommentFields"}) as unknown as TypedDocumentString<CommentFieldsFragment, unknown>;
export const MappingRuleFieldsFragmentDoc = new TypedDocumentString(`
    fragment MappingRuleFields on MappingRuleModel {
  id
  vendor
  product
  action
  packages
  note
  createdBy
  updatedAt
}
    `, {"fragmentName":"MappingRuleFields"}) as unknown as TypedDocumentString<MappingRuleFieldsFragment, unknown>;
export const NotificationPreferencesFieldsFragmentDoc = new TypedDocumentString(`
    fragment NotificationPreferencesFields on NotificationPreferences {
  maintainedPackages
  subscriptions
  emailDigest
  emailDigestAvailable
  email
}
    `, {"fragmentName":"NotificationPreferencesFields"}) as unknown as TypedDocumentString<NotificationPreferencesFieldsFragment, unknown>;
export const SuggestedPackageFieldsFragmentDoc = new TypedDocumentString(`
    fragment SuggestedPackageFields on SuggestedPackage {
  groupKey
  displayAttr
  ecosystem
  confidence
  verdict
  doubt
  knownVulnerability
  attrs
  maintainers
  channels
  reasons {
    signal
    rule
    detail
    confidence
  }
  links {
    attr
    channel
    version
    verdict
    reason
    rule
  }
}
    `, {"fragmentName":"SuggestedPackageFields"}) as unknown as TypedDocumentString<SuggestedPackageFieldsFragment, unknown>;
export const SuggestionFieldsFragmentDoc = new TypedDocumentString(`
    fragment SuggestionFields on Suggestion {
  id
  cveId
  status
  commentCount
  dismissalReason
  dismissalDetail
  dismissedBy
  confidence
  score
  groupCount
  notes
  updatedAt
  considered {
    displayAttr
    confidence
    detail
  }
  packages {
    ...SuggestedPackageFields
  }
}
    fragment SuggestedPackageFields on SuggestedPackage {
  groupKey
  displayAttr
  ecosystem
  confidence
  verdict
  doubt
  knownVulnerability
  attrs
  maintainers
  channels
  reasons {
    signal
    rule
    detail
    confidence
  }
  links {
    attr
    channel
    version
    verdict
    reason
    rule
  }
}`, {"fragmentName":"SuggestionFields"}) as unknown as TypedDocumentString<SuggestionFieldsFragment, unknown>;
export const ActivityLogDocument = new TypedDocumentString(`
    query ActivityLog($subjectType: String, $subjectId: String, $first: Int!, $before: ID) {
  activityLog(
    subjectType: $subjectType
    subjectId: $subjectId
    first: $first
    before: $before
  ) {
    id
    at
    actor
    action
    subjectType
    subjectId
    details
  }
}
    `) as unknown as TypedDocumentString<ActivityLogQuery, ActivityLogQueryVariables>;
export const AdminQuarantineDocument = new TypedDocumentString(`
    query AdminQuarantine($first: Int!, $source: String, $includeResolved: Boolean!) {
  quarantine(first: $first, source: $source, includeResolved: $includeResolved) {
    id
    source
    recordKey
    reason
    message
    occurrences
    firstSeenAt
    lastSeenAt
    resolvedAt
  }
}
    `) as unknown as TypedDocumentString<AdminQuarantineQuery, AdminQuarantineQueryVariables>;
export const AdminJobRunsDocument = new TypedDocumentString(`
    query AdminJobRuns($first: Int!, $status: JobRunStatus) {
  jobRuns(first: $first, status: $status) {
    id
    kind
    status
    attempt
    startedAt
    finishedAt
    progress
    counts
    error
    worker
  }
}
    `) as unknown as TypedDocumentString<AdminJobRunsQuery, AdminJobRunsQueryVariables>;
export const RegisterBootChainBuilderDocument = new TypedDocumentString(`
    mutation RegisterBootChainBuilder($input: BootChainBuilderInput!) {
  registerBootChainBuilder(input: $input) {
    builder {
      id
      name
      kind
      hasToken
    }
    token
  }
}
    `) as unknown as TypedDocumentString<RegisterBootChainBuilderMutation, RegisterBootChainBuilderMutationVariables>;
export const AdvisoryFixStatusDocument = new TypedDocumentString(`
    query AdvisoryFixStatus($id: ID!) {
  advisory(id: $id) {
    id
    ...AdvisoryFixFields
  }
}
    fragment AdvisoryFixFields on Advisory {
  fixStatus {
    channel
    state
    pr
    since
    via
    evidence
    evaluation
    attr
    version
  }
  fixes {
    pr
    branch
    firstSeen
  }
}`) as unknown as TypedDocumentString<AdvisoryFixStatusQuery, AdvisoryFixStatusQueryVariables>;
export const AdvisoryListDocument = new TypedDocumentString(`
    query AdvisoryList($state: String, $first: Int!, $after: String) {
  advisories(state: $state, first: $first, after: $after) {
    hasNextPage
    endCursor
    edges {
      cursor
      node {
        id
        publicId
        state
        title
        severityOverride
        cveIds
        updatedAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AdvisoryListQuery, AdvisoryListQueryVariables>;
export const AdvisoryPageDocument = new TypedDocumentString(`
    query AdvisoryPage($id: ID, $publicId: String) {
  advisory(id: $id, publicId: $publicId) {
    ...AdvisoryFields
    ...AdvisoryFixFields
    comments {
      ...CommentFields
    }
    activity(first: 100) {
      id
      at
      actor
      action
    }
  }
}
    fragment AdvisoryFields on Advisory {
  id
  publicId
  state
  title
  description
  severityOverride
  references
  notes
  version
  repository
  issueNumber
  issueUrl
  publishedAt
  archivedAt
  createdBy
  createdAt
  updatedAt
  cveIds
  cves {
    id
    title
    maxBaseScore
  }
  packages {
    attr
    attrs
    source
    links {
      attr
      channel
      version
      verdict
    }
  }
  channels {
    channel
    status
  }
  maintainers {
    githubId
    login
    source
    ping
  }
}
fragment AdvisoryFixFields on Advisory {
  fixStatus {
    channel
    state
    pr
    since
    via
    evidence
    evaluation
    attr
    version
  }
  fixes {
    pr
    branch
    firstSeen
  }
}
fragment CommentFields on CommentModel {
  id
  author
  body
  createdAt
}`) as unknown as TypedDocumentString<AdvisoryPageQuery, AdvisoryPageQueryVariables>;
export const DraftAdvisoryDocument = new TypedDocumentString(`
    query DraftAdvisory($id: ID!) {
  advisory(id: $id) {
    ...AdvisoryFields
  }
}
    fragment AdvisoryFields on Advisory {
  id
  publicId
  state
  title
  description
  severityOverride
  references
  notes
  version
  repository
  issueNumber
  issueUrl
  publishedAt
  archivedAt
  createdBy
  createdAt
  updatedAt
  cveIds
  cves {
    id
    title
    maxBaseScore
  }
  packages {
    attr
    attrs
    source
    links {
      attr
      channel
      version
      verdict
    }
  }
  channels {
    channel
    status
  }
  maintainers {
    githubId
    login
    source
    ping
  }
}`) as unknown as TypedDocumentString<DraftAdvisoryQuery, DraftAdvisoryQueryVariables>;
export const UpdateAdvisoryDocument = new TypedDocumentString(`
    mutation UpdateAdvisory($id: ID!, $version: Int!, $input: AdvisoryInput!) {
  updateAdvisory(id: $id, version: $version, input: $input) {
    ...AdvisoryFields
  }
}
    fragment AdvisoryFields on Advisory {
  id
  publicId
  state
  title
  description
  severityOverride
  references
  notes
  version
  repository
  issueNumber
  issueUrl
  publishedAt
  archivedAt
  createdBy
  createdAt
  updatedAt
  cveIds
  cves {
    id
    title
    maxBaseScore
  }
  packages {
    attr
    attrs
    source
    links {
      attr
      channel
      version
      verdict
    }
  }
  channels {
    channel
    status
  }
  maintainers {
    githubId
    login
    source
    ping
  }
}`) as unknown as TypedDocumentString<UpdateAdvisoryMutation, UpdateAdvisoryMutationVariables>;
export const AddAdvisoryPackageDocument = new TypedDocumentString(`
    mutation AddAdvisoryPackage($id: ID!, $version: Int!, $attr: String!) {
  addAdvisoryPackage(id: $id, version: $version, attr: $attr) {
    ...AdvisoryFields
  }
}
    fragment AdvisoryFields on Advisory {
  id
  publicId
  state
  title
  description
  severityOverride
  references
  notes
  version
  repository
  issueNumber
  issueUrl
  publishedAt
  archivedAt
  createdBy
  createdAt
  updatedAt
  cveIds
  cves {
    id
    title
    maxBaseScore
  }
  packages {
    attr
    attrs
    source
    links {
      attr
      channel
      version
      verdict
    }
  }
  channels {
    channel
    status
  }
  maintainers {
    githubId
    login
    source
    ping
  }
}`) as unknown as TypedDocumentString<AddAdvisoryPackageMutation, AddAdvisoryPackageMutationVariables>;
export const RemoveAdvisoryPackageDocument = new TypedDocumentString(`
    mutation RemoveAdvisoryPackage($id: ID!, $version: Int!, $attr: String!) {
  removeAdvisoryPackage(id: $id, version: $version, attr: $attr) {
    ...AdvisoryFields
  }
}
    fragment AdvisoryFields on Advisory {
  id
  publicId
  state
  title
  description
  severityOverride
  references
  notes
  version
  repository
  issueNumber
  issueUrl
  publishedAt
  archivedAt
  createdBy
  createdAt
  updatedAt
  cveIds
  cves {
    id
    title
    maxBaseScore
  }
  packages {
    attr
    attrs
    source
    links {
      attr
      channel
      version
      verdict
    }
  }
  channels {
    channel
    status
  }
  maintainers {
    githubId
    login
    source
    ping
  }
}`) as unknown as TypedDocumentString<RemoveAdvisoryPackageMutation, RemoveAdvisoryPackageMutationVariables>;
export const SetAdvisoryChannelStatusDocument = new TypedDocumentString(`
    mutation SetAdvisoryChannelStatus($id: ID!, $version: Int!, $channel: String!, $status: String!) {
  setAdvisoryChannelStatus(
    id: $id
    version: $version
    channel: $channel
    status: $status
  ) {
    ...AdvisoryFields
  }
}
    fragment AdvisoryFields on Advisory {
  id
  publicId
  state
  title
  description
  severityOverride
  references
  notes
  version
  repository
  issueNumber
  issueUrl
  publishedAt
  archivedAt
  createdBy
  createdAt
  updatedAt
  cveIds
  cves {
    id
    title
    maxBaseScore
  }
  packages {
    attr
    attrs
    source
    links {
      attr
      channel
      version
      verdict
    }
  }
  channels {
    channel
    status
  }
  maintainers {
    githubId
    login
    source
    ping
  }
}`) as unknown as TypedDocumentString<SetAdvisoryChannelStatusMutation, SetAdvisoryChannelStatusMutationVariables>;
export const AddAdvisoryMaintainerDocument = new TypedDocumentString(`
    mutation AddAdvisoryMaintainer($id: ID!, $version: Int!, $login: String!) {
  addAdvisoryMaintainer(id: $id, version: $version, login: $login) {
    ...AdvisoryFields
  }
}
    fragment AdvisoryFields on Advisory {
  id
  publicId
  state
  title
  description
  severityOverride
  references
  notes
  version
  repository
  issueNumber
  issueUrl
  publishedAt
  archivedAt
  createdBy
  createdAt
  updatedAt
  cveIds
  cves {
    id
    title
    maxBaseScore
  }
  packages {
    attr
    attrs
    source
    links {
      attr
      channel
      version
      verdict
    }
  }
  channels {
    channel
    status
  }
  maintainers {
    githubId
    login
    source
    ping
  }
}`) as unknown as TypedDocumentString<AddAdvisoryMaintainerMutation, AddAdvisoryMaintainerMutationVariables>;
export const RemoveAdvisoryMaintainerDocument = new TypedDocumentString(`
    mutation RemoveAdvisoryMaintainer($id: ID!, $version: Int!, $githubId: Int!) {
  removeAdvisoryMaintainer(id: $id, version: $version, githubId: $githubId) {
    ...AdvisoryFields
  }
}
    fragment AdvisoryFields on Advisory {
  id
  publicId
  state
  title
  description
  severityOverride
  references
  notes
  version
  repository
  issueNumber
  issueUrl
  publishedAt
  archivedAt
  createdBy
  createdAt
  updatedAt
  cveIds
  cves {
    id
    title
    maxBaseScore
  }
  packages {
    attr
    attrs
    source
    links {
      attr
      channel
      version
      verdict
    }
  }
  channels {
    channel
    status
  }
  maintainers {
    githubId
    login
    source
    ping
  }
}`) as unknown as TypedDocumentString<RemoveAdvisoryMaintainerMutation, RemoveAdvisoryMaintainerMutationVariables>;
export const SetAdvisoryMaintainerPingDocument = new TypedDocumentString(`
    mutation SetAdvisoryMaintainerPing($id: ID!, $version: Int!, $githubId: Int!, $ping: Boolean!) {
  setAdvisoryMaintainerPing(
    id: $id
    version: $version
    githubId: $githubId
    ping: $ping
  ) {
    ...AdvisoryFields
  }
}
    fragment AdvisoryFields on Advisory {
  id
  publicId
  state
  title
  description
  severityOverride
  references
  notes
  version
  repository
  issueNumber
  issueUrl
  publishedAt
  archivedAt
  createdBy
  createdAt
  updatedAt
  cveIds
  cves {
    id
    title
    maxBaseScore
  }
  packages {
    attr
    attrs
    source
    links {
      attr
      channel
      version
      verdict
    }
  }
  channels {
    channel
    status
  }
  maintainers {
    githubId
    login
    source
    ping
  }
}`) as unknown as TypedDocumentString<SetAdvisoryMaintainerPingMutation, SetAdvisoryMaintainerPingMutationVariables>;
export const MergeAdvisoriesDocument = new TypedDocumentString(`
    mutation MergeAdvisories($id: ID!, $version: Int!, $otherIds: [ID!]!) {
  mergeAdvisories(id: $id, version: $version, otherIds: $otherIds) {
    ...AdvisoryFields
  }
}
    fragment AdvisoryFields on Advisory {
  id
  publicId
  state
  title
  description
  severityOverride
  references
  notes
  version
  repository
  issueNumber
  issueUrl
  publishedAt
  archivedAt
  createdBy
  createdAt
  updatedAt
  cveIds
  cves {
    id
    title
    maxBaseScore
  }
  packages {
    attr
    attrs
    source
    links {
      attr
      channel
      version
      verdict
    }
  }
  channels {
    channel
    status
  }
  maintainers {
    githubId
    login
    source
    ping
  }
}`) as unknown as TypedDocumentString<MergeAdvisoriesMutation, MergeAdvisoriesMutationVariables>;
export const SplitAdvisoryDocument = new TypedDocumentString(`
    mutation SplitAdvisory($id: ID!, $version: Int!, $cveId: String!) {
  splitAdvisory(id: $id, version: $version, cveId: $cveId) {
    id
  }
}
    `) as unknown as TypedDocumentString<SplitAdvisoryMutation, SplitAdvisoryMutationVariables>;
export const DiscardDraftDocument = new TypedDocumentString(`
    mutation DiscardDraft($id: ID!, $version: Int!) {
  discardDraft(id: $id, version: $version)
}
    `) as unknown as TypedDocumentString<DiscardDraftMutation, DiscardDraftMutationVariables>;
export const PublishAdvisoryDocument = new TypedDocumentString(`
    mutation PublishAdvisory($id: ID!, $version: Int!) {
  publishAdvisory(id: $id, version: $version) {
    ...AdvisoryFields
  }
}
    fragment AdvisoryFields on Advisory {
  id
  publicId
  state
  title
  description
  severityOverride
  references
  notes
  version
  repository
  issueNumber
  issueUrl
  publishedAt
  archivedAt
  createdBy
  createdAt
  updatedAt
  cveIds
  cves {
    id
    title
    maxBaseScore
  }
  packages {
    attr
    attrs
    source
    links {
      attr
      channel
      version
      verdict
    }
  }
  channels {
    channel
    status
  }
  maintainers {
    githubId
    login
    source
    ping
  }
}`) as unknown as TypedDocumentString<PublishAdvisoryMutation, PublishAdvisoryMutationVariables>;
export const PackageSearchDocument = new TypedDocumentString(`
    query PackageSearch($prefix: String!) {
  packageSearch(prefix: $prefix, first: 10) {
    attr
    channels
    versions
    description
  }
}
    `) as unknown as TypedDocumentString<PackageSearchQuery, PackageSearchQueryVariables>;
export const ApiTokensDocument = new TypedDocumentString(`
    query ApiTokens {
  apiTokens {
    ...ApiTokenFields
  }
}
    fragment ApiTokenFields on ApiToken {
  id
  name
  scope
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
}`) as unknown as TypedDocumentString<ApiTokensQuery, ApiTokensQueryVariables>;
export const CreateApiTokenDocument = new TypedDocumentString(`
    mutation CreateApiToken($name: String!, $scope: ApiTokenScope!, $expiresInDays: Int!) {
  createApiToken(name: $name, scope: $scope, expiresInDays: $expiresInDays) {
    secret
    token {
      ...ApiTokenFields
    }
  }
}
    fragment ApiTokenFields on ApiToken {
  id
  name
  scope
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
}`) as unknown as TypedDocumentString<CreateApiTokenMutation, CreateApiTokenMutationVariables>;
export const RevokeApiTokenDocument = new TypedDocumentString(`
    mutation RevokeApiToken($id: ID!) {
  revokeApiToken(id: $id) {
    ...ApiTokenFields
  }
}
    fragment ApiTokenFields on ApiToken {
  id
  name
  scope
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
}`) as unknown as TypedDocumentString<RevokeApiTokenMutation, RevokeApiTokenMutationVariables>;
export const BootChainTargetsDocument = new TypedDocumentString(`
    query BootChainTargets {
  bootChainTargets {
    id
    attr
    system
    revision
    nodes
    discoveredAt
  }
}
    `) as unknown as TypedDocumentString<BootChainTargetsQuery, BootChainTargetsQueryVariables>;
export const BootChainTargetDocument = new TypedDocumentString(`
    query BootChainTarget($id: Int!) {
  bootChainTarget(id: $id) {
    id
    attr
    system
    revision
    nodes
    rootDrvPath
    discoveredAt
    report {
      statement
      seedAnchored
      seedProblems
      prebuilt
      allReproduced
      outputs
      reproducedOutputs
      minBuilders
      stages {
        stage
        derivations
        outputs
        reproducedOutputs
        verdicts
        worst
      }
      weakestLink {
        drvPath
        name
        output
        stage
        verdict
        builders
        agreeing
      }
    }
    chain {
      ...BootChainNodeFields
    }
    builds {
      ...BootChainBuildFields
    }
  }
}
    fragment BootChainNodeFields on BootChainNode {
  drvPath
  name
  pname
  version
  stage
  depth
  fixedOutput
  prebuilt
  inputDrvs
  outputs {
    name
    path
    expectedHash
    verdict {
      kind
      builders
      agreeing
      distinctHashes
      ignored
      explanation
    }
    attestations {
      id
      builderName
      narHash
      narSize
      signatureStatus
      source
      ultimate
      nixVersion
      rebuildDiffers
      rebuildNarHash
      recordedAt
    }
  }
}
fragment BootChainBuildFields on BootChainBuild {
  id
  builderName
  drvPath
  name
  status
  attempts
  checked
  error
  logTail
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<BootChainTargetQuery, BootChainTargetQueryVariables>;
export const BootChainBuildersDocument = new TypedDocumentString(`
    query BootChainBuilders {
  bootChainBuilders {
    id
    name
    kind
    enabled
    operator
    storeUri
    url
    systems
    maxConcurrent
    timeoutSeconds
    nixVersion
    detectedNixVersion
    nixVersionDetectedAt
    nixVersionError
    hasToken
    publicKey
  }
}
    `) as unknown as TypedDocumentString<BootChainBuildersQuery, BootChainBuildersQueryVariables>;
export const StartBootChainBuildsDocument = new TypedDocumentString(`
    mutation StartBootChainBuilds($targetId: Int!, $builderIds: [Int!]!, $rebuild: Boolean!) {
  startBootChainBuilds(
    targetId: $targetId
    builderIds: $builderIds
    rebuild: $rebuild
  ) {
    planned
    queued
    imports
  }
}
    `) as unknown as TypedDocumentString<StartBootChainBuildsMutation, StartBootChainBuildsMutationVariables>;
export const CancelBootChainBuildsDocument = new TypedDocumentString(`
    mutation CancelBootChainBuilds($targetId: Int!) {
  cancelBootChainBuilds(targetId: $targetId)
}
    `) as unknown as TypedDocumentString<CancelBootChainBuildsMutation, CancelBootChainBuildsMutationVariables>;
export const ChannelsAndEvaluationsDocument = new TypedDocumentString(`
    query ChannelsAndEvaluations($first: Int!) {
  channels {
    name
    release
    state
    tracked
    headRevision
    headUpdatedAt
  }
  evaluations(first: $first) {
    id
    channel
    revision
    status
    finishedAt
    counts
  }
}
    `) as unknown as TypedDocumentString<ChannelsAndEvaluationsQuery, ChannelsAndEvaluationsQueryVariables>;
export const AdvisoryCommentsDocument = new TypedDocumentString(`
    query AdvisoryComments($id: ID!) {
  advisory(id: $id) {
    id
    comments {
      ...CommentFields
    }
  }
}
    fragment CommentFields on CommentModel {
  id
  author
  body
  createdAt
}`) as unknown as TypedDocumentString<AdvisoryCommentsQuery, AdvisoryCommentsQueryVariables>;
export const PostCommentDocument = new TypedDocumentString(`
    mutation PostComment($subjectType: String!, $subjectId: ID!, $body: String!) {
  postComment(subjectType: $subjectType, subjectId: $subjectId, body: $body) {
    ...CommentFields
  }
}
    fragment CommentFields on CommentModel {
  id
  author
  body
  createdAt
}`) as unknown as TypedDocumentString<PostCommentMutation, PostCommentMutationVariables>;
export const CvePageDocument = new TypedDocumentString(`
    query CvePage($id: String!) {
  cve(id: $id) {
    id
    state
    title
    description
    assignerShortName
    datePublished
    dateReserved
    dateUpdated
    maxBaseScore
    nvdStatus
    sources
    metrics {
      source
      scoredBy
      cvssVersion
      baseScore
      severity
      vector
    }
    problemTypes {
      source
      cweId
      description
    }
    affected {
      source
      containerKind
      providerShortName
      vendor
      product
      packageName
      repo
      collectionUrl
      defaultStatus
      platforms
      cpes
      versions {
        version
        lessThan
        lessThanOrEqual
        status
        versionType
      }
    }
    cpeMatches {
      configuration
      node
      operator
      negate
      criteria
      vulnerable
      versionStartIncluding
      versionStartExcluding
      versionEndIncluding
      versionEndExcluding
    }
    references {
      url
      name
      source
      tags
    }
    suggestion {
      ...SuggestionFields
      comments {
        ...CommentFields
      }
    }
  }
}
    fragment CommentFields on CommentModel {
  id
  author
  body
  createdAt
}
fragment SuggestedPackageFields on SuggestedPackage {
  groupKey
  displayAttr
  ecosystem
  confidence
  verdict
  doubt
  knownVulnerability
  attrs
  maintainers
  channels
  reasons {
    signal
    rule
    detail
    confidence
  }
  links {
    attr
    channel
    version
    verdict
    reason
    rule
  }
}
fragment SuggestionFields on Suggestion {
  id
  cveId
  status
  commentCount
  dismissalReason
  dismissalDetail
  dismissedBy
  confidence
  score
  groupCount
  notes
  updatedAt
  considered {
    displayAttr
    confidence
    detail
  }
  packages {
    ...SuggestedPackageFields
  }
}`) as unknown as TypedDocumentString<CvePageQuery, CvePageQueryVariables>;
export const LatestIngestionRunsDocument = new TypedDocumentString(`
    query LatestIngestionRuns($first: Int!) {
  ingestionRuns(first: $first) {
    id
    source
    input
    status
    startedAt
    finishedAt
    counts
    error
  }
}
    `) as unknown as TypedDocumentString<LatestIngestionRunsQuery, LatestIngestionRunsQueryVariables>;
export const LatestJobRunsDocument = new TypedDocumentString(`
    query LatestJobRuns($first: Int!) {
  jobRuns(first: $first) {
    id
    kind
    status
    attempt
    startedAt
    finishedAt
    counts
    error
  }
}
    `) as unknown as TypedDocumentString<LatestJobRunsQuery, LatestJobRunsQueryVariables>;
export const MaintainerPageDocument = new TypedDocumentString(`
    query MaintainerPage($github: String!) {
  maintainer(github: $github) {
    github
    githubId
    name
    packages(first: 200) {
      hasNextPage
      edges {
        node {
          attr
          channel
          version
        }
      }
    }
  }
  suggestions(maintainer: $github, status: "pending", sort: "severity", first: 50) {
    totalCount
    totalCountCapped
    edges {
      node {
        id
        cveId
        cvss
        cve {
          id
          title
        }
        packages {
          displayAttr
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MaintainerPageQuery, MaintainerPageQueryVariables>;
export const MaintainerAdvisoriesDocument = new TypedDocumentString(`
    query MaintainerAdvisories($githubId: Int!) {
  advisories(maintainerGithubId: $githubId, first: 100) {
    hasNextPage
    edges {
      node {
        id
        publicId
        state
        title
        cveIds
        updatedAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MaintainerAdvisoriesQuery, MaintainerAdvisoriesQueryVariables>;
export const MappingRulesDocument = new TypedDocumentString(`
    query MappingRules {
  mappingRules {
    ...MappingRuleFields
  }
}
    fragment MappingRuleFields on MappingRuleModel {
  id
  vendor
  product
  action
  packages
  note
  createdBy
  updatedAt
}`) as unknown as TypedDocumentString<MappingRulesQuery, MappingRulesQueryVariables>;
export const CreateMappingRuleDocument = new TypedDocumentString(`
    mutation CreateMappingRule($input: MappingRuleInput!) {
  createMappingRule(input: $input) {
    ...MappingRuleFields
  }
}
    fragment MappingRuleFields on MappingRuleModel {
  id
  vendor
  product
  action
  packages
  note
  createdBy
  updatedAt
}`) as unknown as TypedDocumentString<CreateMappingRuleMutation, CreateMappingRuleMutationVariables>;
export const DeleteMappingRuleDocument = new TypedDocumentString(`
    mutation DeleteMappingRule($id: ID!) {
  deleteMappingRule(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteMappingRuleMutation, DeleteMappingRuleMutationVariables>;
export const NotificationPreferencesDocument = new TypedDocumentString(`
    query NotificationPreferences {
  notificationPreferences {
    ...NotificationPreferencesFields
  }
}
    fragment NotificationPreferencesFields on NotificationPreferences {
  maintainedPackages
  subscriptions
  emailDigest
  emailDigestAvailable
  email
}`) as unknown as TypedDocumentString<NotificationPreferencesQuery, NotificationPreferencesQueryVariables>;
export const SetNotificationPreferencesDocument = new TypedDocumentString(`
    mutation SetNotificationPreferences($maintainedPackages: Boolean, $subscriptions: Boolean, $emailDigest: Boolean, $email: String) {
  setNotificationPreferences(
    maintainedPackages: $maintainedPackages
    subscriptions: $subscriptions
    emailDigest: $emailDigest
    email: $email
  ) {
    ...NotificationPreferencesFields
  }
}
    fragment NotificationPreferencesFields on NotificationPreferences {
  maintainedPackages
  subscriptions
  emailDigest
  emailDigestAvailable
  email
}`) as unknown as TypedDocumentString<SetNotificationPreferencesMutation, SetNotificationPreferencesMutationVariables>;
export const NotificationsDocument = new TypedDocumentString(`
    query Notifications($first: Int!, $after: String, $unreadOnly: Boolean!) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    hasNextPage
    endCursor
    edges {
      node {
        id
        kind
        message
        link
        createdAt
        readAt
      }
    }
  }
  unreadNotificationCount
}
    `) as unknown as TypedDocumentString<NotificationsQuery, NotificationsQueryVariables>;
export const UnreadNotificationCountDocument = new TypedDocumentString(`
    query UnreadNotificationCount {
  unreadNotificationCount
}
    `) as unknown as TypedDocumentString<UnreadNotificationCountQuery, UnreadNotificationCountQueryVariables>;
export const MarkNotificationsReadDocument = new TypedDocumentString(`
    mutation MarkNotificationsRead($ids: [ID!]!) {
  markNotificationsRead(ids: $ids)
}
    `) as unknown as TypedDocumentString<MarkNotificationsReadMutation, MarkNotificationsReadMutationVariables>;
export const MarkAllNotificationsReadDocument = new TypedDocumentString(`
    mutation MarkAllNotificationsRead {
  markAllNotificationsRead
}
    `) as unknown as TypedDocumentString<MarkAllNotificationsReadMutation, MarkAllNotificationsReadMutationVariables>;
export const SubscriptionsDocument = new TypedDocumentString(`
    query Subscriptions {
  subscriptions {
    targetType
    target
    createdAt
  }
}
    `) as unknown as TypedDocumentString<SubscriptionsQuery, SubscriptionsQueryVariables>;
export const TrackedChannelsDocument = new TypedDocumentString(`
    query TrackedChannels {
  channels {
    name
    tracked
  }
}
    `) as unknown as TypedDocumentString<TrackedChannelsQuery, TrackedChannelsQueryVariables>;
export const SubscribeDocument = new TypedDocumentString(`
    mutation Subscribe($targetType: String!, $target: String!) {
  subscribe(targetType: $targetType, target: $target) {
    targetType
    target
    createdAt
  }
}
    `) as unknown as TypedDocumentString<SubscribeMutation, SubscribeMutationVariables>;
export const UnsubscribeDocument = new TypedDocumentString(`
    mutation Unsubscribe($targetType: String!, $target: String!) {
  unsubscribe(targetType: $targetType, target: $target)
}
    `) as unknown as TypedDocumentString<UnsubscribeMutation, UnsubscribeMutationVariables>;
export const PackageOverviewDocument = new TypedDocumentString(`
    query PackageOverview($attr: String!, $search: Boolean!) {
  packageSearch(prefix: $attr, first: 5) @include(if: $search) {
    attr
    channels
  }
  channels {
    name
    tracked
  }
  advisories(attr: $attr, first: 50) {
    hasNextPage
    edges {
      node {
        id
        publicId
        state
        title
        cveIds
        updatedAt
      }
    }
  }
  suggestions(attr: $attr, status: "pending", sort: "severity", first: 20) {
    totalCount
    totalCountCapped
    edges {
      node {
        id
        cveId
        cvss
        cve {
          id
          title
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PackageOverviewQuery, PackageOverviewQueryVariables>;
export const PackageInChannelDocument = new TypedDocumentString(`
    query PackageInChannel($attr: String!, $channel: String!) {
  package(attr: $attr, channel: $channel) {
    attr
    channel
    name
    version
    description
    homepages
    licenses
    knownVulnerabilities
    broken
    insecure
    unfree
    cpe
    positionUrl
    maintainers {
      github
      githubId
      name
    }
  }
}
    `) as unknown as TypedDocumentString<PackageInChannelQuery, PackageInChannelQueryVariables>;
export const LabeledIssuesDocument = new TypedDocumentString(`
    query LabeledIssues($first: Int!, $after: String) {
  labeledIssues(first: $first, after: $after) {
    edges {
      node {
        number
        title
        state
        labels
        htmlUrl
        updatedAt
        pullRequests {
          number
          state
          base
          landings {
            branch
            firstSeen
          }
        }
      }
    }
    hasNextPage
    endCursor
  }
}
    `) as unknown as TypedDocumentString<LabeledIssuesQuery, LabeledIssuesQueryVariables>;
export const LabeledPullRequestsDocument = new TypedDocumentString(`
    query LabeledPullRequests($first: Int!, $after: String) {
  labeledPullRequests(first: $first, after: $after) {
    edges {
      node {
        number
        title
        state
        draft
        base
        labels
        updatedAt
        landings {
          branch
          firstSeen
        }
      }
    }
    hasNextPage
    endCursor
  }
}
    `) as unknown as TypedDocumentString<LabeledPullRequestsQuery, LabeledPullRequestsQueryVariables>;
export const PullRequestPageDocument = new TypedDocumentString(`
    query PullRequestPage($number: Int!) {
  pullRequest(number: $number) {
    number
    repository
    title
    state
    draft
    base
    mergeCommit
    mergedAt
    labels
    author
    updatedAt
    branchGraph {
      branch
      next
      reached
      firstSeen
    }
    advisories {
      reason
      advisory {
        id
        publicId
        state
        title
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PullRequestPageQuery, PullRequestPageQueryVariables>;
export const ServerHealthDocument = new TypedDocumentString(`
    query ServerHealth {
  health {
    version
    database
    migrationsPending
  }
}
    `) as unknown as TypedDocumentString<ServerHealthQuery, ServerHealthQueryVariables>;
export const PendingSuggestionCountDocument = new TypedDocumentString(`
    query PendingSuggestionCount {
  suggestions(status: "pending", first: 1) {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<PendingSuggestionCountQuery, PendingSuggestionCountQueryVariables>;
export const SuggestionQueueDocument = new TypedDocumentString(`
    query SuggestionQueue($status: String, $sort: String, $text: String, $channel: String, $minSeverity: String, $cveYear: Int, $stableOnly: Boolean, $first: Int!, $after: String) {
  suggestions(
    status: $status
    sort: $sort
    text: $text
    channel: $channel
    minSeverity: $minSeverity
    cveYear: $cveYear
    stableOnly: $stableOnly
    first: $first
    after: $after
  ) {
    totalCount
    totalCountCapped
    hasNextPage
    endCursor
    edges {
      cursor
      node {
        ...SuggestionFields
        cve {
          id
          title
          description
          maxBaseScore
        }
      }
    }
  }
}
    fragment SuggestedPackageFields on SuggestedPackage {
  groupKey
  displayAttr
  ecosystem
  confidence
  verdict
  doubt
  knownVulnerability
  attrs
  maintainers
  channels
  reasons {
    signal
    rule
    detail
    confidence
  }
  links {
    attr
    channel
    version
    verdict
    reason
    rule
  }
}
fragment SuggestionFields on Suggestion {
  id
  cveId
  status
  commentCount
  dismissalReason
  dismissalDetail
  dismissedBy
  confidence
  score
  groupCount
  notes
  updatedAt
  considered {
    displayAttr
    confidence
    detail
  }
  packages {
    ...SuggestedPackageFields
  }
}`) as unknown as TypedDocumentString<SuggestionQueueQuery, SuggestionQueueQueryVariables>;
export const DismissSuggestionsDocument = new TypedDocumentString(`
    mutation DismissSuggestions($ids: [ID!]!, $reason: String!, $comment: String) {
  dismissSuggestions(ids: $ids, reason: $reason, comment: $comment) {
    changed
    skipped {
      id
      message
    }
  }
}
    `) as unknown as TypedDocumentString<DismissSuggestionsMutation, DismissSuggestionsMutationVariables>;
export const AcceptSuggestionDocument = new TypedDocumentString(`
    mutation AcceptSuggestion($ids: [ID!]!) {
  acceptSuggestions(ids: $ids) {
    id
  }
}
    `) as unknown as TypedDocumentString<AcceptSuggestionMutation, AcceptSuggestionMutationVariables>;
export const UndoLastActionDocument = new TypedDocumentString(`
    mutation UndoLastAction {
  undoLastAction {
    action
    subjectType
    subjectId
  }
}
    `) as unknown as TypedDocumentString<UndoLastActionMutation, UndoLastActionMutationVariables>;
export const RestoreSuggestionsDocument = new TypedDocumentString(`
    mutation RestoreSuggestions($ids: [ID!]!) {
  restoreSuggestions(ids: $ids) {
    changed
    skipped {
      id
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RestoreSuggestionsMutation, RestoreSuggestionsMutationVariables>;