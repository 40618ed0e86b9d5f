import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PAUSE_AT_QUEUED_LINES } from './line-queue';
import { NixEvalJobsError, NixEvalJobsOptions, runNixEvalJobs, STDERR_TAIL_BYTES } from './nix-eval-jobs.runner';

const NIXPKGS = '/srv/nixsec/worktrees/nixos-unstable';
const JOB_LINES = [
  '{"attr":"hello.x86_64-linux","attrPath":["hello","x86_64-linux"],"drvPath":"/nix/store/2dlbzn3rbw9wflhxbvhr1mcgkc3lj3sx-hello-2.12.1.drv","name":"hello-2.12.1","system":"x86_64-linux"}',
  '{"attr":"openssl_3.x86_64-linux","attrPath":["openssl_3","x86_64-linux"],"drvPath":"/nix/store/f5jfs8k56f3s0nnv0d6gqkqjvzgkf2ik-openssl-3.0.14.drv","name":"openssl-3.0.14","system":"x86_64-linux"}',
  '{"attr":"broken.x86_64-linux","attrPath":["broken","x86_64-linux"],"error":"error: Package ‘broken-1.0’ is marked as broken, refusing to evaluate."}',
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'nixsec-nix-eval-jobs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in nix-eval-jobs: a shell script written into the test's temp dir. */
function fakeNixEvalJobs(name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

const quoted = (lines: string[]) => lines.map((line) => `'${line.replaceAll("'", `'\\''`)}'`).join(' ');

async function run(program: string, options: Partial<NixEvalJobsOptions> = {}) {
  const received: [string, number][] = [];
  const result = await runNixEvalJobs({
    program,
    nixpkgsPath: NIXPKGS,
    workers: 4,
    maxMemoryMiB: 3072,
    onLine: async (line, lineNumber) => {
      received.push([line, lineNumber]);
    },
    ...options,
  });
  return { result, received };
}

/** Dead or a zombie: PID 1 here need not reap orphans. */
function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('runNixEvalJobs', () => {
  it('passes the evaluation arguments and streams the output lines in order', async () => {
    const program = fakeNixEvalJobs(
      'args-then-lines',
      `"${process.execPath}" -e 'console.log(JSON.stringify({ args: process.argv.slice(1), env: process.env.NIXSEC_FAKE }))' -- "$@"
printf '%s\\n' ${quoted(JOB_LINES)}
echo 'warning: evaluation warning on stderr' >&2
exit 0`,
    );
    const { result, received } = await run(program, {
      args: ['--option', 'restrict-eval', 'false'],
      gcRootsDir: '/var/lib/nixsec/gcroots',
      env: { NIXSEC_FAKE: 'yes' },
    });

    expect(result).toMatchObject({ status: 'completed', exitCode: 0, signal: null, lines: 4 });
    expect(result.stderrTail).toBe('warning: evaluation warning on stderr\n');
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    const [[argsLine, firstNumber], ...jobs] = received;
    expect(firstNumber).toBe(1);
    const { args, env } = JSON.parse(argsLine);
    expect(env).toBe('yes');
    expect(args.slice(0, -1)).toEqual([
      '--meta',
      '--show-input-drvs',
      '--force-recurse',
      '--workers',
      '4',
      '--max-memory-size',
      '3072',
      '--gc-roots-dir',
      '/var/lib/nixsec/gcroots',
      '--option',
      'restrict-eval',
      'false',
      '--expr',
    ]);
    const expression: string = args.at(-1);
    expect(expression).toContain(`import (/. + "${NIXPKGS}/pkgs/top-level/release.nix")`);
    expect(expression).toContain('allowUnfree = true;');
    expect(expression).toContain('allowInsecurePredicate = _: true;');
    expect(jobs).toEqual(JOB_LINES.map((line, i) => [line, i + 2]));
  });

  it('reports a run killed by a signal as crashed, with the lines it got', async () => {
    const program = fakeNixEvalJobs('killed', `printf '%s\\n' ${quoted(JOB_LINES.slice(0, 2))}\nkill -9 $$`);
    const { result, received } = await run(program);

    expect(result).toMatchObject({ status: 'crashed', exitCode: null, signal: 'SIGKILL', lines: 2 });
    expect(received.map(([line]) => line)).toEqual(JOB_LINES.slice(0, 2));
  });

  it('reports a non-zero exit as failed, with the end of stderr', async () => {
    const message = `error: getting status of '${NIXPKGS}/pkgs/top-level/release.nix': No such file or directory`;
    const program = fakeNixEvalJobs('fails', `echo "${message}" >&2\nexit 1`);
    const { result } = await run(program);

    expect(result).toMatchObject({ status: 'failed', exitCode: 1, signal: null, lines: 0 });
    expect(result.stderrTail).toContain(message);
  });

  it('reports running out of memory as crashed even with an exit code', async () => {
    const program = fakeNixEvalJobs(
      'out-of-memory',
      `printf '%s\\n' ${quoted(JOB_LINES.slice(0, 1))}
echo 'GC Warning: Failed to expand heap by 134217728 bytes' >&2
echo 'GC Warning: Out of Memory! Heap size: 8191 MiB. Returning NULL!' >&2
echo 'error: out of memory' >&2
exit 1`,
    );
    const { result } = await run(program);
    expect(result).toMatchObject({ status: 'crashed', exitCode: 1, signal: null, lines: 1 });
  });

  it('keeps only the last 64 KiB of stderr, yet remembers an early out-of-memory', async () => {
    const program = fakeNixEvalJobs(
      'chatty',
      `echo 'error: out of memory' >&2
i=0; while [ $i -lt 3000 ]; do echo "trace: evaluation warning $i: 'foo' is deprecated, use 'bar' instead" >&2; i=$((i+1)); done
echo 'last words' >&2
exit 1`,
    );
    const { result } = await run(program);

    expect(result.status).toBe('crashed');
    expect(Buffer.byteLength(result.stderrTail)).toBe(STDERR_TAIL_BYTES);
    expect(result.stderrTail).toMatch(/warning 2999: .*\nlast words\n$/);
    expect(result.stderrTail).not.toContain('out of memory');
  });

  it('holds back a fast producer while onLine is slow, handling one line at a time', async () => {
    const total = 1500;
    const progress = path.join(dir, 'progress');
    const padding = 'x'.repeat(1000);
    const program = fakeNixEvalJobs(
      'fast-producer',
      `i=1; while [ $i -le ${total} ]; do printf '{"n":%d,"pad":"${padding}"}\\n' $i; echo $i > '${progress}'; i=$((i+1)); done`,
    );
    let active = 0;
    let maxActive = 0;
    let maxAhead = 0;
    const numbers: number[] = [];
    const { result } = await run(program, {
      onLine: async (line, lineNumber) => {
        maxActive = Math.max(maxActive, ++active);
        expect(JSON.parse(line).n).toBe(lineNumber);
        numbers.push(lineNumber);
        if (lineNumber % 25 === 0) {
          const written = Number(readFileSync(progress, 'utf8'));
          if (Number.isInteger(written)) maxAhead = Math.max(maxAhead, written - lineNumber);
        }
        await sleep(1);
        active--;
      },
    });

    expect(result).toMatchObject({ status: 'completed', lines: total });
    expect(numbers).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(maxActive).toBe(1);
    // The producer may run ahead by the pipe buffer, the stdout stream's buffer and the queue (with
    // ~1 KiB lines about 64 + 64 + 2 × 64 lines), but not by the whole output.
    expect(maxAhead).toBeGreaterThan(PAUSE_AT_QUEUED_LINES);
    expect(maxAhead).toBeLessThan(400);
  });

  it('streams a slow producer to a slow consumer without losing lines', async () => {
    const program = fakeNixEvalJobs('slow-producer', `for n in 1 2 3 4 5; do echo "{\\"n\\":$n}"; sleep 0.05; done`);
    const received: [string, number][] = [];
    const { result } = await run(program, {
      onLine: async (line, lineNumber) => {
        await sleep(30);
        received.push([line, lineNumber]);
      },
    });
    expect(result).toMatchObject({ status: 'completed', lines: 5 });
    expect(received).toEqual([1, 2, 3, 4, 5].map((n) => [`{"n":${n}}`, n]));
  });
});

describe('runNixEvalJobs aborts and errors', () => {
  /** Prints a line, forks a long-lived "worker" (pid in a file), and waits, like nix-eval-jobs mid-run. */
  function longRunning(name: string, trapTerm = false): { program: string; workerPidFile: string } {
    const workerPidFile = path.join(dir, `${name}.worker-pid`);
    const program = fakeNixEvalJobs(
      name,
      `${trapTerm ? "trap '' TERM\n" : ''}sleep 60 &
echo $! > '${workerPidFile}'
printf '%s\\n' ${quoted(JOB_LINES.slice(0, 1))}
wait`,
    );
    return { program, workerPidFile };
  }

  it('kills nix-eval-jobs and its workers when aborted', async () => {
    const { program, workerPidFile } = longRunning('abortable');
    const controller = new AbortController();
    const lines: number[] = [];
    const running = run(program, {
      signal: controller.signal,
      onLine: async (_line, lineNumber) => {
        lines.push(lineNumber);
        controller.abort();
      },
    });

    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(lines).toEqual([1]);
    const workerPid = Number(readFileSync(workerPidFile, 'utf8'));
    await waitFor(() => !isRunning(workerPid));
  });

  it('escalates to SIGKILL when nix-eval-jobs ignores SIGTERM', async () => {
    const { program, workerPidFile } = longRunning('stubborn', true);
    const controller = new AbortController();
    const startedAt = Date.now();
    const running = run(program, {
      signal: controller.signal,
      killGraceMs: 200,
      onLine: async () => controller.abort(new Error('shutting down')),
    });

    await expect(running).rejects.toThrow('shutting down');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(200);
    const workerPid = Number(readFileSync(workerPidFile, 'utf8'));
    await waitFor(() => !isRunning(workerPid));
  });

  it('stops nix-eval-jobs aborted while it is starting', async () => {
    const { program } = longRunning('aborted-early');
    const controller = new AbortController();
    const running = run(program, { signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('does not start when the signal is already aborted', async () => {
    const program = fakeNixEvalJobs('never-started', `touch '${path.join(dir, 'started')}'`);
    await expect(run(program, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(() => readFileSync(path.join(dir, 'started'))).toThrow();
  });

  it('stops nix-eval-jobs and rejects with the error of onLine', async () => {
    const program = fakeNixEvalJobs('endless', `while :; do printf '%s\\n' ${quoted(JOB_LINES.slice(0, 1))}; done`);
    const failure = new Error('database is gone');
    await expect(
      run(program, {
        onLine: async (_line, lineNumber) => {
          if (lineNumber === 10) throw failure;
        },
      }),
    ).rejects.toBe(failure);
  });

  it.each([path.join('/nonexistent', 'nix-eval-jobs'), 'nixsec-no-such-nix-eval-jobs'])(
    'explains how to get nix-eval-jobs when %s is missing',
    async (program) => {
      await expect(run(program)).rejects.toThrow(
        new NixEvalJobsError(
          `nix-eval-jobs not found: install it (nixpkgs#nix-eval-jobs) or set NIXSEC_NIX_EVAL_JOBS (tried "${program}")`,
        ),
      );
    },
  );

  it('refuses a program that cannot be executed', async () => {
    const program = path.join(dir, 'not-executable');
    writeFileSync(program, '#!/bin/sh\n', { mode: 0o644 });
    await expect(run(program)).rejects.toThrow(/^nix-eval-jobs could not be started \(".*not-executable"\): spawn .* EACCES$/);
  });

  it.each([
    [{ workers: 0 }, 'nix-eval-jobs: workers must be a positive integer, not 0'],
    [{ maxMemoryMiB: 1.5 }, 'nix-eval-jobs: maxMemoryMiB must be a positive integer, not 1.5'],
  ])('refuses %j', async (options, message) => {
    await expect(run('nix-eval-jobs', options)).rejects.toThrow(new NixEvalJobsError(message));
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}
