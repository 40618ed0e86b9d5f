import * as path from 'node:path';
import request from 'supertest';
import { PrTrackingService } from '../../server/src/pr-tracking/pr-tracking.service';
import { REPOSITORY, startWorld, World } from '../advisories/support';
import { FakeNixpkgs } from './support';

const ISSUES = `query { labeledIssues { number title state labels htmlUrl pullRequests { number landings { branch } } } }`;

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
    expect(res.body.data.labeledIssues).toEqual([
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
    expect(res.body.data.labeledIssues[0].state).toBe('closed');
    expect(await w.t.app.get(PrTrackingService).sync()).toMatchObject({ issuesChanged: 0 });
  });
});
