import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NixpkgsMirror, PER_COMMIT_LIMIT } from './nixpkgs-mirror';

const ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

describe('NixpkgsMirror against a real repository', () => {
  let root: string;
  let remote: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: remote, env: ENV, encoding: 'utf8' }).trim();
  const master: string[] = [];
  const side: string[] = [];

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-mirror-'));
    remote = path.join(root, 'remote');
    fs.mkdirSync(remote);
    git('init', '--quiet', '-b', 'master');
    for (let i = 0; i < 20; i++) {
      git('commit', '--quiet', '--allow-empty', '-m', `master ${i}`);
      master.push(git('rev-parse', 'HEAD'));
    }
    git('checkout', '--quiet', '-b', 'side', master[5]);
    for (let i = 0; i < 12; i++) {
      git('commit', '--quiet', '--allow-empty', '-m', `side ${i}\n\n(cherry picked from commit ${master[i]})`);
      side.push(git('rev-parse', 'HEAD'));
    }
    git('checkout', '--quiet', 'master');
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('fetches branches and answers ancestry the same way per commit and by one walk', async () => {
    const mirror = new NixpkgsMirror(path.join(root, 'data', 'mirror.git'), remote);
    await mirror.open();
    await mirror.open(); // idempotent
    expect((await mirror.remoteBranches()).sort()).toEqual(['master', 'side']);
    const heads = await mirror.fetch(['master', 'side']);
    expect(heads).toEqual(new Map([['master', master[19]], ['side', side[11]]]));

    const candidates = [master[0], master[5], master[6], master[19], side[0], side[11], 'f'.repeat(40), ...master.slice(10, 15)];
    expect(candidates.length).toBeGreaterThan(PER_COMMIT_LIMIT);
    const walked = await mirror.ancestorsOf(side[11], candidates);
    expect([...walked].sort()).toEqual([master[0], master[5], side[0], side[11]].sort());
    for (const batch of [candidates.slice(0, 4), candidates.slice(4, 8)]) {
      const each = await mirror.ancestorsOf(side[11], batch);
      expect([...each].sort()).toEqual(batch.filter((c) => walked.has(c)).sort());
    }
    // All found before the end of history: the walk stops early.
    expect(await mirror.ancestorsOf(master[19], master.slice(10))).toEqual(new Set(master.slice(10)));

    expect(await mirror.existingCommits([master[3], 'f'.repeat(40), 'not a sha'])).toEqual(new Set([master[3]]));
    expect((await mirror.branchesContaining(master[2], ['master', 'side'])).sort()).toEqual(['master', 'side']);
    expect(await mirror.branchesContaining(master[9], ['master', 'side'])).toEqual(['master']);
    expect([...(await mirror.commitsBetween(master[17], master[19]))].sort()).toEqual([master[18], master[19]].sort());
  });
});
