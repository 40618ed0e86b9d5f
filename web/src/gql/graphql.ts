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

export type DatabaseStatus =
  | 'OK'
  | 'UNREACHABLE';

export type Health = {
  __typename?: 'Health';
  database: DatabaseStatus;
  /** Migrations of this build not yet applied to the database. */
  migrationsPending: Scalars['Int']['output'];
  /** Version of the running server. */
  version: Scalars['String']['output'];
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

export type Query = {
  __typename?: 'Query';
  health: Health;
  jobRun?: Maybe<JobRun>;
  /** Most recent job runs first. */
  jobRuns: Array<JobRun>;
};


export type QueryJobRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryJobRunsArgs = {
  first?: Scalars['Int']['input'];
  kind?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<JobRunStatus>;
};

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