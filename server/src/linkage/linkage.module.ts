import { Module } from '@nestjs/common';
import { CveSuggestionResolver, SuggestionsResolver } from './graphql/suggestions.resolver';
import { SuggestionQueryRepository } from './graphql/suggestion-query.repository';
import { LinkageJobs } from './jobs/linkage.jobs';

/** Matching CVEs to Nixpkgs packages, with explanations (issue 5). */
@Module({
  providers: [SuggestionQueryRepository, SuggestionsResolver, CveSuggestionResolver, LinkageJobs],
  exports: [LinkageJobs],
})
export class LinkageModule {}
