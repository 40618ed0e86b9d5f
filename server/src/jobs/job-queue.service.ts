import * as os from 'node:os';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { pgPool } from '../database/pg-pool';
import { withClusterSlot } from './cluster-slots';
import { JobRunsService } from './job-runs.service';

export interface JobContext {
  runId: string;
  reportProgress(progress: Record<string, unknown>): Promise<void>;
}

/** A job handler returns counts describing what it did; they are stored on the job run. */
export type JobHandler<T> = (data: T, context: JobContext) => Promise<Record<string, number> | void>;

export interface QueueOptions {
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  /** Jobs of this kind run at once in this process. */
  concurrency?: number;
  /** Jobs of this kind run at once across every process sharing the database (advisory-lock slots). */
  clusterConcurrency?: number;
}

export interface EnqueueOptions {
  /** Jobs with the same key are not queued twice while one is waiting (e.g. scheduled runs). */
  singletonKey?: string;
  startAfterSeconds?: number;
}

interface Registration {
  handler: JobHandler<unknown>;
  options: QueueOptions;
}

/**
 * The job queue, on PostgreSQL through pg-boss, so any number of server and worker processes on
 * different machines share the work. Modules register handlers at start-up; only processes that
 * run jobs (`worker`, or `serve` with NIXSEC_RUN_JOBS) start consuming.
 */
@Injectable()
export class JobQueueService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobQueueService.name);
  private readonly registrations = new Map<string, Registration>();
  private readonly worker = `${os.hostname()}:${process.pid}`;
  private boss?: PgBoss;
  private consuming = false;

  constructor(
    private readonly config: AppConfig,
    private readonly jobRuns: JobRunsService,
    private readonly dataSource: DataSource,
  ) {}

  register<T>(kind: string, handler: JobHandler<T>, options: QueueOptions = {}): void {
    if (this.registrations.has(kind)) throw new Error(`Job kind ${kind} is registered twice`);
    this.registrations.set(kind, { handler: handler as JobHandler<unknown>, options });
  }

  /** Starts pg-boss; consumes registered queues when `consume` is true. Called once at bootstrap. */
  async start(consume: boolean): Promise<void> {
    const boss = new PgBoss({
      connectionString: this.config.get('DATABASE_URL'),
      schema: 'pgboss',
      application_name: 'nixsec-jobs',
      max: 4,
      schedule: false,
    });
    boss.on('error', (err) => this.logger.error(`job queue error: ${err.message}`));
    await boss.start();
    this.boss = boss;
    for (const [kind, { options }] of this.registrations) {
      await boss.createQueue(kind, {
        name: kind,
        retryLimit: options.retryLimit ?? 2,
        retryDelay: options.retryDelaySeconds ?? 30,
        retryBackoff: true,
        expireInSeconds: options.expireInSeconds ?? 6 * 3600,
      });
    }
    if (consume) await this.consume();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.boss) await this.start(this.shouldConsume());
  }

  private shouldConsume(): boolean {
    return this.config.get('NIXSEC_RUN_JOBS');
  }

  private async consume(): Promise<void> {
    const boss = this.requireBoss();
    this.consuming = true;
    for (const [kind, registration] of this.registrations) {
      const concurrency = registration.options.concurrency ?? 1;
      for (let i = 0; i < concurrency; i++) {
        await boss.work(kind, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async (jobs: PgBoss.JobWithMetadata<unknown>[]) => {
          for (const job of jobs) await this.execute(kind, registration, job);
        });
      }
    }
    this.logger.log(`consuming ${this.registrations.size} job queues as ${this.worker}`);
  }

  private async execute(kind: string, registration: Registration, job: PgBoss.JobWithMetadata<unknown>): Promise<void> {
    const run = await this.jobRuns.start(kind, job.id, job.retryCount + 1, this.worker);
    const context: JobContext = {
      runId: run.id,
      reportProgress: (progress) => this.jobRuns.progress(run.id, progress),
    };
    try {
      const limit = registration.options.clusterConcurrency;
      const handle = () => registration.handler(job.data, context);
      const counts = limit
        ? await withClusterSlot(pgPool(this.dataSource), `job:${kind}`, limit, handle, {
            onWait: () => context.reportProgress({ waitingFor: `one of ${limit} ${kind} slots shared by every worker` }),
          })
        : await handle();
      await this.jobRuns.finish(run.id, counts ?? {});
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.jobRuns.fail(run.id, message);
      this.logger.warn(`job ${kind} ${job.id} failed (attempt ${job.retryCount + 1}): ${message}`);
      throw err; // lets pg-boss apply the queue's retry policy
    }
  }

  async enqueue<T extends object>(kind: string, data: T, options: EnqueueOptions = {}): Promise<string | null> {
    if (!this.registrations.has(kind)) throw new Error(`No handler is registered for job kind ${kind}`);
    return this.requireBoss().send(kind, data, {
      singletonKey: options.singletonKey,
      startAfter: options.startAfterSeconds,
    });
  }

  get isConsuming(): boolean {
    return this.consuming;
  }

  private requireBoss(): PgBoss {
    if (!this.boss) throw new Error('The job queue is not started yet');
    return this.boss;
  }

  async onModuleDestroy(): Promise<void> {
    await this.boss?.stop({ graceful: true, timeout: 10_000, wait: true });
    this.boss = undefined;
  }
}
