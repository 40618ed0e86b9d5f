import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

export interface NixCommandOptions {
  /** Extra environment (e.g. NIX_CONFIG, NIX_SSHOPTS) on top of the server's. */
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Every byte of stderr also goes here (the full build log). */
  logFile?: string;
  /** Bytes of stderr kept for the error message and the database. */
  tailBytes?: number;
}

export interface NixCommandResult {
  stdout: string;
  stderrTail: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
}

export class NixCommandError extends Error {
  constructor(
    message: string,
    readonly result: NixCommandResult,
  ) {
    super(message);
  }
}

/** Runs a Nix program without a shell; never throws for a non-zero exit (callers read the result). */
export function runNix(program: string, args: string[], options: NixCommandOptions = {}): Promise<NixCommandResult> {
  const tailBytes = options.tailBytes ?? 16_384;
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const log = options.logFile ? fs.createWriteStream(options.logFile, { flags: 'a' }) : null;
    const stdout: Buffer[] = [];
    let tail = Buffer.alloc(0);
    let timedOut = false;
    let aborted = false;
    const kill = () => {
      // The whole process group: nix-store forks builders that would outlive a plain kill.
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    };
    const timer = options.timeoutMs ? setTimeout(() => ((timedOut = true), kill()), options.timeoutMs) : null;
    const onAbort = () => ((aborted = true), kill());
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      log?.write(chunk);
      tail = Buffer.concat([tail, chunk]);
      if (tail.length > tailBytes) tail = tail.subarray(tail.length - tailBytes);
    });
    child.on('error', (err) => {
      if (timer) clearTimeout(timer);
      log?.end();
      reject(new Error(`cannot run ${program}: ${err.message}. Is Nix installed and on PATH (or its path configured)?`));
    });
    child.on('close', (exitCode, signal) => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      log?.end();
      resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderrTail: tail.toString('utf8'), exitCode, signal, timedOut, aborted });
    });
  });
}

/** Like runNix, but a failure is a NixCommandError carrying the last lines Nix printed. */
export async function runNixOrThrow(program: string, args: string[], options: NixCommandOptions = {}): Promise<string> {
  const result = await runNix(program, args, options);
  if (result.exitCode === 0) return result.stdout;
  const why = result.timedOut ? 'timed out' : result.aborted ? 'was cancelled' : `failed (exit code ${result.exitCode ?? '-'}, signal ${result.signal ?? '-'})`;
  const lastLines = result.stderrTail.trim().split('\n').slice(-6).join('\n');
  throw new NixCommandError(`${program} ${args.slice(0, 3).join(' ')} ${why}: ${lastLines}`, result);
}
