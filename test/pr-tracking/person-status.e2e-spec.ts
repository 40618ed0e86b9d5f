import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { PrFixEvidence1732408300000 } from '../../migrations/src/1732408300000-pr-fix-evidence';
import { PrTrackingJobs } from '../../server/src/pr-tracking/pr-tracking.jobs';
import { activity, query } from '../auth/support';
import { REPOSITORY, startWorld, World } from '../advisories/support';
import { FakeNixpkgs } from './support';

const ACCEPT = `mutation ($ids: [ID!]!) { acceptSuggestions(ids: $ids) { id version } }`;
const SET_CHANNEL = `mutation ($id: ID!, $v: Int!, $c: String!, $s: String!) { setAdvisoryChannelStatus(id: $id, version: $v, channel: $c, status: $s) { version } }`;
const ADVISORY = `query ($id: ID!) { advisory(id: $id) { version channels { channel status } } }`;

/**
 * A person's channel status wins over a landing nixsec already applied: nixsec marks a channel
 * fixed once per landing, and only a new PR landing marks it again (saying so in the activity log).
 */
describe('PR tracking: a person setting a channel back is not overridden by the same landing', () => {
  let w: World;
  let nixpkgs: FakeNixpkgs;
  let id: string;
  const run = () => w.t.app.get(PrTrackingJobs).run();
  const advisory = async () => {
    const res = await w.as.sam(ADVISORY, { id });
    expect(res.errors).toBeUndefined();
    return res.data.advisory as { version: number; channels: Array<{ channel: string; status: string }> };
  };
  const setChannel = async (status: string) => {
    const res = await w.as.sam(SET_CHANNEL, { id, v: (await advisory()).version, c: 'nixos-unstable', s: status });
    expect(res.errors).toBeUndefined();
  };
  const land = (number: number, message: string) => {
    const merge = nixpkgs.mergePull(number, 'master', message);
    w.fake.github.addPull(REPOSITORY, { number, base: 'master', title: message, state: 'closed', merged_at: new Date().toISOString(), merge_commit_sha: merge });
    nixpkgs.setBranch('nixos-unstable', 'master');
  };
  const nixsecMarks = async () => (await activity(w.t, 'advisory.channel-status')).filter((e) => e.actor === 'nixsec' && e.details.status === 'fixed');

  beforeAll(async () => {
    nixpkgs = new FakeNixpkgs();
    nixpkgs.branch('nixos-unstable');
    w = await startWorld({ NIXSEC_NIXPKGS_REMOTE: nixpkgs.dir, NIXSEC_DATA_DIR: path.join(nixpkgs.root, 'data'), NIXSEC_PR_SYNC_CRON: 'off', NIXSEC_NOTIFY_CRON: 'off' });
    const accepted = await w.as.sam(ACCEPT, { ids: [await w.suggestionId('CVE-2024-9143')] });
    expect(accepted.errors).toBeUndefined();
    id = accepted.data.acceptSuggestions.id;
    await setChannel('affected');
  });
  afterAll(async () => {
    await w?.close();
    nixpkgs?.remove();
  });

  it('marks the channel fixed when the PR lands; a person setting it back to affected stays so at every later sync', async () => {
    land(501, 'openssl: apply upstream patch for CVE-2024-9143');
    expect(await run()).toMatchObject({ advisoryLinksAdded: 1, channelsFixed: 1 });
    expect((await advisory()).channels).toEqual([{ channel: 'nixos-unstable', status: 'fixed' }]);

    // sam checked the channel: the patch does not cover the 1.1 series, so it is still affected.
    await setChannel('affected');
    expect(await run()).toMatchObject({ channelsFixed: 0, channelsReverted: 0 });
    expect(await run()).toMatchObject({ channelsFixed: 0 });
    expect((await advisory()).channels).toEqual([{ channel: 'nixos-unstable', status: 'affected' }]);
    expect(await nixsecMarks()).toHaveLength(1);
  });

  it('the same PR leaving the branch (force-push) and coming back does not override the person either', async () => {
    const withFix = nixpkgs.head('nixos-unstable');
    nixpkgs.setBranch('nixos-unstable', nixpkgs.git('rev-parse', `${withFix}^1`));
    expect(await run()).toMatchObject({ forcePushed: 1, landingsRemoved: 1, channelsReverted: 0 });
    nixpkgs.setBranch('nixos-unstable', withFix);
    expect(await run()).toMatchObject({ landingsAdded: 1, channelsFixed: 0 });
    expect((await advisory()).channels).toEqual([{ channel: 'nixos-unstable', status: 'affected' }]);
  });

  it('an upgrade from a version without the record keeps the person’s status (the migration counts the marked landing as applied)', async () => {
    const runner = w.t.app.get(DataSource).createQueryRunner();
    try {
      const migration = new PrFixEvidence1732408300000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await query(w.t, `SELECT channel, number FROM pr_fix_applied WHERE advisory_id = $1`, [id])).toEqual([{ channel: 'nixos-unstable', number: 501 }]);
    expect(await run()).toMatchObject({ channelsFixed: 0 });
    expect((await advisory()).channels).toEqual([{ channel: 'nixos-unstable', status: 'affected' }]);
  });

  it('a different PR landing later marks it fixed again, and the activity entry says it overrides the status set back', async () => {
    land(502, 'openssl_1_1: backport the fix for CVE-2024-9143');
    expect(await run()).toMatchObject({ advisoryLinksAdded: 1, channelsFixed: 1 });
    expect((await advisory()).channels).toEqual([{ channel: 'nixos-unstable', status: 'fixed' }]);
    const marks = await nixsecMarks();
    expect(marks).toHaveLength(2);
    expect(marks[1].details).toMatchObject({
      channel: 'nixos-unstable',
      status: 'fixed',
      pullRequest: `${REPOSITORY}#502`,
      overrides: 'affected',
      reason: `${REPOSITORY}#502 landed on nixos-unstable: a new fix since the channel was set back to affected after #501`,
    });
    expect(marks[1].details.before).toMatchObject({ channels: { 'nixos-unstable': 'affected' } });

    // And once more, the person's word stands against both landings.
    await setChannel('affected');
    expect(await run()).toMatchObject({ channelsFixed: 0 });
    expect((await advisory()).channels).toEqual([{ channel: 'nixos-unstable', status: 'affected' }]);
  });
});
