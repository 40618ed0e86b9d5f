import * as path from 'node:path';
import { PrTrackingJobs } from '../../server/src/pr-tracking/pr-tracking.jobs';
import { activity, query } from '../auth/support';
import { REPOSITORY, startWorld, World } from '../advisories/support';
import { FakeNixpkgs } from './support';

const ACCEPT = `mutation ($ids: [ID!]!) { acceptSuggestions(ids: $ids) { id version channels { channel status } } }`;
const SET_CHANNEL = `mutation ($id: ID!, $v: Int!, $c: String!, $s: String!) { setAdvisoryChannelStatus(id: $id, version: $v, channel: $c, status: $s) { version } }`;
const ADVISORY = `query ($id: ID!) { advisory(id: $id) { channels { channel status } fixes { pr branch firstSeen } fixStatus { channel state pr via } } }`;

/** A PR naming an advisory's CVE is linked to it; when it reaches a channel, that channel becomes fixed. */
describe('PR tracking: advisory fix status per channel', () => {
  let w: World;
  let nixpkgs: FakeNixpkgs;

  beforeAll(async () => {
    nixpkgs = new FakeNixpkgs();
    for (const branch of ['nixos-unstable-small', 'nixos-unstable', 'release-24.11', 'nixos-24.11']) nixpkgs.branch(branch);
    w = await startWorld({ NIXSEC_NIXPKGS_REMOTE: nixpkgs.dir, NIXSEC_DATA_DIR: path.join(nixpkgs.root, 'data'), NIXSEC_PR_SYNC_CRON: 'off', NIXSEC_NOTIFY_CRON: 'off' });
  });
  afterAll(async () => {
    await w?.close();
    nixpkgs?.remove();
  });

  it('links by CVE id and marks nixos-unstable fixed (as nixsec) once the merge commit reaches it', async () => {
    const accepted = await w.as.sam(ACCEPT, { ids: [await w.suggestionId('CVE-2023-38545')] });
    expect(accepted.errors).toBeUndefined();
    const id: string = accepted.data.acceptSuggestions.id;
    expect(accepted.data.acceptSuggestions.channels).toEqual([{ channel: 'nixos-unstable', status: 'unknown' }]);

    const merge = nixpkgs.mergePull(201, 'master', 'curl: 8.3.0 -> 8.4.0');
    const at = new Date().toISOString();
    w.fake.github.addPull(REPOSITORY, { number: 202, title: 'curl: unrelated CVE-2023-385450 typo', state: 'closed', merged_at: at, merge_commit_sha: merge });
    const res = await w.webhook('pull_request', {
      action: 'closed',
      repository: { id: 1, full_name: REPOSITORY },
      pull_request: {
        number: 201, title: 'curl: 8.3.0 -> 8.4.0', body: 'Fixes CVE-2023-38545 (SOCKS5 heap overflow).', state: 'closed', merged: true, merged_at: at,
        merge_commit_sha: merge, base: { ref: 'master' }, labels: [], user: { login: 'tina' }, updated_at: at,
      },
    });
    expect(res.status).toBe(200);
    const jobs = w.t.app.get(PrTrackingJobs);

    // On master only: linked, nothing fixed yet.
    expect(await jobs.run()).toMatchObject({ advisoryLinksAdded: 1, channelsFixed: 0 });
    let { data } = await w.as.sam(ADVISORY, { id });
    expect(data.advisory.fixes).toEqual([{ pr: 201, branch: 'master', firstSeen: expect.any(String) }]);
    expect(data.advisory.channels).toEqual([{ channel: 'nixos-unstable', status: 'unknown' }]);
    expect(data.advisory.fixStatus).toEqual([{ channel: 'nixos-unstable', state: 'fix-pending', pr: 201, via: 'master' }]);

    nixpkgs.setBranch('nixos-unstable-small', 'master');
    nixpkgs.setBranch('nixos-unstable', 'master');
    expect(await jobs.run()).toMatchObject({ advisoryLinksAdded: 0, channelsFixed: 1 });
    ({ data } = await w.as.sam(ADVISORY, { id }));
    expect(data.advisory.channels).toEqual([{ channel: 'nixos-unstable', status: 'fixed' }]);
    expect(data.advisory.fixStatus).toEqual([{ channel: 'nixos-unstable', state: 'fixed', pr: 201, via: null }]);
    expect(data.advisory.fixes.map((f: any) => f.branch).sort()).toEqual(['master', 'nixos-unstable', 'nixos-unstable-small']);
    expect(data.advisory.fixes.every((f: any) => f.pr === 201)).toBe(true);
    const entries = await activity(w.t, 'advisory.channel-status');
    expect(entries).toEqual([expect.objectContaining({ actor: 'nixsec', subjectId: id, details: expect.objectContaining({ channel: 'nixos-unstable', status: 'fixed' }) })]);

    // Idempotent: nothing more to do.
    expect(await jobs.run()).toMatchObject({ advisoryLinksAdded: 0, channelsFixed: 0 });
  });

  it('follows a cherry-picked backport to the release channel, and mentions in commit messages', async () => {
    const [{ id, version }] = await query(w.t, `SELECT a.id::text AS id, a.version FROM advisory a JOIN advisory_cve c ON c.advisory_id = a.id WHERE c.cve_id = 'CVE-2023-38545'`);
    expect((await w.as.sam(SET_CHANNEL, { id, v: version, c: 'nixos-24.11', s: 'affected' })).errors).toBeUndefined();

    // The fix's own commit (second parent of #201's merge), cherry-picked with -x to release-24.11.
    const fixCommit = nixpkgs.git('rev-parse', `${nixpkgs.git('log', '--format=%H', '--grep', 'Merge pull request #201', '-n', '1', 'master')}^2`);
    const backport = nixpkgs.backport(203, 'release-24.11', fixCommit);
    const mention = nixpkgs.mergePull(204, 'master', 'curl: reject long SOCKS5 host names\n\nFor CVE-2023-38545.');
    const at = new Date().toISOString();
    w.fake.github.addPull(REPOSITORY, { number: 203, base: 'release-24.11', title: '[Backport release-24.11] curl: 8.3.0 -> 8.4.0', state: 'closed', merged_at: at, merge_commit_sha: backport });
    w.fake.github.addPull(REPOSITORY, { number: 204, base: 'master', title: 'curl: reject long host names', state: 'closed', merged_at: at, merge_commit_sha: mention });
    const jobs = w.t.app.get(PrTrackingJobs);

    expect(await jobs.run()).toMatchObject({ advisoryLinksAdded: 2, channelsFixed: 0 });
    const links = await query(w.t, `SELECT number, reason FROM pr_advisory_link WHERE advisory_id = $1 ORDER BY number`, [id]);
    expect(links).toEqual([
      { number: 201, reason: 'mentions CVE-2023-38545' },
      { number: 203, reason: 'backport of #201' },
      { number: 204, reason: 'mentions CVE-2023-38545' },
    ]);
    let { data } = await w.as.sam(ADVISORY, { id });
    expect(data.advisory.fixes).toContainEqual({ pr: 203, branch: 'release-24.11', firstSeen: expect.any(String) });
    expect(data.advisory.channels).toContainEqual({ channel: 'nixos-24.11', status: 'affected' });
    expect(data.advisory.fixStatus).toContainEqual({ channel: 'nixos-24.11', state: 'fix-pending', pr: 203, via: 'release-24.11' });

    nixpkgs.setBranch('nixos-24.11', 'release-24.11');
    expect(await jobs.run()).toMatchObject({ channelsFixed: 1 });
    ({ data } = await w.as.sam(ADVISORY, { id }));
    expect(data.advisory.channels).toContainEqual({ channel: 'nixos-24.11', status: 'fixed' });
  });

  it('lets the security team link and unlink PRs by hand; an unlinked mention stays unlinked', async () => {
    const LINK = `mutation ($id: ID!, $pr: Int!) { linkPullRequest(advisoryId: $id, pr: $pr) { id fixes { pr branch } } }`;
    const UNLINK = `mutation ($id: ID!, $pr: Int!) { unlinkPullRequest(advisoryId: $id, pr: $pr) { id fixes { pr branch } } }`;
    const [{ id }] = await query(w.t, `SELECT advisory_id::text AS id FROM advisory_cve WHERE cve_id = 'CVE-2023-38545'`);
    const merge = nixpkgs.mergePull(205, 'master', 'curl: fix without a CVE in sight');
    w.fake.github.addPull(REPOSITORY, { number: 205, base: 'master', title: 'curl: small fix', state: 'closed', merged_at: new Date().toISOString(), merge_commit_sha: merge });
    const jobs = w.t.app.get(PrTrackingJobs);
    await jobs.run();

    expect((await w.as.thillux(LINK, { id, pr: 205 })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const linked = await w.as.sam(LINK, { id, pr: 205 });
    expect(linked.errors).toBeUndefined();
    expect(linked.data.linkPullRequest.fixes).toContainEqual({ pr: 205, branch: 'master' });
    const unknown = await w.as.sam(LINK, { id, pr: 99999 });
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' }, message: expect.stringMatching(/#99999 is not tracked yet/) });

    const unlinked = await w.as.sam(UNLINK, { id, pr: 204 });
    expect(unlinked.errors).toBeUndefined();
    expect(unlinked.data.unlinkPullRequest.fixes.map((f: any) => f.pr)).not.toContain(204);
    expect(await jobs.run()).toMatchObject({ advisoryLinksAdded: 0 });
    const { data } = await w.as.sam(ADVISORY, { id });
    expect(data.advisory.fixes.map((f: any) => f.pr)).not.toContain(204);
    expect((await activity(w.t, 'advisory.pr-linked')).map((e) => [e.actor, e.details.pr])).toEqual([['sam', 205]]);
    expect((await activity(w.t, 'advisory.pr-unlinked')).map((e) => [e.actor, e.details.pr])).toEqual([['sam', 204]]);
  });

  it('pullRequest shows its branch graph with the branches reached, and its linked advisories (a draft only to maintainers and the team)', async () => {
    const PR = `query ($n: Int!) { pullRequest(number: $n) { number branchGraph { branch next reached firstSeen } advisories { reason advisory { id state } } } }`;
    const [{ id }] = await query(w.t, `SELECT advisory_id::text AS id FROM advisory_cve WHERE cve_id = 'CVE-2023-38545'`);
    const { data } = await w.as.sam(PR, { n: 201 });
    expect(data.pullRequest.branchGraph).toEqual([
      { branch: 'master', next: ['nixos-unstable-small', 'nixpkgs-unstable'], reached: true, firstSeen: expect.any(String) },
      { branch: 'nixos-unstable-small', next: ['nixos-unstable'], reached: true, firstSeen: expect.any(String) },
      // Not a branch of this repository: never reached.
      { branch: 'nixpkgs-unstable', next: [], reached: false, firstSeen: null },
      { branch: 'nixos-unstable', next: [], reached: true, firstSeen: expect.any(String) },
    ]);
    expect(data.pullRequest.advisories).toEqual([{ reason: 'mentions CVE-2023-38545', advisory: { id, state: 'draft' } }]);
    // The advisory is still a draft: anonymous callers see the PR without it.
    const anonymous = await w.anonymous(PR, { n: 201 });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data.pullRequest.advisories).toEqual([]);
    expect(anonymous.data.pullRequest.branchGraph.filter((b: any) => b.reached).map((b: any) => b.branch)).toEqual(['master', 'nixos-unstable-small', 'nixos-unstable']);
  });
});
