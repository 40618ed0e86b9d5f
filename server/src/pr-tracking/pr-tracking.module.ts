import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AdvisoriesModule } from '../advisories/advisories.module';
import { GithubModule } from '../github/github.module';
import { IngestionModule } from '../ingestion/ingestion.module';
import { AdvisoriesReader } from './advisory-fixes/advisories-reader';
import { AdvisoryFixStatus } from './advisory-fixes/advisory-fix-status';
import { EvaluationEvidenceReader } from './advisory-fixes/evaluation-evidence';
import { EvaluationFixAnnouncer } from './advisory-fixes/evaluation-fix-announcer';
import { AdvisoryFixesResolver } from './graphql/advisory-fixes.resolver';
import { AdvisoryLinksResolver } from './graphql/advisory-links.resolver';
import { LabeledIssueResolver } from './graphql/labeled-issue.resolver';
import { PullRequestResolver } from './graphql/pull-request.resolver';
import { LandingsController } from './landings.controller';
import { PrTrackingErrorFilter } from './pr-tracking.error';
import { PrTrackingJobs } from './pr-tracking.jobs';
import { PrTrackingService } from './pr-tracking.service';
import { PullRequestWebhooks } from './pull-requests/pull-request-webhooks';

/**
 * Where Nixpkgs pull requests have landed (issue 8): PRs from GitHub (poll + `pull_request`
 * webhooks), landings per branch of the configured branch graph, computed in a bare git mirror;
 * PRs linked to the advisories they mention, whose channels become fixed when a linked PR lands;
 * a fix reaching a channel (a landing, or evidence of a completed evaluation) is announced once.
 */
@Module({
  imports: [GithubModule, AdvisoriesModule, IngestionModule],
  controllers: [LandingsController],
  providers: [
    PrTrackingService,
    PrTrackingJobs,
    PullRequestWebhooks,
    PullRequestResolver,
    LabeledIssueResolver,
    AdvisoryFixStatus,
    AdvisoriesReader,
    EvaluationEvidenceReader,
    EvaluationFixAnnouncer,
    AdvisoryFixesResolver,
    AdvisoryLinksResolver,
    { provide: APP_FILTER, useClass: PrTrackingErrorFilter },
  ],
  exports: [PrTrackingService],
})
export class PrTrackingModule {}
