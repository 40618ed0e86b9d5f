import * as path from 'node:path';
import request from 'supertest';
import { query } from '../auth/support';
import { PrTrackingService } from '../../server/src/pr-tracking/pr-tracking.service';
import { REPOSITORY, startWorld, World } from '../advisories/support';
import { FakeNixpkgs } from './support';

const ISSUES = `query { labeledIssues { edges { node { number title state labels htmlUrl pullRequests { number landings { branch } } } } hasNextPage } }`;
const ISSUE_PAGE = `query ($first: Int!, $after: String) { labeledIssues(first: $first, after: $after) { edges { node { number } cursor } hasNextPage endCursor } }`;
const PR_PAGE = `query ($first: Int!, $after: String) { labeledPullRequests(first: $first, after: $after) { edges { node { number } cursor } hasNextPage endCursor } }`;

describe('PR tracking: issues with the security label, and the pull requests that fix them', () => {
  let w: World;
  let nixpkgs: FakeNixpkgs;

  beforeAll(async () => {
    nixpkgs = new FakeNixpkgs();
    nixpkgs.branch('nixos-unstable-small');
    // The fix's commit message names the issue, as "fixes #150" in a Nixpkgs commit would.
    const fix = nixpkgs.mergePull(152, 'master', 'libxml2: 2.12.8 -> 2.12.9\n\nfixes #150');
    const unrelated = nixpkgs.mergePull(153, 'master', 'foo: see #1500');
    nixpkgs.setBranch('nixos-unstable-small', 'master');
    w = await startWorld({ NIXSEC_NIXPKGS_REMOTE: nixpkgs.dir, NIXSEC_DATA_DIR: path.join(nixpkgs.root, 'data'), NIXSEC_PR_SYNC_CRON: 'off', NIXSEC_NOTIFY_CRON: 'off' });
    const now = new Date().toISOString();
    const issue = (number: number, title: string, labels: string[]) => ({
      id: 9000 + number, number, title, body: 'Reported upstream.', state: 'open' as const, state_reason: null, labels, assignees: [], user: 'reporter',
      created_at: now, updated_at: now, closed_at: null,
    });
    w.fake.github.issues(REPOSITORY).push(issue(150, 'Vulnerability roundup: libxml2', ['1.severity: security']), issue(151, 'Build failure of foo', ['0.kind: build failure']));
    const merged = (number: number, sha: string, title: string) => ({ number, base: 'master', title, state: 'closed' as const, merged_at: now, closed_at: now, merge_commit_sha: sha });
    w.fake.github.addPull(REPOSITORY, merged(152, fix, 'libxml2: 2.12.8 -> 2.12.9'));
    w.fake.github.addPull(REPOSITORY, merged(153, unrelated, 'foo: update'));
  });
  afterAll(async () => {
    await w?.close();
    nixpkgs?.remove();
  });

  it('lists the labelled issues (not the others) with the pull requests naming them and where those landed', async () => {
    const summary = await w.t.app.get(PrTrackingService).sync();
    expect(summary).toMatchObject({ issuesRead: 1, issuesChanged: 1, pullRequestsRead: 2 });
    const res = await request(w.t.url).post('/graphql').send({ query: ISSUES }).expect(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.labeledIssues.hasNextPage).toBe(false);
    expect(res.body.data.labeledIssues.edges.map((e: { node: unknown }) => e.node)).toEqual([
      {
        number: 150,
        title: 'Vulnerability roundup: libxml2',
        state: 'open',
        labels: ['1.severity: security'],
        htmlUrl: `https://github.com/${REPOSITORY}/issues/150`,
        // #153 mentions #1500, not #150.
        pullRequests: [{ number: 152, landings: [{ branch: 'master' }, { branch: 'nixos-unstable-small' }] }],
      },
    ]);
  });

  it('a later change on GitHub (closed) reaches the list at the next sync; an unchanged issue is not rewritten', async () => {
    const issue = w.fake.github.issues(REPOSITORY).find((i) => i.number === 150)!;
    issue.state = 'closed';
    issue.updated_at = new Date(Date.now() + 1000).toISOString();
    const summary = await w.t.app.get(PrTrackingService).sync();
    expect(summary).toMatchObject({ issuesRead: 1, issuesChanged: 1 });
    const res = await request(w.t.url).post('/graphql').send({ query: ISSUES }).expect(200);
    expect(res.body.data.labeledIssues.edges[0].node.state).toBe('closed');
    expect(await w.t.app.get(PrTrackingService).sync()).toMatchObject({ issuesChanged: 0 });
  });

  it('pages through many labelled issues and PRs with cursors: each once, newest update first, ties by number', async () => {
    const hourAgo = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
    const at = (minute: number) => new Date(hourAgo + minute * 60_000).toISOString();
    for (let n = 0; n < 7; n++) {
      // Two pairs share an update time: the number decides, so no page boundary drops or repeats one.
      const updated = at(n < 4 ? Math.floor(n / 2) : n);
      w.fake.github.issues(REPOSITORY).push({
        id: 9300 + n, number: 300 + n, title: `Vulnerability ${n}`, body: null, state: 'open', state_reason: null, labels: ['1.severity: security'], assignees: [], user: 'reporter',
        created_at: updated, updated_at: updated, closed_at: null,
      } as never);
      w.fake.github.addPull(REPOSITORY, { number: 400 + n, title: `fix ${n}`, labels: ['1.severity: security'], updated_at: updated });
    }
    // Older than the sync checkpoint: synced from scratch (the look-back window) so they are read.
    await query(w.t, `DELETE FROM pr_sync_checkpoint`);
    await w.t.app.get(PrTrackingService).sync();

    const walk = async (q: string, key: 'labeledIssues' | 'labeledPullRequests') => {
      const seen: number[][] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const res = await w.anonymous(q, { first: 3, after });
        expect(res.errors).toBeUndefined();
        const connection = res.data[key];
        seen.push(connection.edges.map((e: { node: { number: number } }) => e.node.number));
        expect(connection.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
        if (!connection.hasNextPage) break;
        after = connection.endCursor;
      }
      return seen;
    };
    const all = (base: number) => [150, ...[6, 5, 4, 3, 2, 1, 0].map((n) => base + n)];
    const issues = await walk(ISSUE_PAGE, 'labeledIssues');
    expect(issues.map((p) => p.length)).toEqual([3, 3, 2]);
    // Issue 150 was updated just now; then 306 (newest of the old ones) … 300, 301 share a time: 301 first.
    expect(issues.flat()).toEqual(all(300));
    const prs = await walk(PR_PAGE, 'labeledPullRequests');
    expect(prs.flat()).toEqual([406, 405, 404, 403, 402, 401, 400]);

    const bad = await w.anonymous(ISSUE_PAGE, { first: 3, after: 'page-2' });
    expect(bad.errors?.[0]).toMatchObject({ message: expect.stringContaining('"page-2" is not a cursor returned by labeledIssues'), extensions: { code: 'BAD_USER_INPUT' } });
    // More than a page's worth asked: the first 200 (here all), not an error.
    const many = await w.anonymous(PR_PAGE, { first: 5000, after: null });
    expect(many.errors).toBeUndefined();
    expect(many.data.labeledPullRequests).toMatchObject({ hasNextPage: false });
    expect(many.data.labeledPullRequests.edges).toHaveLength(7);
  });
});
