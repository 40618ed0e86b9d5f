import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { pgPool } from '../../database/pg-pool';
import { scheduleJob } from '../../jobs/cron-enqueue';
import { JobContext, JobQueueService } from '../../jobs/job-queue.service';
import { Linker } from '../linker';

export const LINKAGE_RUN_JOB = 'linkage.run';

export interface LinkageRunJobData {
  /** Re-link every CVE (after a rule or matcher change) instead of only new and changed ones. */
  all?: boolean;
}

/**
 * The linker as a queued job, on a short schedule: each run links only CVEs that are new or changed
 * and the CVEs that could match packages of newly completed evaluations, so most runs do nothing.
 * The worker keeps the package index in memory between runs.
 */
@Injectable()
export class LinkageJobs implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(LinkageJobs.name);
  private linker: Linker | null = null;

  constructor(
    private readonly queue: JobQueueService,
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly registry: SchedulerRegistry,
  ) {}

  onModuleInit(): void {
    this.queue.register<LinkageRunJobData>(LINKAGE_RUN_JOB, (data, ctx) => this.run(data, ctx), { retryLimit: 1, expireInSeconds: 2 * 3600 });
  }

  onApplicationBootstrap(): void {
    const expression = this.config.get('NIXSEC_LINKAGE_CRON');
    if (expression !== 'off') scheduleJob(this.registry, this.queue, this.logger, LINKAGE_RUN_JOB, expression);
  }

  /** Queues a run now (e.g. after a curated rule changed); one at a time. */
  async enqueue(data: LinkageRunJobData = {}): Promise<string | null> {
    return this.queue.enqueue(LINKAGE_RUN_JOB, data, { singletonKey: data.all ? `${LINKAGE_RUN_JOB}.all` : LINKAGE_RUN_JOB });
  }

  private async run(data: LinkageRunJobData, ctx: JobContext): Promise<Record<string, number>> {
    this.linker ??= new Linker(pgPool(this.dataSource));
    const onProgress = (p: { phase: string; done: number; total: number | null }) => void ctx.reportProgress({ done: p.done, total: p.total });
    const summary = data.all ? await this.linker.relinkAll(onProgress) : await this.linker.run(onProgress);
    return { linked: summary.linked, suggested: summary.suggested, withdrawn: summary.withdrawn, evaluationsFollowed: summary.evaluationsFollowed };
  }
}
