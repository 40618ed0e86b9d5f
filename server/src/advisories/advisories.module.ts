import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GithubModule } from '../github/github.module';
import { CveQueryRepository } from '../ingestion/graphql/cve-query.repository';
import { AdvisoryErrorFilter } from './advisory.error';
import { CommentService } from './comments/comment.service';
import { DraftService } from './drafts/draft.service';
import { AdvisoriesController } from './feed/advisories.controller';
import { AdvisoriesResolver } from './graphql/advisories.resolver';
import { AdvisoryMutationsResolver } from './graphql/advisory-mutations.resolver';
import { SuggestionCommentsResolver } from './graphql/suggestion-comments.resolver';
import { AdvisoryQueryRepository } from './graphql/advisory-query.repository';
import { NotificationFanout } from './notifications/notification-fanout';
import { NotificationJobs } from './notifications/notification.jobs';
import { NotificationService } from './notifications/notification.service';
import { NotificationsResolver } from './notifications/notifications.resolver';
import { IssueWebhooks } from './publish/issue-webhooks';
import { PublishService } from './publish/publish.service';
import { TriageService } from './triage/triage.service';
import { UndoService } from './undo/undo.service';

/** Triage queue decisions, drafts, published advisories (GitHub issues), activity, undo, comments (issue 7). */
@Module({
  imports: [GithubModule],
  controllers: [AdvisoriesController],
  providers: [
    CveQueryRepository,
    TriageService,
    DraftService,
    PublishService,
    UndoService,
    CommentService,
    AdvisoryQueryRepository,
    AdvisoriesResolver,
    AdvisoryMutationsResolver,
    SuggestionCommentsResolver,
    IssueWebhooks,
    NotificationFanout,
    NotificationService,
    NotificationsResolver,
    NotificationJobs,
    { provide: APP_FILTER, useClass: AdvisoryErrorFilter },
  ],
  exports: [TriageService, DraftService, PublishService, AdvisoryQueryRepository, NotificationFanout],
})
export class AdvisoriesModule {}
