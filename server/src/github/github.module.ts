import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { githubClientFromConfig } from './client/github-client.config';
import { GithubClient } from './client/github-client';
import { WebhookDeliveriesResolver } from './graphql/webhook-deliveries.resolver';
import { PruneWebhookDeliveriesJob } from './jobs/prune-webhook-deliveries.job';
import { GithubWebhookRegistry } from './webhooks/github-webhook.registry';
import { GithubWebhooksController } from './webhooks/github-webhooks.controller';
import { GithubWebhooksService } from './webhooks/github-webhooks.service';
import { WebhookDeliveryRepository } from './webhooks/webhook-delivery.repository';

/**
 * GitHub: the REST client (GithubClient) and the webhook receiver (POST /webhooks/github), whose
 * events other modules subscribe to through GithubWebhookRegistry.onEvent (issue 6); admins list the
 * recorded deliveries (GraphQL webhookDeliveries), pruned daily to NIXSEC_WEBHOOK_RETENTION_DAYS.
 */
@Module({
  providers: [
    { provide: GithubClient, inject: [AppConfig], useFactory: githubClientFromConfig },
    GithubWebhookRegistry,
    GithubWebhooksService,
    WebhookDeliveryRepository,
    WebhookDeliveriesResolver,
    PruneWebhookDeliveriesJob,
  ],
  controllers: [GithubWebhooksController],
  exports: [GithubClient, GithubWebhookRegistry],
})
export class GithubModule {}
