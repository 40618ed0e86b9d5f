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

export type PackageMaintainer = {
  __typename?: 'PackageMaintainer';
  github?: Maybe<Scalars['String']['output']>;
  /** GitHub user id: the stable key (handles change). */
  githubId?: Maybe<Scalars['Int']['output']>;
  name?: Maybe<Scalars['String']['output']>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
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
  /** A maintainer by GitHub handle. */
  maintainer?: Maybe<Maintainer>;
  /** A package attribute (without system) in a channel. */
  package?: Maybe<Package>;
  /** Packages of the current evaluations, by attribute. */
  packages: PackageConnection;
  /** Refused input records, most recently seen first. */
  quarantine: Array<QuarantineEntry>;
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


export type QueryMaintainerArgs = {
  github: Scalars['String']['input'];
};


export type QueryPackageArgs = {
  attr: Scalars['String']['input'];
  channel: Scalars['String']['input'];
};


export type QueryPackagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  channel?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  maintainer?: InputMaybe<Scalars['String']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryQuarantineArgs = {
  first?: Scalars['Int']['input'];
  includeResolved?: Scalars['Boolean']['input'];
  source?: InputMaybe<Scalars['String']['input']>;
};

export type VersionChange = {
  __typename?: 'VersionChange';
  attr: Scalars['String']['output'];
  from: Scalars['String']['output'];
  to: Scalars['String']['output'];
};

export type ChannelsAndEvaluationsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
}>;


export type ChannelsAndEvaluationsQuery = { __typename?: 'Query', channels: Array<{ __typename?: 'Channel', name: string, release: string, state: string, tracked: boolean, headRevision?: string | null, headUpdatedAt?: string | null }>, evaluations: Array<{ __typename?: 'Evaluation', id: string, channel: string, revision: string, status: string, finishedAt?: string | null, counts: unknown }> };

export type LatestIngestionRunsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
}>;


export type LatestIngestionRunsQuery = { __typename?: 'Query', ingestionRuns: Array<{ __typename?: 'IngestionRun', id: string, source: string, input: string, status: string, startedAt: string, finishedAt?: string | null, counts: unknown, error?: string | null }> };

export type LatestJobRunsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
}>;


export type LatestJobRunsQuery = { __typename?: 'Query', jobRuns: Array<{ __typename?: 'JobRun', id: string, kind: string, status: JobRunStatus, attempt: number, startedAt: string, finishedAt?: string | null, counts: unknown, error?: string | null }> };

export type ServerHealthQueryVariables = Exact<{ [key: string]: never; }>;


export type ServerHealthQuery = { __typename?: 'Query', health: { __typename?: 'Health', version: string, database: DatabaseStatus, migrationsPending: number } };

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
export const ServerHealthDocument = new TypedDocumentString(`
    query ServerHealth {
  health {
    version
    database
    migrationsPending
  }
}
    `) as unknown as TypedDocumentString<ServerHealthQuery, ServerHealthQueryVariables>;