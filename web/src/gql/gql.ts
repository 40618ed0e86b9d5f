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
    "fragment ApiTokenFields on ApiToken {\n  id\n  name\n  scope\n  createdAt\n  expiresAt\n  lastUsedAt\n  revokedAt\n}\n\nquery ApiTokens {\n  apiTokens {\n    ...ApiTokenFields\n  }\n}\n\nmutation CreateApiToken($name: String!, $scope: ApiTokenScope!, $expiresInDays: Int!) {\n  createApiToken(name: $name, scope: $scope, expiresInDays: $expiresInDays) {\n    secret\n    token {\n      ...ApiTokenFields\n    }\n  }\n}\n\nmutation RevokeApiToken($id: ID!) {\n  revokeApiToken(id: $id) {\n    ...ApiTokenFields\n  }\n}": typeof types.ApiTokenFieldsFragmentDoc,
    "query ChannelsAndEvaluations($first: Int!) {\n  channels {\n    name\n    release\n    state\n    tracked\n    headRevision\n    headUpdatedAt\n  }\n  evaluations(first: $first) {\n    id\n    channel\n    revision\n    status\n    finishedAt\n    counts\n  }\n}": typeof types.ChannelsAndEvaluationsDocument,
    "query CvePage($id: String!) {\n  cve(id: $id) {\n    id\n    state\n    title\n    description\n    assignerShortName\n    datePublished\n    dateReserved\n    dateUpdated\n    maxBaseScore\n    nvdStatus\n    sources\n    metrics {\n      source\n      scoredBy\n      cvssVersion\n      baseScore\n      severity\n      vector\n    }\n    problemTypes {\n      source\n      cweId\n      description\n    }\n    affected {\n      source\n      containerKind\n      providerShortName\n      vendor\n      product\n      packageName\n      repo\n      collectionUrl\n      defaultStatus\n      platforms\n      cpes\n      versions {\n        version\n        lessThan\n        lessThanOrEqual\n        status\n        versionType\n      }\n    }\n    cpeMatches {\n      configuration\n      node\n      operator\n      negate\n      criteria\n      vulnerable\n      versionStartIncluding\n      versionStartExcluding\n      versionEndIncluding\n      versionEndExcluding\n    }\n    references {\n      url\n      name\n      source\n      tags\n    }\n    suggestion {\n      ...SuggestionFields\n    }\n  }\n}": typeof types.CvePageDocument,
    "query LatestIngestionRuns($first: Int!) {\n  ingestionRuns(first: $first) {\n    id\n    source\n    input\n    status\n    startedAt\n    finishedAt\n    counts\n    error\n  }\n}": typeof types.LatestIngestionRunsDocument,
    "query LatestJobRuns($first: Int!) {\n  jobRuns(first: $first) {\n    id\n    kind\n    status\n    attempt\n    startedAt\n    finishedAt\n    counts\n    error\n  }\n}": typeof types.LatestJobRunsDocument,
    "fragment MappingRuleFields on MappingRuleModel {\n  id\n  vendor\n  product\n  action\n  packages\n  note\n  createdBy\n  updatedAt\n}\n\nquery MappingRules {\n  mappingRules {\n    ...MappingRuleFields\n  }\n}\n\nmutation CreateMappingRule($input: MappingRuleInput!) {\n  createMappingRule(input: $input) {\n    ...MappingRuleFields\n  }\n}\n\nmutation DeleteMappingRule($id: ID!) {\n  deleteMappingRule(id: $id)\n}": typeof types.MappingRuleFieldsFragmentDoc,
    "query ServerHealth {\n  health {\n    version\n    database\n    migrationsPending\n  }\n}": typeof types.ServerHealthDocument,
    "query PendingSuggestionCount {\n  suggestions(status: \"pending\", first: 1) {\n    totalCount\n  }\n}": typeof types.PendingSuggestionCountDocument,
    "fragment SuggestedPackageFields on SuggestedPackage {\n  groupKey\n  displayAttr\n  ecosystem\n  confidence\n  verdict\n  doubt\n  knownVulnerability\n  attrs\n  maintainers\n  channels\n  reasons {\n    signal\n    rule\n    detail\n    confidence\n  }\n  links {\n    attr\n    channel\n    version\n    verdict\n    reason\n    rule\n  }\n}\n\nfragment SuggestionFields on Suggestion {\n  id\n  cveId\n  status\n  dismissalReason\n  dismissalDetail\n  dismissedBy\n  confidence\n  score\n  groupCount\n  notes\n  updatedAt\n  considered {\n    displayAttr\n    confidence\n    detail\n  }\n  packages {\n    ...SuggestedPackageFields\n  }\n}": typeof types.SuggestedPackageFieldsFragmentDoc,
    "query SuggestionQueue($status: String, $first: Int!, $after: String) {\n  suggestions(status: $status, first: $first, after: $after) {\n    totalCount\n    hasNextPage\n    endCursor\n    edges {\n      cursor\n      node {\n        ...SuggestionFields\n        cve {\n          id\n          title\n          description\n          maxBaseScore\n        }\n      }\n    }\n  }\n}": typeof types.SuggestionQueueDocument,
};
const documents: Documents = {
    "fragment ApiTokenFields on ApiToken {\n  id\n  name\n  scope\n  createdAt\n  expiresAt\n  lastUsedAt\n  revokedAt\n}\n\nquery ApiTokens {\n  apiTokens {\n    ...ApiTokenFields\n  }\n}\n\nmutation CreateApiToken($name: String!, $scope: ApiTokenScope!, $expiresInDays: Int!) {\n  createApiToken(name: $name, scope: $scope, expiresInDays: $expiresInDays) {\n    secret\n    token {\n      ...ApiTokenFields\n    }\n  }\n}\n\nmutation RevokeApiToken($id: ID!) {\n  revokeApiToken(id: $id) {\n    ...ApiTokenFields\n  }\n}": types.ApiTokenFieldsFragmentDoc,
    "query ChannelsAndEvaluations($first: Int!) {\n  channels {\n    name\n    release\n    state\n    tracked\n    headRevision\n    headUpdatedAt\n  }\n  evaluations(first: $first) {\n    id\n    channel\n    revision\n    status\n    finishedAt\n    counts\n  }\n}": types.ChannelsAndEvaluationsDocument,
    "query CvePage($id: String!) {\n  cve(id: $id) {\n    id\n    state\n    title\n    description\n    assignerShortName\n    datePublished\n    dateReserved\n    dateUpdated\n    maxBaseScore\n    nvdStatus\n    sources\n    metrics {\n      source\n      scoredBy\n      cvssVersion\n      baseScore\n      severity\n      vector\n    }\n    problemTypes {\n      source\n      cweId\n      description\n    }\n    affected {\n      source\n      containerKind\n      providerShortName\n      vendor\n      product\n      packageName\n      repo\n      collectionUrl\n      defaultStatus\n      platforms\n      cpes\n      versions {\n        version\n        lessThan\n        lessThanOrEqual\n        status\n        versionType\n      }\n    }\n    cpeMatches {\n      configuration\n      node\n      operator\n      negate\n      criteria\n      vulnerable\n      versionStartIncluding\n      versionStartExcluding\n      versionEndIncluding\n      versionEndExcluding\n    }\n    references {\n      url\n      name\n      source\n      tags\n    }\n    suggestion {\n      ...SuggestionFields\n    }\n  }\n}": types.CvePageDocument,
    "query LatestIngestionRuns($first: Int!) {\n  ingestionRuns(first: $first) {\n    id\n    source\n    input\n    status\n    startedAt\n    finishedAt\n    counts\n    error\n  }\n}": types.LatestIngestionRunsDocument,
    "query LatestJobRuns($first: Int!) {\n  jobRuns(first: $first) {\n    id\n    kind\n    status\n    attempt\n    startedAt\n    finishedAt\n    counts\n    error\n  }\n}": types.LatestJobRunsDocument,
    "fragment MappingRuleFields on MappingRuleModel {\n  id\n  vendor\n  product\n  action\n  packages\n  note\n  createdBy\n  updatedAt\n}\n\nquery MappingRules {\n  mappingRules {\n    ...MappingRuleFields\n  }\n}\n\nmutation CreateMappingRule($input: MappingRuleInput!) {\n  createMappingRule(input: $input) {\n    ...MappingRuleFields\n  }\n}\n\nmutation DeleteMappingRule($id: ID!) {\n  deleteMappingRule(id: $id)\n}": types.MappingRuleFieldsFragmentDoc,
    "query ServerHealth {\n  health {\n    version\n    database\n    migrationsPending\n  }\n}": types.ServerHealthDocument,
    "query PendingSuggestionCount {\n  suggestions(status: \"pending\", first: 1) {\n    totalCount\n  }\n}": types.PendingSuggestionCountDocument,
    "fragment SuggestedPackageFields on SuggestedPackage {\n  groupKey\n  displayAttr\n  ecosystem\n  confidence\n  verdict\n  doubt\n  knownVulnerability\n  attrs\n  maintainers\n  channels\n  reasons {\n    signal\n    rule\n    detail\n    confidence\n  }\n  links {\n    attr\n    channel\n    version\n    verdict\n    reason\n    rule\n  }\n}\n\nfragment SuggestionFields on Suggestion {\n  id\n  cveId\n  status\n  dismissalReason\n  dismissalDetail\n  dismissedBy\n  confidence\n  score\n  groupCount\n  notes\n  updatedAt\n  considered {\n    displayAttr\n    confidence\n    detail\n  }\n  packages {\n    ...SuggestedPackageFields\n  }\n}": types.SuggestedPackageFieldsFragmentDoc,
    "query SuggestionQueue($status: String, $first: Int!, $after: String) {\n  suggestions(status: $status, first: $first, after: $after) {\n    totalCount\n    hasNextPage\n    endCursor\n    edges {\n      cursor\n      node {\n        ...SuggestionFields\n        cve {\n          id\n          title\n          description\n          maxBaseScore\n        }\n      }\n    }\n  }\n}": types.SuggestionQueueDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ApiTokenFields on ApiToken {\n  id\n  name\n  scope\n  createdAt\n  expiresAt\n  lastUsedAt\n  revokedAt\n}\n\nquery ApiTokens {\n  apiTokens {\n    ...ApiTokenFields\n  }\n}\n\nmutation CreateApiToken($name: String!, $scope: ApiTokenScope!, $expiresInDays: Int!) {\n  createApiToken(name: $name, scope: $scope, expiresInDays: $expiresInDays) {\n    secret\n    token {\n      ...ApiTokenFields\n    }\n  }\n}\n\nmutation RevokeApiToken($id: ID!) {\n  revokeApiToken(id: $id) {\n    ...ApiTokenFields\n  }\n}"): typeof import('./graphql').ApiTokenFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ChannelsAndEvaluations($first: Int!) {\n  channels {\n    name\n    release\n    state\n    tracked\n    headRevision\n    headUpdatedAt\n  }\n  evaluations(first: $first) {\n    id\n    channel\n    revision\n    status\n    finishedAt\n    counts\n  }\n}"): typeof import('./graphql').ChannelsAndEvaluationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CvePage($id: String!) {\n  cve(id: $id) {\n    id\n    state\n    title\n    description\n    assignerShortName\n    datePublished\n    dateReserved\n    dateUpdated\n    maxBaseScore\n    nvdStatus\n    sources\n    metrics {\n      source\n      scoredBy\n      cvssVersion\n      baseScore\n      severity\n      vector\n    }\n    problemTypes {\n      source\n      cweId\n      description\n    }\n    affected {\n      source\n      containerKind\n      providerShortName\n      vendor\n      product\n      packageName\n      repo\n      collectionUrl\n      defaultStatus\n      platforms\n      cpes\n      versions {\n        version\n        lessThan\n        lessThanOrEqual\n        status\n        versionType\n      }\n    }\n    cpeMatches {\n      configuration\n      node\n      operator\n      negate\n      criteria\n      vulnerable\n      versionStartIncluding\n      versionStartExcluding\n      versionEndIncluding\n      versionEndExcluding\n    }\n    references {\n      url\n      name\n      source\n      tags\n    }\n    suggestion {\n      ...SuggestionFields\n    }\n  }\n}"): typeof import('./graphql').CvePageDocument;
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
export function graphql(source: "fragment MappingRuleFields on MappingRuleModel {\n  id\n  vendor\n  product\n  action\n  packages\n  note\n  createdBy\n  updatedAt\n}\n\nquery MappingRules {\n  mappingRules {\n    ...MappingRuleFields\n  }\n}\n\nmutation CreateMappingRule($input: MappingRuleInput!) {\n  createMappingRule(input: $input) {\n    ...MappingRuleFields\n  }\n}\n\nmutation DeleteMappingRule($id: ID!) {\n  deleteMappingRule(id: $id)\n}"): typeof import('./graphql').MappingRuleFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ServerHealth {\n  health {\n    version\n    database\n    migrationsPending\n  }\n}"): typeof import('./graphql').ServerHealthDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PendingSuggestionCount {\n  suggestions(status: \"pending\", first: 1) {\n    totalCount\n  }\n}"): typeof import('./graphql').PendingSuggestionCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment SuggestedPackageFields on SuggestedPackage {\n  groupKey\n  displayAttr\n  ecosystem\n  confidence\n  verdict\n  doubt\n  knownVulnerability\n  attrs\n  maintainers\n  channels\n  reasons {\n    signal\n    rule\n    detail\n    confidence\n  }\n  links {\n    attr\n    channel\n    version\n    verdict\n    reason\n    rule\n  }\n}\n\nfragment SuggestionFields on Suggestion {\n  id\n  cveId\n  status\n  dismissalReason\n  dismissalDetail\n  dismissedBy\n  confidence\n  score\n  groupCount\n  notes\n  updatedAt\n  considered {\n    displayAttr\n    confidence\n    detail\n  }\n  packages {\n    ...SuggestedPackageFields\n  }\n}"): typeof import('./graphql').SuggestedPackageFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SuggestionQueue($status: String, $first: Int!, $after: String) {\n  suggestions(status: $status, first: $first, after: $after) {\n    totalCount\n    hasNextPage\n    endCursor\n    edges {\n      cursor\n      node {\n        ...SuggestionFields\n        cve {\n          id\n          title\n          description\n          maxBaseScore\n        }\n      }\n    }\n  }\n}"): typeof import('./graphql').SuggestionQueueDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
