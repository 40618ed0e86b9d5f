import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import { IngestionRunStore } from '../runs/ingestion-run-store';
import { EvalLineRejectedError, EvaluationErrorLine, NormalizedDerivation } from '../nixpkgs/normalized-derivation';
import { parseEvalLine } from '../nixpkgs/normalize/eval-line.normalizer';
import { EvaluationLifecycle } from './evaluation-lifecycle';
import { EvaluationProcessError } from './evaluation-process.error';
import { EvaluationStore, MemberRow, metaSha256 } from './evaluation-store';

export interface EvalImportCounts {
  lines: number;
  unchanged: number;
  added: number;
  changed: number;
  removed: number;
  evalErrors: number;
  quarantined: number;
  newDerivations: number;
  newMeta: number;
}

export interface ChannelInfo {
  name: string;
  release: string;
  variant: string;
}

export interface EvalImportOptions {
  source: string;
  /** The evaluator's log tail, read when the evaluation ends. */
  logTail?: () => string | null;
  nixpkgsRoot?: string;
  batchSize?: number;
  onProgress?: (counts: EvalImportCounts) => void;
}

export interface EvalImportSummary {
  evaluationId: number;
  status: 'completed' | 'already-completed';
  counts: EvalImportCounts;
}

const REVISION = /^[0-9a-f]{40}$/;
const FLUSH_INTERVAL_MS = 200;

/**
 * Imports one evaluation of a channel from nix-eval-jobs lines. A line identical to the one that
 * made an attribute current is skipped without parsing, so an evaluation that changed 1% costs
 * little more than reading it. Nothing becomes visible until the whole evaluation completed.
 */
export class EvaluationImporter {
  private readonly store: EvaluationStore;
  private readonly lifecycle: EvaluationLifecycle;
  private readonly runs: IngestionRunStore;

  constructor(pool: Pool) {
    this.store = new EvaluationStore(pool);
    this.lifecycle = new EvaluationLifecycle(pool);
    this.runs = new IngestionRunStore(pool);
  }

  async import(channel: ChannelInfo, revision: string, lines: AsyncIterable<string | Buffer>, options: EvalImportOptions): Promise<EvalImportSummary> {
    if (!REVISION.test(revision)) throw new Error(`--commit ${revision}: expected a full 40-character git commit hash`);
    await this.lifecycle.ensureChannel(channel.name, channel.release, channel.variant);
    const run = await this.runs.start(`nixpkgs-eval:${channel.name}`, `${channel.name}@${revision} from ${options.source}`, null);
    const counts: EvalImportCounts = { lines: 0, unchanged: 0, added: 0, changed: 0, removed: 0, evalErrors: 0, quarantined: 0, newDerivations: 0, newMeta: 0 };
    const runCounts = () => ({ read: counts.lines, ingested: counts.added, updated: counts.changed, unchanged: counts.unchanged, deleted: counts.removed, quarantined: counts.quarantined, rejected: 0 });
    let evaluationId: number | null = null;
    // One batch is written while the next is parsed; writes stay sequential and in order.
    let writing: Promise<void> = Promise.resolve();
    try {
      const begun = await this.lifecycle.begin(channel.name, revision, options.source);
      evaluationId = begun.id;
      if (begun.alreadyCompleted) {
        await this.runs.finish(run.id, runCounts(), revision);
        return { evaluationId, status: 'already-completed', counts };
      }
      const { attrByLineSha, attrs: current } = await this.store.currentMembers(channel.name);
      const seen = new Set<string>();
      const closed: string[] = [];
      let derivations: { d: NormalizedDerivation; member: MemberRow }[] = [];
      let errors: EvaluationErrorLine[] = [];
      const write = async (batch: typeof derivations, errs: EvaluationErrorLine[]) => {
        const stored = await this.store.inTransaction(async (client) => {
          const result = await this.store.storeDerivations(client, batch.map((b) => b.d));
          await this.store.addMembers(client, channel.name, evaluationId!, batch.map((b) => b.member), result);
          await this.store.addErrors(client, evaluationId!, errs);
          return result;
        });
        counts.newDerivations += stored.newDerivations;
        counts.newMeta += stored.newMeta;
        await this.runs.heartbeat(run.id, runCounts());
        options.onProgress?.(counts);
      };
      const flush = async () => {
        if (!derivations.length && !errors.length) return;
        const [batch, errs] = [derivations, errors];
        [derivations, errors] = [[], []];
        await writing;
        writing = write(batch, errs);
        writing.catch(() => undefined); // surfaced by the next await of `writing`
      };

      let lastFlush = Date.now();
      for await (const line of lines) {
        const lineNumber = ++counts.lines;
        if (!line.length) continue;
        const lineSha256 = createHash('sha256').update(line).digest();
        const unchangedAttr = attrByLineSha.get(lineSha256.toString('hex'));
        if (unchangedAttr !== undefined) {
          counts.unchanged++;
          seen.add(unchangedAttr);
          continue;
        }
        const text = typeof line === 'string' ? line : line.toString('utf8');
        if (!text.trim()) continue;
        let parsed: ReturnType<typeof parseEvalLine>;
        try {
          parsed = parseEvalLine(text, lineNumber, { last: false, nixpkgsRoot: options.nixpkgsRoot });
        } catch (err) {
          if (!(err instanceof EvalLineRejectedError)) throw err;
          counts.quarantined++;
          await this.runs.quarantine(run.id, {
            source: 'nixpkgs-eval',
            recordKey: `${channel.name}@${revision.slice(0, 12)}:${lineNumber}`,
            reason: err.reason,
            message: `${channel.name}@${revision.slice(0, 12)} ${err.message}`,
            raw: Buffer.from(text),
          });
          continue;
        }
        if (parsed.kind === 'error') {
          counts.evalErrors++;
          errors.push(parsed.error);
        } else if (seen.has(parsed.derivation.attr)) {
          counts.quarantined++;
          await this.runs.quarantine(run.id, {
            source: 'nixpkgs-eval',
            recordKey: `${channel.name}@${revision.slice(0, 12)}:${lineNumber}`,
            reason: 'wrong-schema',
            message: `${channel.name}@${revision.slice(0, 12)} line ${lineNumber}: attribute ${parsed.derivation.attr} appears twice; the first one was kept`,
            raw: Buffer.from(text),
          });
        } else {
          const d = parsed.derivation;
          seen.add(d.attr);
          if (current.has(d.attr)) {
            counts.changed++;
            closed.push(d.attr);
          } else counts.added++;
          derivations.push({ d, member: { attr: d.attr, packageAttr: d.packageAttr, drvPath: d.drvPath, metaSha256: metaSha256(d), lineSha256 } });
        }
        const pending = derivations.length + errors.length;
        // Full batches for throughput; in a mostly unchanged evaluation the few changed lines are
        // also written every FLUSH_INTERVAL_MS, so their writing overlaps the reading of the rest.
        if (pending >= (options.batchSize ?? 2000) || (pending > 0 && Date.now() - lastFlush >= FLUSH_INTERVAL_MS)) {
          lastFlush = Date.now();
          await flush();
        }
      }
      await flush();
      await writing;
      for (const attr of current) {
        if (!seen.has(attr)) {
          counts.removed++;
          closed.push(attr);
        }
      }
      await this.lifecycle.complete(channel.name, evaluationId, closed, { ...counts }, options.logTail?.() ?? null);
      await this.runs.finish(run.id, runCounts(), revision);
      return { evaluationId, status: 'completed', counts };
    } catch (err) {
      await writing.catch(() => undefined); // no batch may land after the evaluation is marked failed
      const message = (err as Error).message;
      const processError = err instanceof EvaluationProcessError ? err : null;
      if (evaluationId !== null) {
        await this.lifecycle.fail(evaluationId, processError?.status ?? 'failed', message, { ...counts }, processError?.logTail ?? options.logTail?.() ?? null);
      }
      await this.runs.fail(run.id, runCounts(), message);
      throw err;
    } finally {
      await run.release();
    }
  }
}
