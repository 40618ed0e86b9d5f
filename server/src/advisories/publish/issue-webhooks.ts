import { Injectable, OnModuleInit } from '@nestjs/common';
import { GithubWebhookRegistry } from '../../github/webhooks/github-webhook.registry';
import type { GithubWebhookEvent } from '../../github/webhooks/github-webhook.types';
import { PublishService } from './publish.service';

interface IssuesPayload {
  issue?: { number: number; state: 'open' | 'closed' };
}

/** `issues` webhooks: closing an advisory's GitHub issue archives it; reopening publishes it again. */
@Injectable()
export class IssueWebhooks implements OnModuleInit {
  constructor(
    private readonly webhooks: GithubWebhookRegistry,
    private readonly publishing: PublishService,
  ) {}

  onModuleInit(): void {
    this.webhooks.onEvent('issues', (event) => this.onIssue(event), 'advisories.archive');
  }

  private async onIssue(event: GithubWebhookEvent): Promise<void> {
    const { issue } = event.payload as IssuesPayload;
    const repository = event.payload.repository?.full_name;
    if (!issue || !repository || !event.action) return;
    await this.publishing.onIssueEvent(repository, issue, event.action, event.payload.sender?.login ?? 'unknown');
  }
}
