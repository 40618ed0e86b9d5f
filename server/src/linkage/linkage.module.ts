import { Module } from '@nestjs/common';
import { CveQueryRepository } from '../ingestion/graphql/cve-query.repository';
import { CveSuggestionResolver, SuggestionsResolver } from './graphql/suggestions.resolver';
import { SuggestionQueryRepository } from './graphql/suggestion-query.repository';
import { LinkageJobs } from './jobs/linkage.jobs';
import { MappingRulesResolver } from './graphql/mapping-rules.resolver';
import { LinkageService } from './linkage.service';

/** Matching CVEs to Nixpkgs packages, with explanations (issue 5). */
@Module({
  providers: [CveQueryRepository, SuggestionQueryRepository, SuggestionsResolver, CveSuggestionResolver, MappingRulesResolver, LinkageJobs, LinkageService],
  exports: [LinkageService],
})
export class LinkageModule {}
