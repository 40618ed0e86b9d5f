import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { scheduleJob } from '../../jobs/cron-enqueue';
import { JobQueueService } from '../../jobs/job-queue.service';
import { WebhookDeliveryRepository } from '../webhooks/webhook-delivery.repository';

export const PRUNE_WEBHOOK_DELIVERIES_JOB = 'github.prune-webhook-deliveries';

/**
 * Keeps github_webhook_delivery to NIXSEC_WEBHOOK_RETENTION_DAYS: every request to the receiver adds
 * a row, and a busy repository sends tens of thousands a day. Once a row is gone, a replay of that
 * delivery is no longer recognised, which is why the retention has a floor of a week.
 */
@Injectable()
export class PruneWebhookDeliveriesJob implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(PruneWebhookDeliveriesJob.name);

  constructor(
    private readonly queue: JobQueueService,
    private readonly config: AppConfig,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly registry: SchedulerRegistry,
  ) {}

  onModuleInit(): void {
    this.queue.register(PRUNE_WEBHOOK_DELIVERIES_JOB, () => this.run(), { retryLimit: 2, expireInSeconds: 3600 });
  }

  onApplicationBootstrap(): void {
    const expression = this.config.get('NIXSEC_WEBHOOK_PRUNE_CRON');
    if (expression !== 'off') scheduleJob(this.registry, this.queue, this.logger, PRUNE_WEBHOOK_DELIVERIES_JOB, expression);
  }

  async run(): Promise<{ deleted: number; retentionDays: number }> {
    const retentionDays = this.config.get('NIXSEC_WEBHOOK_RETENTION_DAYS');
    const deleted = await this.deliveries.pruneOlderThan(retentionDays);
    if (deleted > 0) this.logger.log(`removed ${deleted} GitHub webhook deliveries older than ${retentionDays} days`);
    return { deleted, retentionDays };
  }
}
