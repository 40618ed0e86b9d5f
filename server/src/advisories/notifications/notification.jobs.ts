import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { pgPool } from '../../database/pg-pool';
import { scheduleJob } from '../../jobs/cron-enqueue';
import { JobQueueService } from '../../jobs/job-queue.service';
import { DigestSummary, EmailDigest } from './email-digest/email-digest';
import { digestUnavailableReason } from './email-digest/smtp-mailer';
import { NotificationFanout } from './notification-fanout';

export const NOTIFY_JOB = 'advisories.notify';
export const DIGEST_JOB = 'advisories.email-digest';

/**
 * The fan-out as a queued job on a short schedule (NIXSEC_NOTIFY_CRON); most runs find nothing new.
 * The e-mail digest (NIXSEC_DIGEST_CRON, daily) when SMTP is configured.
 */
@Injectable()
export class NotificationJobs implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationJobs.name);
  readonly digest: EmailDigest;

  constructor(
    private readonly queue: JobQueueService,
    private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly fanout: NotificationFanout,
    dataSource: DataSource,
  ) {
    this.digest = new EmailDigest(pgPool(dataSource), config);
  }

  onModuleInit(): void {
    this.queue.register(NOTIFY_JOB, async () => ({ ...(await this.fanout.run()) }), { retryLimit: 2, expireInSeconds: 3600 });
    this.queue.register(DIGEST_JOB, async () => digestCounts(await this.digest.run()), { retryLimit: 2, retryDelaySeconds: 300, expireInSeconds: 3 * 3600 });
  }

  onApplicationBootstrap(): void {
    const expression = this.config.get('NIXSEC_NOTIFY_CRON');
    if (expression !== 'off') scheduleJob(this.registry, this.queue, this.logger, NOTIFY_JOB, expression);
    if (digestUnavailableReason(this.config) === null) scheduleJob(this.registry, this.queue, this.logger, DIGEST_JOB, this.config.get('NIXSEC_DIGEST_CRON'));
  }

  /** Queues a run now (e.g. right after a publish); a waiting run is not queued twice. */
  enqueue(): Promise<string | null> {
    return this.queue.enqueue(NOTIFY_JOB, {}, { singletonKey: NOTIFY_JOB });
  }
}

/**
 * The run's counts; a run in which some digests failed fails as a job (after the others were
 * sent), so the job list shows it and the queue retries the failed ones later.
 */
export function digestCounts(summary: DigestSummary): Record<string, number> {
  const { failures, ...counts } = summary;
  if (summary.failed + summary.uncertain + summary.skipped > 0) {
    const first = failures.map((f) => `GitHub user ${f.githubId}: ${f.error}`).slice(0, 3).join('; ');
    throw new Error(
      `e-mail digest: ${summary.sent} sent, ${summary.failed} failed (retried next run), ${summary.uncertain} possibly delivered (not retried), ${summary.skipped} left for the next run${first ? ` — ${first}` : ''}`,
    );
  }
  return counts;
}
