import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createServer, Server } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { CHANNEL_HEADS_JOB } from '../../server/src/ingestion/evaluations/jobs/evaluation.jobs';
import { JobQueueService } from '../../server/src/jobs/job-queue.service';
import { startTestApp, TestApp } from '../../server/src/testing/test-app';
import { gql } from './support';

const SAMPLE = path.join(__dirname, '..', 'fixtures', 'nixpkgs', 'eval-sample.jsonl');

/** A local Nixpkgs stand-in: a git repository whose commits are the channel heads. */
function makeRepo(): { dir: string; commit(message: string): string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixpkgs-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'master');
  git('config', 'user.email', 'test@example.invalid');
  git('config', 'user.name', 'test');
  fs.mkdirSync(path.join(dir, 'pkgs', 'top-level'), { recursive: true });
  return {
    dir,
    commit(message) {
      fs.writeFileSync(path.join(dir, 'pkgs', 'top-level', 'release.nix'), `# ${message}\n{ ... }: { }\n`);
      git('add', '-A');
      git('commit', '-qm', message);
      return git('rev-parse', 'HEAD');
    },
  };
}

/**
 * A fake nix-eval-jobs: records its arguments and working tree, then streams the real sample; in
 * "crash" mode it stops after 10 lines with SIGKILL, as the OOM killer would.
 */
function fakeNixEvalJobs(dir: string): { program: string; mode(m: 'ok' | 'crash'): void; calls(): string[][] } {
  const program = path.join(dir, 'nix-eval-jobs');
  const modeFile = path.join(dir, 'mode');
  const callsFile = path.join(dir, 'calls');
  fs.writeFileSync(
    program,
    `#!/bin/sh
printf '%s\\n' "$*" >> '${callsFile}'
if [ "$(cat '${modeFile}')" = crash ]; then head -n 10 '${SAMPLE}'; echo 'error: out of memory' >&2; kill -9 $$; fi
cat '${SAMPLE}'
`,
    { mode: 0o755 },
  );
  fs.writeFileSync(modeFile, 'ok');
  return {
    program,
    mode: (m) => fs.writeFileSync(modeFile, m),
    calls: () => (fs.existsSync(callsFile) ? fs.readFileSync(callsFile, 'utf8').trim().split('\n').map((l) => l.split(' ')) : []),
  };
}

/** The NixOS monitoring's Prometheus API, answering `channel_revision` and `channel_update_time`. */
async function fakeMonitoring(heads: () => Record<string, string>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const query = new URL(req.url!, 'http://x').searchParams.get('query');
    const result = Object.entries(heads()).map(([channel, revision]) =>
      query === 'channel_revision'
        ? { metric: { __name__: 'channel_revision', channel, revision, status: channel === 'nixos-unstable' ? 'rolling' : 'stable' }, value: [1732406400, '1'] }
        : { metric: { __name__: 'channel_update_time', channel }, value: [1732406400, '1732400000'] },
    );
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

async function waitForEvaluation(t: TestApp, revision: string, statuses: string[]): Promise<any> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { evaluations } = await gql(t, `{ evaluations(channel: "nixos-unstable") { revision status counts logTail error } }`);
    const evaluation = evaluations.find((e: any) => e.revision === revision);
    if (evaluation && statuses.includes(evaluation.status)) return evaluation;
    if (Date.now() > deadline) throw new Error(`evaluation of ${revision} never reached ${statuses}: ${JSON.stringify(evaluations)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('channel heads → evaluation with nix-eval-jobs → import', () => {
  let t: TestApp;
  let monitoring: { url: string; server: Server };
  const repo = makeRepo();
  const fake = fakeNixEvalJobs(fs.mkdtempSync(path.join(os.tmpdir(), 'fake-nej-')));
  const heads: Record<string, string> = {};

  beforeAll(async () => {
    heads['nixos-unstable'] = repo.commit('first');
    heads['nixos-24.11'] = heads['nixos-unstable'];
    heads['nixos-20.03-aarch64'] = heads['nixos-unstable'];
    monitoring = await fakeMonitoring(() => heads);
    t = await startTestApp({
      env: {
        NIXSEC_RUN_JOBS: 'true',
        NIXSEC_MONITORING_URL: monitoring.url,
        NIXSEC_CHANNELS: 'nixos-unstable',
        NIXSEC_NIXPKGS_REPO: repo.dir,
        NIXSEC_NIX_EVAL_JOBS: fake.program,
        NIXSEC_EVAL_WORKERS: '3',
        NIXSEC_EVAL_ARGS: '--option allow-import-from-derivation false',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    monitoring.server.close();
  });

  it('a moved head of a tracked channel is evaluated in a worktree and imported; untracked channels are only recorded', async () => {
    await t.app.get(JobQueueService).enqueue(CHANNEL_HEADS_JOB, {});
    const evaluation = await waitForEvaluation(t, heads['nixos-unstable'], ['completed', 'failed', 'crashed']);
    expect(evaluation).toMatchObject({ status: 'completed', error: null });
    expect(evaluation.counts).toMatchObject({ lines: 94, added: 94 });

    const [args] = fake.calls();
    expect(args).toEqual(expect.arrayContaining(['--meta', '--workers', '3', '--expr', '--option', 'allow-import-from-derivation', 'false']));
    const { channels } = await gql(t, `{ channels { name tracked state headRevision } }`);
    expect(channels).toEqual(
      expect.arrayContaining([
        { name: 'nixos-unstable', tracked: true, state: 'unstable', headRevision: heads['nixos-unstable'] },
        { name: 'nixos-24.11', tracked: false, state: 'stable', headRevision: heads['nixos-unstable'] },
      ]),
    );
    expect(channels.map((c: any) => c.name)).not.toContain('nixos-20.03-aarch64');
    const { evaluations } = await gql(t, `{ evaluations { channel } }`);
    expect(evaluations.map((e: any) => e.channel)).toEqual(['nixos-unstable']);
    const worktrees = execFileSync('git', ['-C', repo.dir, 'worktree', 'list'], { encoding: 'utf8' }).trim().split('\n');
    expect(worktrees).toHaveLength(1); // the evaluation's worktree was removed
  });

  it('an evaluation whose nix-eval-jobs is killed is marked crashed with its log, and nothing of it becomes visible', async () => {
    const before = await gql(t, `{ package(attr: "AMB-plugins", channel: "nixos-unstable") { version derivations { drvPath } } }`);
    fake.mode('crash');
    heads['nixos-unstable'] = repo.commit('second');
    await t.app.get(JobQueueService).enqueue(CHANNEL_HEADS_JOB, {});
    const evaluation = await waitForEvaluation(t, heads['nixos-unstable'], ['crashed', 'failed', 'completed']);
    expect(evaluation.status).toBe('crashed');
    expect(evaluation.logTail).toContain('error: out of memory');
    expect(evaluation.error).toMatch(/nix-eval-jobs crashed after 10 lines/);
    expect(await gql(t, `{ package(attr: "AMB-plugins", channel: "nixos-unstable") { version derivations { drvPath } } }`)).toEqual(before);
  });
});
