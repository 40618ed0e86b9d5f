import * as path from 'node:path';
import request from 'supertest';
import { PrTrackingService } from '../../server/src/pr-tracking/pr-tracking.service';
import { query } from '../auth/support';
import { REPOSITORY, startWorld, World } from '../advisories/support';
import { FakeNixpkgs } from './support';

const PULL = `query ($n: Int!) { pullRequest(number: $n) { number title body state base mergeCommit labels author landings { branch firstSeen } } }`;

/**
 * Landings computed with real git: a repository made here stands in for NixOS/nixpkgs (the
 * mirror's remote), the fake GitHub serves the pull requests, webhooks update them.
 */
describe('PR tracking: where a Nixpkgs pull request has landed', () => {
  let w: World;
  let nixpkgs: FakeNixpkgs;
  const merges: Record<number, string> = {};
  const sync = (pullRequests = true) => w.t.app.get(PrTrackingService).sync({ pullRequests });
  const landings = async (number: number) => {
    const res = await request(w.t.url).get(`/api/v1/landings/${number}`).expect(200);
    return Object.fromEntries((res.body.branches as Array<{ branch: string; firstSeen: string }>).map((b) => [b.branch, b.firstSeen]));
  };
  const branchesOf = async (number: number) => Object.keys(await landings(number)).sort();

  beforeAll(async () => {
    nixpkgs = new FakeNixpkgs();
    const tracked = ['staging', 'staging-next', 'nixos-unstable-small', 'nixos-unstable', 'nixpkgs-unstable', 'release-24.11', 'nixos-24.11-small', 'nixos-24.11', 'nixpkgs-24.11-darwin', 'staging-24.11', 'staging-next-24.11'];
    // release-23.05 is older than NIXSEC_PR_OLDEST_RELEASE, haskell-updates is not in the graph.
    for (const branch of [...tracked, 'release-23.05', 'haskell-updates']) nixpkgs.branch(branch);
    merges[101] = nixpkgs.mergePull(101, 'master', 'openssl: 3.0.14 -> 3.0.15');
    merges[102] = nixpkgs.mergePull(102, 'staging', 'zlib: 1.3 -> 1.3.1');
    merges[104] = nixpkgs.mergePull(104, 'release-24.11', 'openssl: backport fix');
    merges[106] = nixpkgs.mergePull(106, 'release-23.05', 'old release fix');
    nixpkgs.commit('haskell-updates', 'haskellPackages: update');
    nixpkgs.setBranch('nixos-unstable-small', 'master');

    w = await startWorld({
      NIXSEC_NIXPKGS_REMOTE: nixpkgs.dir,
      NIXSEC_DATA_DIR: path.join(nixpkgs.root, 'data'),
      NIXSEC_PR_SYNC_CRON: 'off',
      NIXSEC_NOTIFY_CRON: 'off',
    });
    const merged = (n: number, base: string) => ({ number: n, base, state: 'closed' as const, merged_at: new Date().toISOString(), closed_at: new Date().toISOString(), merge_commit_sha: merges[n] });
    w.fake.github.addPull(REPOSITORY, { ...merged(101, 'master'), title: 'openssl: 3.0.14 -> 3.0.15', labels: ['1.severity: security'], user: 'thillux' });
    w.fake.github.addPull(REPOSITORY, merged(102, 'staging'));
    w.fake.github.addPull(REPOSITORY, { number: 103, title: 'still open', merge_commit_sha: 'f'.repeat(40) });
    w.fake.github.addPull(REPOSITORY, merged(104, 'release-24.11'));
    w.fake.github.addPull(REPOSITORY, merged(106, 'release-23.05'));
    // Updated before the first sync's look-back window: never read.
    w.fake.github.addPull(REPOSITORY, { number: 90, updated_at: '2020-01-01T00:00:00Z' });
  });
  afterAll(async () => {
    await w?.close();
    nixpkgs?.remove();
  });

  it('reads the pull requests from GitHub and finds each merge commit on the tracked branches', async () => {
    const summary = await sync();
    expect(summary).toMatchObject({ pullRequestsRead: 5, branches: 12, pullRequestsChecked: 4, forcePushed: 0 });
    expect(await branchesOf(101)).toEqual(['master', 'nixos-unstable-small']);
    expect(await branchesOf(102)).toEqual(['staging']);
    expect(await branchesOf(103)).toEqual([]);
    expect(await branchesOf(104)).toEqual(['release-24.11']);
    // The old release and haskell-updates are not fetched, so nothing lands there.
    expect(await branchesOf(106)).toEqual([]);
    const heads = await query(w.t, `SELECT branch FROM branch_head ORDER BY branch`);
    expect(heads.map((h) => h.branch)).not.toContain('release-23.05');
    expect(heads.map((h) => h.branch)).not.toContain('haskell-updates');
    await request(w.t.url).get('/api/v1/landings/90').expect(404);

    const { data, errors } = await w.anonymous(PULL, { n: 101 });
    expect(errors).toBeUndefined();
    expect(data.pullRequest).toMatchObject({ number: 101, title: 'openssl: 3.0.14 -> 3.0.15', state: 'merged', base: 'master', mergeCommit: merges[101], labels: ['1.severity: security'], author: 'thillux' });
    expect(data.pullRequest.landings.map((l: any) => l.branch).sort()).toEqual(['master', 'nixos-unstable-small']);
    expect((await w.anonymous(PULL, { n: 103 })).data.pullRequest).toMatchObject({ state: 'open', mergeCommit: null, landings: [] });

    // Label tracking: the security-labelled PRs (NIXSEC_PR_LABELS) with their landings.
    const labeled = await w.anonymous(`{ labeledPullRequests { edges { node { number landings { branch } } } hasNextPage } }`);
    expect(labeled.errors).toBeUndefined();
    expect(labeled.data.labeledPullRequests).toEqual({
      edges: [{ node: { number: 101, landings: expect.arrayContaining([{ branch: 'master' }, { branch: 'nixos-unstable-small' }]) } }],
      hasNextPage: false,
    });
    expect((await w.anonymous(`{ labeledPullRequests(labels: ["nothing"]) { edges { node { number } } } }`)).data.labeledPullRequests.edges).toEqual([]);
  });

  it('follows only the new commits of each branch as channels advance, keeping first-seen times', async () => {
    const before = await landings(101);
    nixpkgs.commit('master', 'hello: 2.12 -> 2.12.1');
    nixpkgs.setBranch('nixos-unstable', 'nixos-unstable-small');
    nixpkgs.setBranch('nixpkgs-unstable', 'master');
    nixpkgs.setBranch('staging-next', 'staging');
    nixpkgs.setBranch('nixos-24.11-small', 'release-24.11');

    const summary = await sync(false);
    expect(summary).toMatchObject({ branchesMoved: 5, forcePushed: 0, landingsAdded: 4, landingsRemoved: 0, pullRequestsChecked: 0 });
    const after = await landings(101);
    expect(Object.keys(after).sort()).toEqual(['master', 'nixos-unstable', 'nixos-unstable-small', 'nixpkgs-unstable']);
    expect(after.master).toBe(before.master);
    expect(after['nixos-unstable-small']).toBe(before['nixos-unstable-small']);
    expect(new Date(after['nixos-unstable']).getTime()).toBeGreaterThan(new Date(before.master).getTime());
    expect(await branchesOf(102)).toEqual(['staging', 'staging-next']);
    expect(await branchesOf(104)).toEqual(['nixos-24.11-small', 'release-24.11']);

    // Nothing moved: nothing to do.
    expect(await sync(false)).toMatchObject({ branchesMoved: 0, landingsAdded: 0 });
  });

  it('recomputes a force-pushed branch: a landing its new history lacks is removed', async () => {
    const init = nixpkgs.git('rev-list', '--max-parents=0', 'master');
    nixpkgs.setBranch('nixos-unstable-small', init);
    nixpkgs.commit('nixos-unstable-small', 'a different history');

    const summary = await sync(false);
    expect(summary).toMatchObject({ branchesMoved: 1, forcePushed: 1, landingsRemoved: 1, landingsAdded: 0 });
    expect(await branchesOf(101)).toEqual(['master', 'nixos-unstable', 'nixpkgs-unstable']);

    // Back on master's history: the landing returns, first seen now.
    nixpkgs.setBranch('nixos-unstable-small', 'master');
    expect(await sync(false)).toMatchObject({ forcePushed: 1, landingsAdded: 1 });
    expect(await branchesOf(101)).toEqual(['master', 'nixos-unstable', 'nixos-unstable-small', 'nixpkgs-unstable']);
  });

  it('takes pull requests from signed pull_request webhooks; a late, older delivery changes nothing', async () => {
    merges[105] = nixpkgs.mergePull(105, 'master', 'curl: 8.10 -> 8.11');
    const pr = (updatedAt: string, title: string) => ({
      action: 'closed',
      repository: { id: 1, full_name: REPOSITORY },
      sender: { id: 7102, login: 'sam' },
      pull_request: {
        number: 105, title, body: 'Fixes CVE-2024-9681.', state: 'closed', draft: false, merged: true, merged_at: updatedAt,
        merge_commit_sha: merges[105], base: { ref: 'master' }, labels: [{ name: '1.severity: security' }], user: { login: 'tina' }, updated_at: updatedAt,
      },
    });
    const res = await w.webhook('pull_request', pr('2026-01-02T00:00:00Z', 'curl: 8.10 -> 8.11'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'processed' });
    expect((await w.webhook('pull_request', pr('2026-01-01T00:00:00Z', 'an older title'))).status).toBe(200);
    // A PR of another repository is not ours.
    await w.webhook('pull_request', { ...pr('2026-01-03T00:00:00Z', 'elsewhere'), repository: { id: 2, full_name: 'someone/else' } });

    const { data } = await w.anonymous(PULL, { n: 105 });
    expect(data.pullRequest).toMatchObject({ title: 'curl: 8.10 -> 8.11', body: 'Fixes CVE-2024-9681.', state: 'merged', author: 'tina', landings: [] });
    expect(await sync(false)).toMatchObject({ pullRequestsChecked: 1, landingsAdded: 1 });
    expect(await branchesOf(105)).toEqual(['master']);
  });

  it('answers unknown or malformed pull request numbers with what to do', async () => {
    const unknown = await request(w.t.url).get('/api/v1/landings/999999').expect(404);
    expect(unknown.body).toMatchObject({ error: 'NOT_FOUND', message: expect.stringMatching(/NixOS\/nixpkgs#999999 is not tracked/) });
    const malformed = await request(w.t.url).get('/api/v1/landings/abc').expect(400);
    expect(malformed.body.message).toMatch(/not a pull request number/);
    expect((await w.anonymous(PULL, { n: 999999 })).data.pullRequest).toBeNull();
  });
});
