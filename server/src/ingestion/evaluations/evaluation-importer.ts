import { Pool } from 'pg';
import { IngestionRunStore } from '../runs/ingestion-run-store';
import { EvalLineRejectedError, EvaluationErrorLine } from '../nixpkgs/normalized-derivation';
import { parseEvalLine } from '../nixpkgs/normalize/eval-line.normalizer';
import { EvaluationCompletion, EvaluationLifecycle } from './evaluation-lifecycle';
import { ChannelSnapshotReader } from './channel-snapshot.reader';
import { PackageDependants } from './package-dependants';
import { EvaluationProcessError } from './evaluation-process.error';
import { EvaluationStore, metaSha256, PendingDerivation } from './evaluation-store';
import { LINE_KEY_BYTES, lineHash, LineKeys } from './line-snapshot';

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
  /** Packages with dependants after this import (PackageDependants), or why they could not be counted. */
  dependants?: { packages: number | null; seconds: number } | { error: string };
}

const REVISION = /^[0-9a-f]{40}$/;
const FLUSH_INTERVAL_MS = 200;
const EARLY_BATCH = 250;
const HEARTBEAT_INTERVAL_MS = 1000;
const YIELD_INTERVAL_MS = 2;
const MAX_SNAPSHOT_CHANGES = 3;

/** What the importer reads: lines (bytes or text), one at a time or in arrays (e.g. a chunk's worth). */
export type EvalLinesInput = AsyncIterable<string | Buffer | readonly (string | Buffer)[]>;

// Per entry of the channel's current content (LineSnapshot), what this evaluation's lines did to it.
const UNSEEN = 0;
const SAME_LINE = 1; // an identical line: the attribute stays current as it is
const REPLACED = 2; // a different line for its attribute: a new member replaces it

/** A parsed derivation line waiting for its batch. */
interface ParsedLine extends PendingDerivation {
  lineNumber: number;
  /** the line, kept while it may yet turn out to duplicate an unchanged line (for the quarantine) */
  text: string | null;
}

/**
 * Imports one evaluation of a channel from nix-eval-jobs lines. The channel's current content is
 * read once as a LineSnapshot; a line identical to the one that made an attribute current is
 * recognised by its sha256 and skipped without parsing, so an evaluation that changed 1% costs
 * little more than reading and hashing it. Which current attribute a changed line replaces is
 * looked up per batch. Nothing becomes visible until the whole evaluation completed.
 */
export class EvaluationImporter {
  private readonly store: EvaluationStore;
  private readonly snapshots: ChannelSnapshotReader;
  private readonly lifecycle: EvaluationLifecycle;
  private readonly runs: IngestionRunStore;
  private readonly dependants: PackageDependants;

  constructor(pool: Pool) {
    this.store = new EvaluationStore(pool);
    this.snapshots = new ChannelSnapshotReader(pool);
    this.lifecycle = new EvaluationLifecycle(pool);
    this.runs = new IngestionRunStore(pool);
    this.dependants = new PackageDependants(pool);
  }

  async import(channel: ChannelInfo, revision: string, lines: EvalLinesInput, options: EvalImportOptions): Promise<EvalImportSummary> {
    if (!REVISION.test(revision)) throw new Error(`--commit ${revision}: expected a full 40-character git commit hash`);
    const counts: EvalImportCounts = { lines: 0, unchanged: 0, added: 0, changed: 0, removed: 0, evalErrors: 0, quarantined: 0, newDerivations: 0, newMeta: 0 };
    const runCounts = () => ({ read: counts.lines, ingested: counts.added, updated: counts.changed, unchanged: counts.unchanged, deleted: counts.removed, quarantined: counts.quarantined, rejected: 0 });
    // Each takes a connection of its own: opening them at once divides the wait for them. What the
    // channel contains is read meanwhile (a channel not created yet contains nothing).
    const reading = this.snapshots.snapshot(channel.name);
    reading.catch(() => undefined); // surfaced once awaited
    const [ensured, started] = await Promise.allSettled([
      this.lifecycle.ensureChannel(channel.name, channel.release, channel.variant),
      this.runs.start(`nixpkgs-eval:${channel.name}`, `${channel.name}@${revision} from ${options.source}`, null),
    ]);
    if (started.status === 'rejected') throw started.reason;
    const run = started.value;
    if (ensured.status === 'rejected') {
      await this.runs.fail(run.id, runCounts(), (ensured.reason as Error).message).finally(() => run.release());
      throw ensured.reason;
    }
    let evaluationId: number | null = null;
    // One batch is written while the next is parsed; writes stay sequential and in order.
    let writing: Promise<void> = Promise.resolve();
    let writerIdle = true;
    // Opened once a batch replaces current rows: they are closed as the import goes. (A holder:
    // TypeScript cannot see that callbacks assign it between awaits.)
    const completion: { opening: Promise<EvaluationCompletion | null> | null } = { opening: null };
    const heartbeat: { last: Promise<unknown> } = { last: Promise.resolve() };
    try {
      const [begun, snapshot] = await Promise.allSettled([this.lifecycle.begin(channel.name, revision, options.source), reading]);
      if (begun.status === 'rejected') throw begun.reason;
      evaluationId = begun.value.id;
      if (begun.value.alreadyCompleted) {
        await this.runs.finish(run.id, runCounts(), revision);
        return { evaluationId, status: 'already-completed', counts };
      }
      if (snapshot.status === 'rejected') throw snapshot.reason;
      const stored = snapshot.value;
      const current = stored.lines;
      const state = new Uint8Array(current.size);
      const sameLineAt = new Float64Array(current.size); // line number of the identical line
      const parsedAttrs = new Set<string>();
      const newLines = new LineKeys();
      const closedAttrs: string[] = [];
      const writer = this.store.batchWriter(channel.name, evaluationId, { expectNew: current.size === 0 });
      const batchSize = options.batchSize ?? 2000;
      let derivations: ParsedLine[] = [];
      let errors: EvaluationErrorLine[] = [];
      let lastFlush = Date.now();
      let lastHeartbeat = 0;

      const quarantine = (lineNumber: number, reason: string, message: string, text: string) => {
        counts.quarantined++;
        return this.runs.quarantine(run.id, {
          source: 'nixpkgs-eval',
          recordKey: `${channel.name}@${revision.slice(0, 12)}:${lineNumber}`,
          reason,
          message: `${channel.name}@${revision.slice(0, 12)} ${message}`,
          raw: Buffer.from(text),
        });
      };
      // Rows a changed line replaces are closed by the transaction that will complete the evaluation
      // (opened now, committed by finish()), which tells which current line each replaced.
      if (current.size) completion.opening = this.lifecycle.openCompletion(channel.name, evaluationId);
      // Which current attribute each parsed line replaces, in line order. A line for an attribute
      // whose identical current line came earlier is a duplicate: quarantined, the first one kept.
      const resolve = async (batch: ParsedLine[]): Promise<ParsedLine[]> => {
        if (!current.size || !batch.length) {
          counts.added += batch.length;
          for (const line of batch) newLines.push(line.lineSha256);
          return batch;
        }
        const open = await completion.opening;
        const attrs = batch.map((b) => b.derivation.attr);
        const currentLines = open ? await open.replace(attrs) : await this.store.currentLines(channel.name, attrs);
        const accepted: ParsedLine[] = [];
        const duplicates: string[] = [];
        for (const line of batch) {
          const { attr } = line.derivation;
          const sha256 = currentLines.get(attr);
          const index = sha256 ? current.find(sha256) : -1;
          if (index !== -1 && state[index] === SAME_LINE && sameLineAt[index] < line.lineNumber) {
            await quarantine(line.lineNumber, 'wrong-schema', `line ${line.lineNumber}: attribute ${attr} appears twice; the first one was kept`, line.text!);
            duplicates.push(attr);
            continue;
          }
          if (sha256) {
            if (index !== -1) state[index] = REPLACED;
            counts.changed++;
            if (!open) closedAttrs.push(attr);
          } else counts.added++;
          newLines.push(line.lineSha256);
          accepted.push(line);
        }
        if (open && duplicates.length) await open.reopen(duplicates);
        return accepted;
      };
      // Batches are resolved in order, one at a time, and written in order, one at a time, on
      // another connection: the next batch is resolved while one is written. Reading waits when a
      // batch is ready and two (one, when resolving takes no query) are already on their way.
      let resolving: Promise<unknown> = Promise.resolve();
      const queued: Promise<void>[] = [];
      let active = 0;
      const flush = async () => {
        if (!derivations.length && !errors.length) return;
        const [batch, errs] = [derivations, errors];
        [derivations, errors] = [[], []];
        lastFlush = Date.now();
        while (queued.length >= (current.size ? 2 : 1)) await queued.shift();
        const resolved = resolving.then(() => resolve(batch));
        resolving = resolved.catch(() => undefined);
        const previous = queued[queued.length - 1];
        active++;
        writerIdle = false;
        const written = (async () => {
          const accepted = await resolved;
          await previous;
          const stored = await writer.write(accepted, errs);
          counts.newDerivations += stored.newDerivations;
          counts.newMeta += stored.newMeta;
          if (Date.now() - lastHeartbeat >= HEARTBEAT_INTERVAL_MS) {
            // Not waited for by the next batch; the run's end waits for it (its counts are final).
            lastHeartbeat = Date.now();
            heartbeat.last = this.runs.heartbeat(run.id, runCounts()).catch(() => undefined);
          }
          options.onProgress?.(counts);
        })().finally(() => (writerIdle = --active === 0));
        written.catch(() => undefined); // surfaced when awaited (by a later flush, or at the end)
        queued.push(written);
        writing = Promise.allSettled(queued).then(() => undefined);
      };

      let yieldedAt = performance.now();
      for await (const chunk of lines) {
        for (const line of typeof chunk === 'string' || Buffer.isBuffer(chunk) ? [chunk] : chunk) {
          const lineNumber = ++counts.lines;
          // Reading and parsing run on the thread that also drives the batch in flight: let its
          // query results in every few milliseconds, so that the database never waits for us.
          if ((lineNumber & 15) === 0 && !writerIdle && performance.now() - yieldedAt > YIELD_INTERVAL_MS) {
            await new Promise(setImmediate);
            yieldedAt = performance.now();
          }
          if (!line.length) continue;
          const sha256 = lineHash(line);
          const same = current.find(sha256);
          if (same !== -1) {
            counts.unchanged++;
            if (state[same] === UNSEEN) {
              state[same] = SAME_LINE;
              sameLineAt[same] = lineNumber;
            }
            continue;
          }
          const text = typeof line === 'string' ? line : line.toString('utf8');
          if (!text.trim()) continue;
          let parsed: ReturnType<typeof parseEvalLine>;
          try {
            parsed = parseEvalLine(text, lineNumber, { last: false, nixpkgsRoot: options.nixpkgsRoot });
          } catch (err) {
            if (!(err instanceof EvalLineRejectedError)) throw err;
            await quarantine(lineNumber, err.reason, err.message, text);
            continue;
          }
          if (parsed.kind === 'error') {
            counts.evalErrors++;
            errors.push(parsed.error);
          } else if (parsedAttrs.has(parsed.derivation.attr)) {
            const { attr } = parsed.derivation;
            await quarantine(lineNumber, 'wrong-schema', `line ${lineNumber}: attribute ${attr} appears twice; the first one was kept`, text);
          } else {
            const d = parsed.derivation;
            parsedAttrs.add(d.attr);
            derivations.push({
              derivation: d,
              metaSha256: metaSha256(d),
              lineSha256: Buffer.from(sha256, 'latin1'),
              lineNumber,
              text: current.size ? text : null, // no current lines, no such duplicate
            });
          }
          if (derivations.length + errors.length >= batchSize) await flush();
        }
        // In a mostly unchanged evaluation the few changed lines are also written whenever the
        // writer is idle and FLUSH_INTERVAL_MS passed or EARLY_BATCH of them wait, so that their
        // writing starts early and overlaps the reading of the rest.
        if (writerIdle && (derivations.length >= EARLY_BATCH || Date.now() - lastFlush >= FLUSH_INTERVAL_MS)) await flush();
      }
      await flush();
      // Once every batch is resolved, what the channel will contain is known: its snapshot is
      // written while the last batches are.
      await resolving;
      const removedKeys: Buffer[] = [];
      const notCurrent = new LineKeys(); // removed or replaced
      for (let i = 0; i < current.size; i++) {
        if (state[i] === SAME_LINE) continue;
        const key = current.keys.subarray(i * LINE_KEY_BYTES, (i + 1) * LINE_KEY_BYTES);
        if (state[i] === UNSEEN) removedKeys.push(key);
        notCurrent.push(key);
      }
      counts.removed = removedKeys.length;
      // What changed is stored (a few kB for 1%) rather than the whole 2 MB snapshot, until the
      // changes stored since the last whole one grow past a few or past 1/8 of it. A few: GC keeps
      // 5 evaluations by default, so the whole one stays.
      const changedKeys = stored.changedKeys + notCurrent.size + newLines.size;
      const whole = stored.changes >= MAX_SNAPSHOT_CHANGES || changedKeys * 8 > current.size || stored.evaluationId === null;
      const snapshotWritten = this.lifecycle.writeSnapshot(
        channel.name,
        evaluationId,
        whole
          ? { whole: current.nextKeys((i) => state[i] === SAME_LINE, newLines) }
          : { previous: stored.evaluationId!, removed: notCurrent.keys, added: newLines.keys },
      );
      try {
        while (queued.length) await queued.shift();
      } finally {
        await snapshotWritten;
      }
      const logTail = options.logTail?.() ?? null;
      const open = await completion.opening;
      completion.opening = null; // finish() commits or rolls back
      if (open) await open.finish(removedKeys, { ...counts }, logTail, snapshotWritten);
      else await this.lifecycle.complete(channel.name, evaluationId, { attrs: closedAttrs, lineKeys: removedKeys }, { ...counts }, logTail, snapshotWritten);
      await heartbeat.last;
      await this.runs.finish(run.id, runCounts(), revision);
      return { evaluationId, status: 'completed', counts, dependants: await this.refreshDependants(channel.name, evaluationId) };
    } catch (err) {
      await writing.catch(() => undefined); // no batch may land after the evaluation is marked failed
      await (await completion.opening?.catch(() => null))?.abort();
      const message = (err as Error).message;
      const processError = err instanceof EvaluationProcessError ? err : null;
      if (evaluationId !== null) {
        await this.lifecycle.fail(evaluationId, processError?.status ?? 'failed', message, { ...counts }, processError?.logTail ?? options.logTail?.() ?? null);
      }
      await heartbeat.last;
      await this.runs.fail(run.id, runCounts(), message);
      throw err;
    } finally {
      await run.release();
    }
  }

  /**
   * Once per import, after the evaluation completed: a failure here leaves the previous figures
   * (the next import recounts) and never fails the evaluation, which is complete and visible.
   */
  private async refreshDependants(channel: string, evaluationId: number): Promise<EvalImportSummary['dependants']> {
    const started = performance.now();
    try {
      return { packages: await this.dependants.refresh(channel, evaluationId), seconds: (performance.now() - started) / 1000 };
    } catch (err) {
      return { error: (err as Error).message };
    }
  }
}
