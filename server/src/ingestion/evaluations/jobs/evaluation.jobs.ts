import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { pgPool } from '../../../database/pg-pool';
import { JobContext, JobQueueService } from '../../../jobs/job-queue.service';
import { parseChannelName } from '../../channels/channel-name';
import { ChannelSync } from '../channel-sync';
import { EvaluationEvents } from '../evaluation-events';
import { EvaluationGc } from '../evaluation-gc';
import { EvaluationImporter } from '../evaluation-importer';
import { nixEvalJobsLines } from '../nix-eval-jobs.lines';
import { withNixpkgsWorktree } from '../nixpkgs-worktree';

export const CHANNEL_HEADS_JOB = 'ingestion.channel-heads';
export const EVALUATE_JOB = 'ingestion.evaluate';

export interface EvaluateJobData {
  channel: string;
  revision: string;
}

/** Channel heads → waiting evaluations → nix-eval-jobs in a worktree → import. */
@Injectable()
export class EvaluationJobs implements OnModuleInit {
  constructor(
    private readonly queue: JobQueueService,
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly events: EvaluationEvents,
  ) {}

  onModuleInit(): void {
    this.queue.register(CHANNEL_HEADS_JOB, () => this.syncChannels(), { retryLimit: 2, retryDelaySeconds: 60 });
    this.queue.register<EvaluateJobData>(EVALUATE_JOB, (data, ctx) => this.evaluate(data, ctx), {
      concurrency: this.config.get('NIXSEC_EVAL_CONCURRENCY'),
      clusterConcurrency: this.config.get('NIXSEC_EVAL_CONCURRENCY'),
      retryLimit: 1,
      retryDelaySeconds: 300,
      expireInSeconds: 6 * 3600,
    });
  }

  private async syncChannels(): Promise<Record<string, number>> {
    const result = await new ChannelSync(pgPool(this.dataSource)).sync({
      tracked: this.config.get('NIXSEC_CHANNELS'),
      monitoringUrl: this.config.get('NIXSEC_MONITORING_URL'),
      staticHeads: this.config.get('NIXSEC_STATIC_CHANNEL_HEADS'),
    });
    for (const evaluation of result.toEvaluate) {
      await this.queue.enqueue(EVALUATE_JOB, evaluation, { singletonKey: `${evaluation.channel}@${evaluation.revision}` });
    }
    return { queued: result.toEvaluate.length, skipped: result.skipped.length };
  }

  private async evaluate({ channel, revision }: EvaluateJobData, ctx: JobContext): Promise<Record<string, number>> {
    const name = parseChannelName(channel);
    if (!name) throw new Error(`${channel} is not a Nixpkgs channel`);
    const repo = this.config.get('NIXSEC_NIXPKGS_REPO');
    if (!repo) throw new Error('NIXSEC_NIXPKGS_REPO is not set: point it at a local clone of Nixpkgs to evaluate channels');
    const summary = await withNixpkgsWorktree(repo, this.config.get('NIXSEC_NIXPKGS_REMOTE'), revision, async (worktree) => {
      const output = nixEvalJobsLines({
        program: this.config.get('NIXSEC_NIX_EVAL_JOBS'),
        args: this.config.get('NIXSEC_EVAL_ARGS').split(/\s+/).filter(Boolean),
        nixpkgsPath: worktree,
        workers: this.config.get('NIXSEC_EVAL_WORKERS'),
        maxMemoryMiB: this.config.get('NIXSEC_EVAL_MAX_MEMORY_MIB'),
      });
      return new EvaluationImporter(pgPool(this.dataSource)).import(name, revision, output.lines, {
        source: 'nix-eval-jobs',
        nixpkgsRoot: worktree,
        logTail: output.logTail,
        onProgress: (c) => void ctx.reportProgress({ lines: c.lines, added: c.added, changed: c.changed, unchanged: c.unchanged }),
      });
    });
    // Older evaluations beyond NIXSEC_EVALUATIONS_KEEP per channel go once a new one is in.
    const gc = await new EvaluationGc(pgPool(this.dataSource)).collect(this.config.get('NIXSEC_EVALUATIONS_KEEP'));
    if (summary.status === 'completed') await this.events.completed({ channel, evaluationId: summary.evaluationId });
    // Counting dependants never fails the import; a failure shows as -1 here and is retried by the next import.
    const dependants: Record<string, number> = summary.dependants === undefined ? {} : { packagesWithDependants: 'error' in summary.dependants ? -1 : (summary.dependants.packages ?? 0) };
    return { ...summary.counts, ...dependants, evaluationId: summary.evaluationId, evaluationsRemoved: gc.evaluationsRemoved };
  }
}
