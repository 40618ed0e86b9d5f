import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { scheduleJob } from '../../jobs/cron-enqueue';
import { JobQueueService } from '../../jobs/job-queue.service';
import { NotificationFanout } from './notification-fanout';

export const NOTIFY_JOB = 'advisories.notify';

/** The fan-out as a queued job on a short schedule (NIXSEC_NOTIFY_CRON); most runs find nothing new. */
@Injectable()
export class NotificationJobs implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationJobs.name);

  constructor(
    private readonly queue: JobQueueService,
    private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly fanout: NotificationFanout,
  ) {}

  onModuleInit(): void {
    this.queue.register(NOTIFY_JOB, async () => ({ ...(await this.fanout.run()) }), { retryLimit: 2, expireInSeconds: 3600 });
  }

  onApplicationBootstrap(): void {
    const expression = this.config.get('NIXSEC_NOTIFY_CRON');
    if (expression !== 'off') scheduleJob(this.registry, this.queue, this.logger, NOTIFY_JOB, expression);
  }

  /** Queues a run now (e.g. right after a publish); a waiting run is not queued twice. */
  enqueue(): Promise<string | null> {
    return this.queue.enqueue(NOTIFY_JOB, {}, { singletonKey: NOTIFY_JOB });
  }
}
