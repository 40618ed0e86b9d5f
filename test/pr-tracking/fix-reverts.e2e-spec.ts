import * as path from 'node:path';
import { PrTrackingJobs } from '../../server/src/pr-tracking/pr-tracking.jobs';
import { activity, query } from '../auth/support';
import { REPOSITORY, startWorld, World } from '../advisories/support';
import { FakeNixpkgs } from './support';

const ACCEPT = `mutation ($ids: [ID!]!) { acceptSuggestions(ids: $ids) { id version } }`;
const PUBLISH = `mutation ($id: ID!, $version: Int!) { publishAdvisory(id: $id, version: $version) { publicId issueNumber } }`;
const SET_CHANNEL = `mutation ($id: ID!, $v: Int!, $c: String!, $s: String!) { setAdvisoryChannelStatus(id: $id, version: $v, channel: $c, status: $s) { version } }`;
const ADVISORY = `query ($id: ID!) { advisory(id: $id) { version channels { channel status } } }`;

/**
 * A channel nixsec marked fixed because a linked PR landed goes back to its earlier status when a
 * force-push takes the landing away (never over a person's later decision), and the published
 * advisory's GitHub issue follows both changes.
 */
describe('PR tracking: a fix taken away by a force-push, and the GitHub issue', () => {
  let w: World;
  let nixpkgs: FakeNixpkgs;
  let id: string;
  let issueNumber: number;
  const run = () => w.t.app.get(PrTrackingJobs).run();
  const advisory = async () => {
    const res = await w.as.sam(ADVISORY, { id });
    expect(res.errors).toBeUndefined();
    return res.data.advisory as { version: number; channels: Array<{ channel: string; status: string }> };
  };
  const issueBody = () => w.fake.github.issues(REPOSITORY).find((i) => i.number === issueNumber)!.body;
  const issueWrites = () => w.fake.github.requests.filter((r) => r.method === 'PATCH' && r.path === `/repos/${REPOSITORY}/issues/${issueNumber}`).length;

  beforeAll(async () => {
    nixpkgs = new FakeNixpkgs();
    for (const branch of ['nixos-unstable-small', 'nixos-unstable']) nixpkgs.branch(branch);
    w = await startWorld({ NIXSEC_NIXPKGS_REMOTE: nixpkgs.dir, NIXSEC_DATA_DIR: path.join(nixpkgs.root, 'data'), NIXSEC_PR_SYNC_CRON: 'off', NIXSEC_NOTIFY_CRON: 'off' });
    // The team triaged nixos-unstable as affected, then published the advisory.
    const accepted = await w.as.sam(ACCEPT, { ids: [await w.suggestionId('CVE-2024-9143')] });
    expect(accepted.errors).toBeUndefined();
    id = accepted.data.acceptSuggestions.id;
    const set = await w.as.sam(SET_CHANNEL, { id, v: accepted.data.acceptSuggestions.version, c: 'nixos-unstable', s: 'affected' });
    expect(set.errors).toBeUndefined();
    const published = await w.as.sam(PUBLISH, { id, version: set.data.setAdvisoryChannelStatus.version });
    expect(published.errors).toBeUndefined();
    issueNumber = published.data.publishAdvisory.issueNumber;
  });
  afterAll(async () => {
    await w?.close();
    nixpkgs?.remove();
  });

  let withFix: string;

  it('the fix reaching nixos-unstable marks the channel fixed and rewrites the issue to say so, once', async () => {
    expect(issueBody()).toMatch(/\| `openssl` \| nixos-unstable \| [^|]+ \| affected \|/);
    expect(issueBody()).toContain('Channels: `nixos-unstable`: affected');
    const merge = nixpkgs.mergePull(401, 'master', 'openssl: apply upstream patch for CVE-2024-9143');
    w.fake.github.addPull(REPOSITORY, { number: 401, base: 'master', title: 'openssl: fix CVE-2024-9143', state: 'closed', merged_at: new Date().toISOString(), merge_commit_sha: merge });
    expect(await run()).toMatchObject({ advisoryLinksAdded: 1, channelsFixed: 0, issuesUpdated: 0 });
    expect(issueBody()).toContain('Channels: `nixos-unstable`: affected');

    nixpkgs.setBranch('nixos-unstable-small', 'master');
    nixpkgs.setBranch('nixos-unstable', 'master');
    withFix = nixpkgs.head('nixos-unstable');
    expect(await run()).toMatchObject({ channelsFixed: 1, channelsReverted: 0, issuesUpdated: 1 });
    expect((await advisory()).channels).toEqual([{ channel: 'nixos-unstable', status: 'fixed' }]);
    expect(issueBody()).toMatch(/\| `openssl` \| nixos-unstable \| [^|]+ \| fixed \|/);
    expect(issueBody()).toContain('Channels: `nixos-unstable`: fixed');
    const [marked] = await activity(w.t, 'advisory.channel-status').then((entries) => entries.filter((e) => e.actor === 'nixsec'));
    expect(marked.details).toMatchObject({ channel: 'nixos-unstable', status: 'fixed', pullRequest: `${REPOSITORY}#401` });
    expect((await activity(w.t, 'advisory.issue-updated')).map((e) => [e.actor, e.subjectId])).toEqual([['nixsec', id]]);

    // Nothing changed: the issue is not written again.
    const writes = issueWrites();
    expect(await run()).toMatchObject({ channelsFixed: 0, channelsReverted: 0, issuesUpdated: 0 });
    expect(issueWrites()).toBe(writes);
  });

  it('a force-push that drops the fix puts the channel back to affected, logged, and the issue follows', async () => {
    nixpkgs.setBranch('nixos-unstable', nixpkgs.git('rev-parse', `${withFix}^1`));
    expect(await run()).toMatchObject({ forcePushed: 1, landingsRemoved: 1, channelsReverted: 1, issuesUpdated: 1 });
    expect((await advisory()).channels).toEqual([{ channel: 'nixos-unstable', status: 'affected' }]);
    const entries = (await activity(w.t, 'advisory.channel-status')).filter((e) => e.actor === 'nixsec');
    expect(entries.map((e) => e.details.status)).toEqual(expect.arrayContaining(['fixed', 'affected']));
    const back = entries.find((e) => e.details.status === 'affected')!;
    expect(back.details).toMatchObject({ channel: 'nixos-unstable', pullRequest: `${REPOSITORY}#401`, reason: expect.stringContaining('no longer on nixos-unstable') });
    expect(back.details.before).toMatchObject({ channels: { 'nixos-unstable': 'fixed' } });
    expect(issueBody()).toMatch(/\| `openssl` \| nixos-unstable \| [^|]+ \| affected \|/);
    expect(issueBody()).toContain('Channels: `nixos-unstable`: affected');
    expect(await run()).toMatchObject({ channelsReverted: 0, issuesUpdated: 0 });

    // Pushed back: fixed again.
    nixpkgs.setBranch('nixos-unstable', withFix);
    expect(await run()).toMatchObject({ landingsAdded: 1, channelsFixed: 1, issuesUpdated: 1 });
    expect((await advisory()).channels).toEqual([{ channel: 'nixos-unstable', status: 'fixed' }]);
    expect(issueBody()).toContain('Channels: `nixos-unstable`: fixed');
  });

  it('a GitHub failure leaves the issue update for the next sync', async () => {
    nixpkgs.setBranch('nixos-unstable', nixpkgs.git('rev-parse', `${withFix}^1`));
    w.fake.github.fail({ status: 422, body: { message: 'Validation Failed' } }, { match: (r) => r.method === 'PATCH' && r.path === `/repos/${REPOSITORY}/issues/${issueNumber}` });
    expect(await run()).toMatchObject({ channelsReverted: 1, issuesUpdated: 0 });
    expect((await advisory()).channels).toEqual([{ channel: 'nixos-unstable', status: 'affected' }]);
    expect(issueBody()).toContain('Channels: `nixos-unstable`: fixed');
    expect(await run()).toMatchObject({ channelsReverted: 0, issuesUpdated: 1 });
    expect(issueBody()).toContain('Channels: `nixos-unstable`: affected');
    nixpkgs.setBranch('nixos-unstable', withFix);
    expect(await run()).toMatchObject({ channelsFixed: 1, issuesUpdated: 1 });
  });

  it('never undoes what a person decided after nixsec: their status stays when the fix is dropped again', async () => {
    // sam confirms the fix by hand (e.g. checked the patch in the channel).
    const confirmed = await w.as.sam(SET_CHANNEL, { id, v: (await advisory()).version, c: 'nixos-unstable', s: 'fixed' });
    expect(confirmed.errors).toBeUndefined();
    nixpkgs.setBranch('nixos-unstable', nixpkgs.git('rev-parse', `${withFix}^1`));
    expect(await run()).toMatchObject({ forcePushed: 1, landingsRemoved: 1, channelsReverted: 0, issuesUpdated: 0 });
    expect((await advisory()).channels).toEqual([{ channel: 'nixos-unstable', status: 'fixed' }]);
    expect(await query(w.t, `SELECT channel FROM pr_channel_fix WHERE advisory_id = $1`, [id])).toEqual([]);
    const last = (await activity(w.t, 'advisory.channel-status')).at(-1)!;
    expect(last).toMatchObject({ actor: 'sam', details: expect.objectContaining({ status: 'fixed' }) });
  });
});
