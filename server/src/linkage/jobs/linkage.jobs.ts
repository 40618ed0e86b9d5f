import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { pgPool } from '../../database/pg-pool';
import { scheduleJob } from '../../jobs/cron-enqueue';
import { JobContext, JobQueueService } from '../../jobs/job-queue.service';
import { Linker } from '../linker';

export const LINKAGE_RUN_JOB = 'linkage.run';
export const LINK_CVES_JOB = 'linkage.link-cves';

export interface LinkageRunJobData {
  /** Re-link every CVE (after a rule or matcher change) instead of only new and changed ones. */
  all?: boolean;
}

export interface LinkCvesJobData {
  /** The CVEs an ingestion batch just committed (at most a batch's worth). */
  ids: string[];
}

/**
 * The linker as a queued job, on a short schedule: each run links only CVEs that are new or changed
 * and the CVEs that could match packages of newly completed evaluations, so most runs do nothing.
 * `linkage.link-cves` links exactly the CVEs an ingestion batch committed, so a new CVE does not
 * wait for the schedule. The worker keeps one linker (its package index) warm for both.
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
    // Linking is idempotent (the same CVEs give the same suggestion), so a retried or repeated job is harmless.
    this.queue.register<LinkCvesJobData>(LINK_CVES_JOB, (data) => this.linkCves(data), { retryLimit: 2, retryDelaySeconds: 10, expireInSeconds: 3600 });
  }

  onApplicationBootstrap(): void {
    const expression = this.config.get('NIXSEC_LINKAGE_CRON');
    if (expression !== 'off') scheduleJob(this.registry, this.queue, this.logger, LINKAGE_RUN_JOB, expression);
  }

  /** Queues a run now (e.g. after a curated rule changed); one at a time. */
  async enqueue(data: LinkageRunJobData = {}): Promise<string | null> {
    return this.queue.enqueue(LINKAGE_RUN_JOB, data, { singletonKey: data.all ? `${LINKAGE_RUN_JOB}.all` : LINKAGE_RUN_JOB });
  }

  /** Queues `linkage.link-cves` for these CVE ids. */
  async enqueueLinkCves(ids: string[]): Promise<string | null> {
    return this.queue.enqueue<LinkCvesJobData>(LINK_CVES_JOB, { ids });
  }

  private warmLinker(): Linker {
    this.linker ??= new Linker(pgPool(this.dataSource));
    return this.linker;
  }

  private async linkCves(data: LinkCvesJobData): Promise<Record<string, number>> {
    const result = await this.warmLinker().linkIds(data.ids);
    return { requested: data.ids.length, linked: result.matches.length, suggested: result.suggested, withdrawn: result.withdrawn };
  }

  private async run(data: LinkageRunJobData, ctx: JobContext): Promise<Record<string, number>> {
    const linker = this.warmLinker();
    const onProgress = (p: { phase: string; done: number; total: number | null }) => void ctx.reportProgress({ done: p.done, total: p.total });
    const summary = data.all ? await linker.relinkAll(onProgress) : await linker.run(onProgress);
    return { linked: summary.linked, suggested: summary.suggested, withdrawn: summary.withdrawn, evaluationsFollowed: summary.evaluationsFollowed };
  }
}
