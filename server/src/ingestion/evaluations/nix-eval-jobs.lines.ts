import { EvaluationProcessError } from './evaluation-process.error';
import { NixEvalJobsOptions, RunResult, runNixEvalJobs } from './runner/nix-eval-jobs.runner';

export interface NixEvalJobsLines {
  lines: AsyncIterable<string>;
  /** The stderr tail, once the process has ended. */
  logTail(): string | null;
}

/**
 * nix-eval-jobs output as an async iterable for the importer. The runner waits for each line to be
 * taken before it delivers the next, so a slow import slows nix-eval-jobs instead of filling memory.
 * A run that did not complete ends the iteration with EvaluationProcessError, so the import fails
 * instead of completing with half an evaluation.
 */
export function nixEvalJobsLines(options: Omit<NixEvalJobsOptions, 'onLine'>): NixEvalJobsLines {
  let result: RunResult | undefined;
  async function* lines(): AsyncIterable<string> {
    const queue: string[] = [];
    // Mutable holders: TypeScript cannot see that callbacks assign these between awaits.
    const signals: { taken: (() => void) | null; wake: (() => void) | null } = { taken: null, wake: null };
    let finished = false;
    let failure: unknown;
    void runNixEvalJobs({
      ...options,
      onLine: (line) =>
        new Promise<void>((resolve) => {
          queue.push(line);
          signals.taken = resolve;
          signals.wake?.();
        }),
    }).then(
      (r) => (result = r),
      (err) => (failure = err),
    ).finally(() => {
      finished = true;
      signals.wake?.();
    });
    for (;;) {
      if (queue.length) {
        const line = queue.shift()!;
        const release = signals.taken;
        signals.taken = null;
        release?.();
        yield line;
      } else if (finished) {
        break;
      } else {
        await new Promise<void>((resolve) => (signals.wake = resolve));
        signals.wake = null;
      }
    }
    if (failure) throw failure;
    if (result && result.status !== 'completed') {
      throw new EvaluationProcessError(
        result.status,
        `nix-eval-jobs ${result.status === 'crashed' ? 'crashed' : 'failed'} after ${result.lines} lines (exit code ${result.exitCode ?? '-'}, signal ${result.signal ?? '-'}); see the log tail`,
        result.stderrTail,
      );
    }
  }
  return { lines: lines(), logTail: () => result?.stderrTail ?? null };
}
