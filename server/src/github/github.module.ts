import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { githubClientFromConfig } from './client/github-client.config';
import { GithubClient } from './client/github-client';
import { GithubWebhookRegistry } from './webhooks/github-webhook.registry';
import { GithubWebhooksController } from './webhooks/github-webhooks.controller';
import { GithubWebhooksService } from './webhooks/github-webhooks.service';
import { WebhookDeliveryRepository } from './webhooks/webhook-delivery.repository';

/**
 * GitHub: the REST client (GithubClient) and the webhook receiver (POST /webhooks/github), whose
 * events other modules subscribe to through GithubWebhookRegistry.onEvent (issue 6).
 */
@Module({
  providers: [
    { provide: GithubClient, inject: [AppConfig], useFactory: githubClientFromConfig },
    GithubWebhookRegistry,
    GithubWebhooksService,
    WebhookDeliveryRepository,
  ],
  controllers: [GithubWebhooksController],
  exports: [GithubClient, GithubWebhookRegistry],
})
export class GithubModule {}
