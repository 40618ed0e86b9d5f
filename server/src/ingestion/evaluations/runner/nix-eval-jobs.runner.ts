import { ChildProcess, spawn } from 'node:child_process';
import { NixEvalJobsError } from './nix-eval-jobs.error';
import { consumeLines } from './line-queue';
import { releaseExpression } from './release-expression';
import { StderrTail } from './stderr-tail';

export { NixEvalJobsError } from './nix-eval-jobs.error';

export interface NixEvalJobsOptions {
  /** Defaults to `nix-eval-jobs` on PATH. */
  program?: string;
  /** Extra arguments, placed before the expression. */
  args?: string[];
  /** A Nixpkgs worktree. */
  nixpkgsPath: string;
  /** Defaults to releaseExpression(nixpkgsPath). */
  expression?: string;
  workers: number;
  /** Per worker; nix-eval-jobs restarts a worker that grows past it. */
  maxMemoryMiB: number;
  /** Without it, nix-eval-jobs registers no GC roots and a concurrent GC may delete the .drv files. */
  gcRootsDir?: string;
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Aborting kills nix-eval-jobs and its workers; the run then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** After an abort, how long nix-eval-jobs gets to exit on SIGTERM before SIGKILL. */
  killGraceMs?: number;
  onLine: (line: string, lineNumber: number) => Promise<void>;
}

export interface RunResult {
  /** 'crashed': killed by a signal (e.g. the OOM killer) or failed reporting it ran out of memory. */
  status: 'completed' | 'failed' | 'crashed';
  exitCode: number | null;
  signal: string | null;
  /** Lines handed to onLine. */
  lines: number;
  stderrTail: string;
  durationMs: number;
}

export const STDERR_TAIL_BYTES = 64 * 1024;
const OUT_OF_MEMORY = /out of memory|std::bad_alloc|cannot allocate memory/i;

export function nixEvalJobsArgs(options: NixEvalJobsOptions): string[] {
  for (const [name, value] of [['workers', options.workers], ['maxMemoryMiB', options.maxMemoryMiB]] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new NixEvalJobsError(`nix-eval-jobs: ${name} must be a positive integer, not ${value}`);
    }
  }
  return [
    '--meta',
    // The dependency graph (inputDrvs) is only printed on request since nix-eval-jobs 2.26.
    '--show-input-drvs',
    // Hydra's way: release.nix does not mark its package sets with recurseIntoAttrs.
    '--force-recurse',
    '--workers',
    String(options.workers),
    '--max-memory-size',
    String(options.maxMemoryMiB),
    ...(options.gcRootsDir ? ['--gc-roots-dir', options.gcRootsDir] : []),
    ...(options.args ?? []),
    '--expr',
    options.expression ?? releaseExpression(options.nixpkgsPath),
  ];
}

/** Runs nix-eval-jobs and streams its stdout to onLine, line by line, holding it back while onLine works. */
export async function runNixEvalJobs(options: NixEvalJobsOptions): Promise<RunResult> {
  const program = options.program ?? 'nix-eval-jobs';
  const args = nixEvalJobsArgs(options);
  const { signal } = options;
  signal?.throwIfAborted();
  const startedAt = performance.now();
  // Its own process group, so that an abort also reaches the evaluation workers it forks.
  const child = spawn(program, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  await started(child, program);

  const stderr = new StderrTail(STDERR_TAIL_BYTES, OUT_OF_MEMORY);
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
  const closed = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('close', (code, exitSignal) => resolve([code, exitSignal])),
  );
  let exited = false;
  const kill = (killSignal: NodeJS.Signals) => {
    if (!exited) killGroup(child, killSignal);
  };
  child.once('exit', () => {
    // Workers left by a master that died (e.g. to the OOM killer) are useless and would hold stdout open.
    kill('SIGKILL');
    // Later kills could hit an unrelated group once the pid is reused.
    exited = true;
  });
  const consumer = consumeLines(child.stdout!, options.onLine);
  let killTimer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    consumer.stop();
    kill('SIGTERM');
    killTimer = setTimeout(() => kill('SIGKILL'), options.killGraceMs ?? 5000);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort(); // aborted while starting: the event has passed

  try {
    const lines = await consumer.done.catch((error: unknown) => {
      kill('SIGKILL');
      throw error;
    });
    const [exitCode, exitSignal] = await closed;
    signal?.throwIfAborted();
    return {
      status: statusOf(exitCode, exitSignal, stderr.sawPattern),
      exitCode,
      signal: exitSignal,
      lines,
      stderrTail: stderr.text(),
      durationMs: Math.round(performance.now() - startedAt),
    };
  } finally {
    await closed;
    clearTimeout(killTimer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function statusOf(exitCode: number | null, exitSignal: string | null, sawOutOfMemory: boolean): RunResult['status'] {
  if (exitSignal !== null) return 'crashed';
  if (exitCode === 0) return 'completed';
  return sawOutOfMemory ? 'crashed' : 'failed';
}

function started(child: ChildProcess, program: string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (child.pid !== undefined) return; // after the start (a failed kill): the exit tells the rest
      const cause = { cause: error };
      reject(
        error.code === 'ENOENT'
          ? new NixEvalJobsError(
              `nix-eval-jobs not found: install it (nixpkgs#nix-eval-jobs) or set NIXSEC_NIX_EVAL_JOBS (tried "${program}")`,
              cause,
            )
          : new NixEvalJobsError(`nix-eval-jobs could not be started ("${program}"): ${error.message}`, cause),
      );
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // ESRCH: the whole group has exited already.
  }
}
