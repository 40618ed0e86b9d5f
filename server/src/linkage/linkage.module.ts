import { Module } from '@nestjs/common';
import { CveQueryRepository } from '../ingestion/graphql/cve-query.repository';
import { CveSuggestionResolver, SuggestionsResolver } from './graphql/suggestions.resolver';
import { SuggestionQueryRepository } from './graphql/suggestion-query.repository';
import { LinkageJobs } from './jobs/linkage.jobs';
import { MappingRulesResolver } from './graphql/mapping-rules.resolver';

/** Matching CVEs to Nixpkgs packages, with explanations (issue 5). */
@Module({
  providers: [CveQueryRepository, SuggestionQueryRepository, SuggestionsResolver, CveSuggestionResolver, MappingRulesResolver, LinkageJobs],
  exports: [LinkageJobs],
})
export class LinkageModule {}
