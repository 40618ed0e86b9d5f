import * as path from 'node:path';
import { PrTrackingJobs } from '../../server/src/pr-tracking/pr-tracking.jobs';
import { query } from '../auth/support';
import { REPOSITORY, startWorld, USERS, World } from '../advisories/support';
import { FakeNixpkgs } from './support';

const NOTIFICATIONS = `{ notifications(first: 100) { edges { node { kind subjectId message link } } } }`;
const SUBSCRIBE = `mutation ($type: String!, $target: String!) { subscribe(targetType: $type, target: $target) { target } }`;
const ACCEPT = `mutation ($ids: [ID!]!) { acceptSuggestions(ids: $ids) { id version channels { channel } } }`;
const PUBLISH = `mutation ($id: ID!, $version: Int!) { publishAdvisory(id: $id, version: $version) { publicId } }`;

type Login = keyof typeof USERS;

/**
 * When a pull request linked to a published advisory reaches one of its channels, the people who
 * hear about the advisory (its maintainers, its packages' maintainers and followers, the channel's
 * followers) get an in-app notification — once per advisory and channel.
 */
describe('PR tracking: a fix reaching a channel is announced', () => {
  let w: World;
  let nixpkgs: FakeNixpkgs;
  const run = () => w.t.app.get(PrTrackingJobs).run();
  const fixNews = async (login: Login) => {
    const res = await w.as[login](NOTIFICATIONS);
    expect(res.errors).toBeUndefined();
    return (res.data.notifications.edges as Array<{ node: { kind: string; subjectId: string; message: string; link: string } }>)
      .map((e) => e.node)
      .filter((n) => n.kind === 'advisory.fix-landed');
  };
  const accept = async (cveId: string): Promise<{ id: string; version: number }> => {
    const res = await w.as.sam(ACCEPT, { ids: [await w.suggestionId(cveId)] });
    expect(res.errors).toBeUndefined();
    expect(res.data.acceptSuggestions.channels).toEqual([{ channel: 'nixos-unstable' }]);
    return res.data.acceptSuggestions;
  };
  const publish = async (advisory: { id: string; version: number }): Promise<string> => {
    const res = await w.as.sam(PUBLISH, advisory);
    expect(res.errors).toBeUndefined();
    return res.data.publishAdvisory.publicId;
  };
  const merged = (number: number, title: string, sha: string) =>
    w.fake.github.addPull(REPOSITORY, { number, base: 'master', title, state: 'closed', merged_at: new Date().toISOString(), merge_commit_sha: sha });

  beforeAll(async () => {
    nixpkgs = new FakeNixpkgs();
    for (const branch of ['nixos-unstable-small', 'nixos-unstable']) nixpkgs.branch(branch);
    w = await startWorld({ NIXSEC_NIXPKGS_REMOTE: nixpkgs.dir, NIXSEC_DATA_DIR: path.join(nixpkgs.root, 'data'), NIXSEC_PR_SYNC_CRON: 'off', NIXSEC_NOTIFY_CRON: 'off' });
    expect((await w.as.tina(SUBSCRIBE, { type: 'channel', target: 'nixos-unstable' })).errors).toBeUndefined();
    expect((await w.as.sam(SUBSCRIBE, { type: 'package', target: 'openssl' })).errors).toBeUndefined();
  });
  afterAll(async () => {
    await w?.close();
    nixpkgs?.remove();
  });

  let publicId: string;
  let advisoryId: string;

  it('says nothing while the fix is only on master, then tells each of them once it reaches nixos-unstable', async () => {
    const advisory = await accept('CVE-2024-9143');
    advisoryId = advisory.id;
    publicId = await publish(advisory);
    merged(301, 'openssl: fix CVE-2024-9143 (GF(2^m) out-of-bounds read)', nixpkgs.mergePull(301, 'master', 'openssl: apply upstream patch for CVE-2024-9143'));

    expect(await run()).toMatchObject({ advisoryLinksAdded: 1, fixesAnnounced: 0, notificationsCreated: 0 });
    expect(await fixNews('thillux')).toEqual([]);

    // nixos-unstable-small is not one of the advisory's channels: still nothing.
    nixpkgs.setBranch('nixos-unstable-small', 'master');
    expect(await run()).toMatchObject({ fixesAnnounced: 0 });
    expect(await fixNews('tina')).toEqual([]);

    nixpkgs.setBranch('nixos-unstable', 'master');
    const summary = await run();
    expect(summary).toMatchObject({ channelsFixed: 1, fixesAnnounced: 1 });
    expect(summary.notificationsCreated).toBeGreaterThanOrEqual(3);

    const lead = `The fix for ${publicId} (openssl) reached nixos-unstable: ${REPOSITORY}#301`;
    const thillux = await fixNews('thillux');
    expect(thillux).toEqual([{ kind: 'advisory.fix-landed', subjectId: advisoryId, link: `/advisories/${publicId}`, message: expect.stringContaining(lead) }]);
    // thillux maintains openssl, so accepting named him on the advisory.
    expect(thillux[0].message).toBe(`${lead} (you are a maintainer named on the advisory).`);
    expect(await fixNews('sam')).toEqual([expect.objectContaining({ message: `${lead} (you follow openssl).` })]);
    expect(await fixNews('tina')).toEqual([expect.objectContaining({ message: `${lead} (you follow the channel nixos-unstable).` })]);
    // mia maintains and follows nothing this advisory touches.
    expect(await fixNews('mia')).toEqual([]);

    // Recorded: another run tells no one again.
    expect(await run()).toMatchObject({ fixesAnnounced: 0, notificationsCreated: 0 });
    expect(await fixNews('tina')).toHaveLength(1);
  });

  it('a force-push that drops the fix and a re-push that brings it back announce nothing new', async () => {
    const withFix = nixpkgs.head('nixos-unstable');
    nixpkgs.setBranch('nixos-unstable', nixpkgs.git('rev-parse', `${withFix}^1`));
    expect(await run()).toMatchObject({ forcePushed: 1, landingsRemoved: 1 });
    expect(await query(w.t, `SELECT branch FROM pr_landing WHERE number = 301 AND branch = 'nixos-unstable'`)).toEqual([]);

    nixpkgs.setBranch('nixos-unstable', withFix);
    expect(await run()).toMatchObject({ landingsAdded: 1, fixesAnnounced: 0, notificationsCreated: 0 });
    expect(await fixNews('thillux')).toHaveLength(1);
    expect(await fixNews('tina')).toHaveLength(1);
  });

  it('a draft advisory is not announced until it is published; a second PR on the same channel is no news', async () => {
    const draft = await accept('CVE-2023-38545');
    merged(302, 'curl: 8.3.0 -> 8.4.0', nixpkgs.mergePull(302, 'master', 'curl: 8.3.0 -> 8.4.0\n\nFixes CVE-2023-38545.'));
    nixpkgs.setBranch('nixos-unstable', 'master');
    expect(await run()).toMatchObject({ advisoryLinksAdded: 1, fixesAnnounced: 0, notificationsCreated: 0 });
    expect((await fixNews('tina')).map((n) => n.subjectId)).toEqual([advisoryId]);

    const [{ version }] = await query(w.t, `SELECT version FROM advisory WHERE id = $1`, [draft.id]);
    const curlId = await publish({ id: draft.id, version });
    expect(await run()).toMatchObject({ fixesAnnounced: 1 });
    const tina = await fixNews('tina');
    expect(tina.map((n) => n.message)).toContainEqual(`The fix for ${curlId} (curl) reached nixos-unstable: ${REPOSITORY}#302 (you follow the channel nixos-unstable).`);

    // Another openssl fix reaching nixos-unstable: the channel was announced already.
    merged(303, 'openssl: follow-up for CVE-2024-9143', nixpkgs.mergePull(303, 'master', 'openssl: follow-up'));
    nixpkgs.setBranch('nixos-unstable', 'master');
    expect(await run()).toMatchObject({ advisoryLinksAdded: 1, fixesAnnounced: 0 });
    expect(await fixNews('tina')).toHaveLength(2);
  });
});
