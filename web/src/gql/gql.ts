/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ChannelsAndEvaluations($first: Int!) {\n  channels {\n    name\n    release\n    state\n    tracked\n    headRevision\n    headUpdatedAt\n  }\n  evaluations(first: $first) {\n    id\n    channel\n    revision\n    status\n    finishedAt\n    counts\n  }\n}": typeof types.ChannelsAndEvaluationsDocument,
    "query LatestIngestionRuns($first: Int!) {\n  ingestionRuns(first: $first) {\n    id\n    source\n    input\n    status\n    startedAt\n    finishedAt\n    counts\n    error\n  }\n}": typeof types.LatestIngestionRunsDocument,
    "query LatestJobRuns($first: Int!) {\n  jobRuns(first: $first) {\n    id\n    kind\n    status\n    attempt\n    startedAt\n    finishedAt\n    counts\n    error\n  }\n}": typeof types.LatestJobRunsDocument,
    "query ServerHealth {\n  health {\n    version\n    database\n    migrationsPending\n  }\n}": typeof types.ServerHealthDocument,
};
const documents: Documents = {
    "query ChannelsAndEvaluations($first: Int!) {\n  channels {\n    name\n    release\n    state\n    tracked\n    headRevision\n    headUpdatedAt\n  }\n  evaluations(first: $first) {\n    id\n    channel\n    revision\n    status\n    finishedAt\n    counts\n  }\n}": types.ChannelsAndEvaluationsDocument,
    "query LatestIngestionRuns($first: Int!) {\n  ingestionRuns(first: $first) {\n    id\n    source\n    input\n    status\n    startedAt\n    finishedAt\n    counts\n    error\n  }\n}": types.LatestIngestionRunsDocument,
    "query LatestJobRuns($first: Int!) {\n  jobRuns(first: $first) {\n    id\n    kind\n    status\n    attempt\n    startedAt\n    finishedAt\n    counts\n    error\n  }\n}": types.LatestJobRunsDocument,
    "query ServerHealth {\n  health {\n    version\n    database\n    migrationsPending\n  }\n}": types.ServerHealthDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ChannelsAndEvaluations($first: Int!) {\n  channels {\n    name\n    release\n    state\n    tracked\n    headRevision\n    headUpdatedAt\n  }\n  evaluations(first: $first) {\n    id\n    channel\n    revision\n    status\n    finishedAt\n    counts\n  }\n}"): typeof import('./graphql').ChannelsAndEvaluationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LatestIngestionRuns($first: Int!) {\n  ingestionRuns(first: $first) {\n    id\n    source\n    input\n    status\n    startedAt\n    finishedAt\n    counts\n    error\n  }\n}"): typeof import('./graphql').LatestIngestionRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LatestJobRuns($first: Int!) {\n  jobRuns(first: $first) {\n    id\n    kind\n    status\n    attempt\n    startedAt\n    finishedAt\n    counts\n    error\n  }\n}"): typeof import('./graphql').LatestJobRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ServerHealth {\n  health {\n    version\n    database\n    migrationsPending\n  }\n}"): typeof import('./graphql').ServerHealthDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
