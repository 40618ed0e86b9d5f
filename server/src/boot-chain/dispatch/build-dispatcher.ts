import * as fs from 'node:fs';
import * as path from 'node:path';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pgPool } from '../../database/pg-pool';
import { withClusterSlot } from '../../jobs/cluster-slots';
import { JobContext, JobQueueService } from '../../jobs/job-queue.service';
import { BootChainError } from '../boot-chain.error';
import { BootChainService } from '../boot-chain.service';
import { importFromBinaryCache } from '../builders/binary-cache-import';
import { importFromHydra } from '../builders/hydra-import';
import { NixBuildRunner, RebuildDifference } from '../builders/nix-build-runner';

export const BUILD_JOB = 'boot-chain.build';
export const CACHE_IMPORT_JOB = 'boot-chain.import-cache';

interface BuildJobData {
  buildId: string;
}

interface CacheImportJobData {
  targetId: number;
  builderId: number;
}

const BUILDING_KINDS = ['local', 'ssh-ng'];
const IMPORTING_KINDS = ['binary-cache', 'hydra'];

/**
 * Builds in dependency order through the job queue: every derivation waits until its inputs are
 * built on the same builder, then one job builds it. A builder runs at most `maxConcurrent` builds
 * at once across all workers; cancelled builds stop their Nix process.
 */
@Injectable()
export class BuildDispatcher implements OnModuleInit {
  private readonly logger = new Logger(BuildDispatcher.name);

  constructor(
    private readonly service: BootChainService,
    private readonly queue: JobQueueService,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.queue.register<BuildJobData>(BUILD_JOB, (data, ctx) => this.runBuild(data, ctx), { concurrency: 4, retryLimit: 1, retryDelaySeconds: 30, expireInSeconds: 23 * 3600 });
    this.queue.register<CacheImportJobData>(CACHE_IMPORT_JOB, (data, ctx) => this.importCache(data, ctx), { retryLimit: 2, retryDelaySeconds: 60 });
  }

  /** Plans the target on each builder and queues what can start now. */
  async start(targetId: number, builderIds: number[], rebuild: boolean): Promise<{ planned: number; queued: number; imports: number }> {
    await this.service.target(targetId);
    const builders = await this.service.builders.byIds(builderIds);
    const unknown = builderIds.filter((id) => !builders.some((b) => b.id === id));
    if (unknown.length) throw new BootChainError('NOT_FOUND', `no builder has id ${unknown.join(', ')}: list them with bootChainBuilders`);
    let planned = 0;
    let queued = 0;
    let imports = 0;
    for (const builder of builders) {
      if (!builder.enabled) throw new BootChainError('BAD_REQUEST', `builder ${builder.name} is disabled: enable it first`);
      if (IMPORTING_KINDS.includes(builder.kind)) {
        await this.queue.enqueue(CACHE_IMPORT_JOB, { targetId, builderId: builder.id }, { singletonKey: `${targetId}:${builder.id}` });
        imports++;
      } else if (BUILDING_KINDS.includes(builder.kind)) {
        // Attestations of these builds carry the Nix version the builder runs now.
        await this.service.detectNixVersion(builder);
        planned += await this.service.builds.plan(targetId, builder.id, rebuild);
        queued += await this.pump(targetId, builder.id);
      } else {
        throw new BootChainError('BAD_REQUEST', `builder ${builder.name} is ${builder.kind}: it submits attestations itself (POST /attestation/{drv}) and cannot be dispatched to`);
      }
    }
    return { planned, queued, imports };
  }

  async cancel(targetId: number, builderId: number | null): Promise<number> {
    await this.service.target(targetId);
    return this.service.builds.cancel(targetId, builderId);
  }

  private async pump(targetId: number, builderId: number): Promise<number> {
    const ready = await this.service.builds.promoteReady(targetId, builderId);
    for (const build of ready) await this.queue.enqueue(BUILD_JOB, { buildId: build.id });
    return ready.length;
  }

  private async runBuild({ buildId }: BuildJobData, ctx: JobContext): Promise<Record<string, number>> {
    const build = await this.service.builds.byId(buildId);
    if (!build || build.status === 'cancelled' || build.status === 'succeeded' || build.status === 'check_mismatch') return { skipped: 1 };
    const builder = await this.service.builders.byId(build.builderId);
    if (!builder) return { skipped: 1 };
    return withClusterSlot(pgPool(this.dataSource), `boot-chain-builder:${builder.id}`, builder.maxConcurrent, async (): Promise<Record<string, number>> => {
      if (!(await this.service.builds.start(buildId))) return { skipped: 1 };
      await ctx.reportProgress({ drvPath: build.drvPath, builder: builder.name });
      const outputs = await this.service.chains.outputs(build.drvPath);
      fs.mkdirSync(this.service.logDir, { recursive: true });
      const logFile = path.join(this.service.logDir, `${buildId}.log`);
      const abort = new AbortController();
      const watch = setInterval(() => {
        void this.service.builds.status(buildId).then((s) => s === 'cancelled' && abort.abort(), () => undefined);
      }, 1000);
      try {
        const outcome = await new NixBuildRunner(this.service.nix).build({
          builder,
          drvPath: build.drvPath,
          outputPaths: outputs.map((o) => o.path),
          evalStore: this.service.evalStore,
          logFile,
          signal: abort.signal,
          knownHostsFile: this.service.knownHostsFile,
        });
        if (outcome.ok) {
          const differs = outcome.rebuildDiffers;
          await this.service.attestationService.recordBuild(builder, build.drvPath, outputs, outcome.pathInfos, builder.kind === 'ssh-ng' ? 'ssh' : 'build', differs);
          // A differing check is a completed build (the output is there; no retry), reported as such.
          const note = differs ? rebuildNote(differs, outcome.pathInfos.find((p) => p.path === differs.outputPath)?.narHash) : null;
          await this.service.builds.finish(buildId, differs ? 'check_mismatch' : 'succeeded', { error: note, logTail: outcome.logTail, logFile, checked: outcome.checked });
          await this.pump(build.targetId, builder.id);
          return { built: 1, checked: outcome.checked ? 1 : 0, rebuildDiffers: differs ? 1 : 0 };
        }
        await this.service.builds.finish(buildId, outcome.status, { error: outcome.error, logTail: outcome.logTail, logFile, fodGotHash: outcome.fodGotHash, checked: outcome.checked });
        return { failed: outcome.status === 'failed' ? 1 : 0, timedOut: outcome.status === 'timed_out' ? 1 : 0, cancelled: outcome.status === 'cancelled' ? 1 : 0 };
      } catch (err) {
        const message = (err as Error).message;
        this.logger.warn(`boot-chain build ${buildId} (${build.name} on ${builder.name}): ${message}`);
        await this.service.builds.finish(buildId, 'failed', { error: message, logFile });
        throw err; // infrastructure trouble (Nix missing, store unreachable): the queue retries it
      } finally {
        clearInterval(watch);
      }
    });
  }

  private async importCache({ targetId, builderId }: CacheImportJobData, ctx: JobContext): Promise<Record<string, number>> {
    const builder = await this.service.builders.byId(builderId);
    if (!builder) return { skipped: 1 };
    const nodes = await this.service.chains.nodes(targetId);
    const outputs = nodes.flatMap((n) => n.outputs.map((o) => ({ drvPath: n.drvPath, name: o.name, path: o.path })));
    const onProgress = (done: number, total: number) => void ctx.reportProgress({ done, total });
    const result = builder.kind === 'hydra'
      ? await importFromHydra(builder, outputs, this.service.attestationService, onProgress)
      : await importFromBinaryCache(builder, builder.url, outputs, this.service.attestationService, { onProgress });
    if (result.errors.length) this.logger.warn(`cache import from ${builder.name}: ${result.errors.length} errors, first: ${result.errors[0]}`);
    return { found: result.found, missing: result.missing, invalidSignatures: result.invalidSignatures, errors: result.errors.length };
  }
}

function rebuildNote(differs: RebuildDifference, firstNarHash: string | undefined): string {
  const hashes = differs.narHash ? `: ${firstNarHash ?? 'the first build'}, then ${differs.narHash}` : '';
  return `a --check rebuild on this builder gave different bits than its first build of ${differs.outputPath}${hashes}. The derivation is not deterministic`;
}
