import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { scheduleJob } from '../jobs/cron-enqueue';
import { EvaluationEvents } from '../ingestion/evaluations/evaluation-events';
import { JobQueueService } from '../jobs/job-queue.service';
import { AdvisoryFixStatus } from './advisory-fixes/advisory-fix-status';
import { EvaluationFixAnnouncer } from './advisory-fixes/evaluation-fix-announcer';
import { PrTrackingService } from './pr-tracking.service';

export const PR_SYNC_JOB = 'pr-tracking.sync';
export const EVALUATION_FIXES_JOB = 'pr-tracking.evaluation-fixes';

/**
 * `pr-tracking.sync` on NIXSEC_PR_SYNC_CRON, and queued when a webhook reports a merge;
 * `pr-tracking.evaluation-fixes` queued when an evaluation completes (and run after each sync, so
 * evaluations imported outside the job are followed too).
 */
@Injectable()
export class PrTrackingJobs implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(PrTrackingJobs.name);

  constructor(
    private readonly queue: JobQueueService,
    private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly service: PrTrackingService,
    private readonly fixStatus: AdvisoryFixStatus,
    private readonly evaluationFixes: EvaluationFixAnnouncer,
    private readonly evaluations: EvaluationEvents,
  ) {}

  onModuleInit(): void {
    this.queue.register(PR_SYNC_JOB, () => this.run(), { retryLimit: 2, retryDelaySeconds: 120, expireInSeconds: 3 * 3600 });
    this.queue.register(EVALUATION_FIXES_JOB, () => this.announceEvaluationFixes(), { retryLimit: 2, retryDelaySeconds: 60, expireInSeconds: 3600 });
    this.evaluations.onCompleted(() => this.queue.enqueue(EVALUATION_FIXES_JOB, {}, { singletonKey: EVALUATION_FIXES_JOB }).then(() => undefined), EVALUATION_FIXES_JOB);
  }

  onApplicationBootstrap(): void {
    const expression = this.config.get('NIXSEC_PR_SYNC_CRON');
    if (expression !== 'off') scheduleJob(this.registry, this.queue, this.logger, PR_SYNC_JOB, expression);
  }

  /** PRs → git → landings, then advisory links and fixed channels (skipped with the sync when another runs). */
  async run(): Promise<Record<string, number>> {
    const sync = await this.service.sync();
    const fixes = sync.skipped ? {} : { ...(await this.fixStatus.run()), ...(await this.evaluationFixes.run()) };
    return Object.fromEntries(Object.entries({ ...sync, ...fixes }).filter((e): e is [string, number] => typeof e[1] === 'number'));
  }

  /** Channels fixed by the evidence of evaluations completed since the last run, announced once. */
  async announceEvaluationFixes(): Promise<Record<string, number>> {
    return { ...(await this.evaluationFixes.run()) };
  }

  enqueue(): Promise<string | null> {
    return this.queue.enqueue(PR_SYNC_JOB, {}, { singletonKey: PR_SYNC_JOB });
  }
}
