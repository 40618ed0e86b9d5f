import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { scheduleJob } from '../../jobs/cron-enqueue';
import { JobQueueService } from '../../jobs/job-queue.service';
import { CHANNEL_HEADS_JOB } from '../evaluations/jobs/evaluation.jobs';
import { CVE_LIST_JOB, NVD_JOB } from './cve-ingestion.jobs';

/**
 * Enqueues the daily ingestions on their cron schedules; workers do the work. The singleton key
 * keeps several servers with the same schedule from queueing the same run twice.
 */
@Injectable()
export class IngestionScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(IngestionScheduler.name);

  constructor(
    private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly queue: JobQueueService,
  ) {}

  /** Cron expressions in force, by job kind; "off" or missing means not scheduled. */
  schedules(): Record<string, string> {
    const out: Record<string, string> = {};
    const cveList = this.config.get('NIXSEC_CVE_LIST_CRON');
    if (this.config.get('NIXSEC_CVE_LIST_PATH') && cveList !== 'off') out[CVE_LIST_JOB] = cveList;
    // NVD needs the network: on by default in production only.
    const nvd = this.config.get('NIXSEC_NVD_CRON') ?? (this.config.isProduction ? '0 4 * * *' : 'off');
    if (nvd !== 'off') out[NVD_JOB] = nvd;
    // Channel heads: from the monitoring (network) by default in production, or a static list.
    const heads =
      this.config.get('NIXSEC_CHANNELS_CRON') ?? (this.config.isProduction || this.config.get('NIXSEC_STATIC_CHANNEL_HEADS') ? '*/15 * * * *' : 'off');
    if (heads !== 'off') out[CHANNEL_HEADS_JOB] = heads;
    return out;
  }

  /** When a scheduled kind runs next, or null when it is not scheduled. */
  nextRun(kind: string): Date | null {
    return this.registry.doesExist('cron', kind) ? this.registry.getCronJob(kind).nextDate().toJSDate() : null;
  }

  onApplicationBootstrap(): void {
    for (const [kind, expression] of Object.entries(this.schedules())) scheduleJob(this.registry, this.queue, this.logger, kind, expression);
  }
}
