import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { GithubWebhookRegistry } from '../../github/webhooks/github-webhook.registry';
import type { GithubWebhookEvent } from '../../github/webhooks/github-webhook.types';
import { PrTrackingJobs } from '../pr-tracking.jobs';
import { PrTrackingService } from '../pr-tracking.service';
import { fromWebhook, WebhookPullRequest } from './pull-request-mapping';

/**
 * `pull_request` webhooks keep the PR row current between polls; a merge queues a sync (git work
 * is too slow for the 10 s GitHub waits).
 */
@Injectable()
export class PullRequestWebhooks implements OnModuleInit {
  private readonly logger = new Logger(PullRequestWebhooks.name);

  constructor(
    private readonly webhooks: GithubWebhookRegistry,
    private readonly service: PrTrackingService,
    private readonly jobs: PrTrackingJobs,
  ) {}

  onModuleInit(): void {
    this.webhooks.onEvent('pull_request', (event) => this.onPullRequest(event), 'pr-tracking.pull-request');
  }

  private async onPullRequest(event: GithubWebhookEvent): Promise<void> {
    const pr = event.payload.pull_request as WebhookPullRequest | undefined;
    const repository = event.payload.repository?.full_name;
    if (!pr || !repository || repository.toLowerCase() !== this.service.repository.toLowerCase()) return;
    const record = fromWebhook(this.service.repository, pr);
    const changed = await this.service.upsert(record);
    if (changed && record.mergeCommit) {
      await this.jobs.enqueue().catch((error: Error) => this.logger.warn(`could not queue a PR sync after #${pr.number} was merged: ${error.message}`));
    }
  }
}
