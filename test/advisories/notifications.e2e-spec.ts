import { NotificationFanout } from '../../server/src/advisories/notifications/notification-fanout';
import { addMaintainedPackage, query } from '../auth/support';
import { startWorld, USERS, World } from './support';

const NOTIFICATIONS = `query ($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) { edges { cursor node { id kind subjectType subjectId message link readAt } } hasNextPage endCursor }
  unreadNotificationCount }`;
const SUBSCRIBE = `mutation ($type: String!, $target: String!) { subscribe(targetType: $type, target: $target) { targetType target } }`;
const PREFERENCES = `mutation ($m: Boolean, $s: Boolean) { setNotificationPreferences(maintainedPackages: $m, subscriptions: $s) { maintainedPackages subscriptions } }`;
const ACCEPT = `mutation ($ids: [ID!]!) { acceptSuggestions(ids: $ids) { id version publicId } }`;
const ADD_PACKAGE = `mutation ($id: ID!, $v: Int!, $attr: String!) { addAdvisoryPackage(id: $id, version: $v, attr: $attr) { version } }`;
const PUBLISH = `mutation ($id: ID!, $version: Int!) { publishAdvisory(id: $id, version: $version) { publicId } }`;

type Login = keyof typeof USERS;

/** In-app notifications through GraphQL, with the fan-out run as the job runs it. */
describe('notifications: maintainers and subscribers hear about new suggestions and published advisories', () => {
  let w: World;
  const fanout = () => w.t.app.get(NotificationFanout).run();
  const inbox = async (login: Login, variables: Record<string, unknown> = { first: 100 }) => {
    const res = await w.as[login](NOTIFICATIONS, variables);
    expect(res.errors).toBeUndefined();
    return { nodes: res.data.notifications.edges.map((e: any) => e.node), page: res.data.notifications, unread: res.data.unreadNotificationCount as number };
  };
  const about = (nodes: any[], link: string) => nodes.filter((n) => n.link === link);
  const publish = async (cveId: string, extraAttr?: string): Promise<string> => {
    const accepted = await w.as.sam(ACCEPT, { ids: [await w.suggestionId(cveId)] });
    expect(accepted.errors).toBeUndefined();
    const id: string = accepted.data.acceptSuggestions.id;
    let version: number = accepted.data.acceptSuggestions.version;
    if (extraAttr) {
      const added = await w.as.sam(ADD_PACKAGE, { id, v: version, attr: extraAttr });
      expect(added.errors).toBeUndefined();
      version = added.data.addAdvisoryPackage.version;
    }
    const published = await w.as.sam(PUBLISH, { id, version });
    expect(published.errors).toBeUndefined();
    return published.data.publishAdvisory.publicId;
  };

  beforeAll(async () => {
    w = await startWorld({ NIXSEC_NOTIFY_CRON: 'off' });
  });
  afterAll(() => w?.close());

  it('subscribing checks that the package or tracked channel exists', async () => {
    expect((await w.as.sam(SUBSCRIBE, { type: 'package', target: 'openssl' })).data.subscribe).toEqual({ targetType: 'package', target: 'openssl' });
    expect((await w.as.sam(SUBSCRIBE, { type: 'package', target: 'openssl' })).data.subscribe).toEqual({ targetType: 'package', target: 'openssl' });
    expect((await w.as.tina(SUBSCRIBE, { type: 'channel', target: 'nixos-unstable' })).errors).toBeUndefined();

    const noPackage = await w.as.sam(SUBSCRIBE, { type: 'package', target: 'opensssl' });
    expect(noPackage.errors?.[0]).toMatchObject({ message: expect.stringMatching(/No tracked channel ships a package "opensssl"/), extensions: { code: 'NOT_FOUND' } });
    const noChannel = await w.as.sam(SUBSCRIBE, { type: 'channel', target: 'nixos-13.37' });
    expect(noChannel.errors?.[0]).toMatchObject({ message: expect.stringMatching(/no channel "nixos-13.37"/), extensions: { code: 'NOT_FOUND' } });
    await addMaintainedPackage(w.t, USERS.mia, 'mia', 'mia-old-tool', { channel: 'nixos-20.09', tracked: false });
    const untracked = await w.as.mia(SUBSCRIBE, { type: 'channel', target: 'nixos-20.09' });
    expect(untracked.errors?.[0]).toMatchObject({ message: expect.stringMatching(/nixos-20.09 is not tracked/), extensions: { code: 'BAD_USER_INPUT' } });
    const badType = await w.as.sam(SUBSCRIBE, { type: 'maintainer', target: 'thillux' });
    expect(badType.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const anonymous = await w.anonymous(`{ subscriptions { target } }`);
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');

    expect((await w.as.sam(`{ subscriptions { targetType target } }`)).data.subscriptions).toEqual([{ targetType: 'package', target: 'openssl' }]);
    expect((await w.as.tina(`{ subscriptions { targetType target } }`)).data.subscriptions).toEqual([{ targetType: 'channel', target: 'nixos-unstable' }]);
  });

  it('a new suggestion reaches the maintainer and the subscribers of its package and channel, once', async () => {
    const suggestionId = await w.suggestionId('CVE-2024-9143');
    const first = await fanout();
    expect(first.suggestions).toBeGreaterThan(0);
    expect(first.created).toBeGreaterThan(0);

    const thillux = await inbox('thillux');
    expect(about(thillux.nodes, '/suggestions?cve=CVE-2024-9143')).toEqual([
      {
        id: expect.any(String), kind: 'suggestion.new', subjectType: 'suggestion', subjectId: suggestionId, link: '/suggestions?cve=CVE-2024-9143', readAt: null,
        message: expect.stringMatching(/^New suggestion: CVE-2024-9143 may affect openssl.* \(you maintain openssl\)\.$/),
      },
    ]);
    expect(thillux.unread).toBe(thillux.nodes.length);
    expect(about((await inbox('sam')).nodes, '/suggestions?cve=CVE-2024-9143')[0].message).toMatch(/\(you follow openssl\)/);
    const tina = await inbox('tina');
    expect(about(tina.nodes, '/suggestions?cve=CVE-2024-9143')[0].message).toMatch(/\(you follow the channel nixos-unstable\)/);
    // Following a channel means every suggestion for it, openssl's and the others.
    expect(tina.nodes.length).toBeGreaterThan(1);
    expect((await inbox('mia')).nodes).toEqual([]);

    const again = await fanout();
    expect(again.created).toBe(0);
    expect((await inbox('thillux')).nodes).toHaveLength(thillux.nodes.length);

    // A crash that lost the checkpoint: the fan-out reads everything again and still adds nothing.
    await query(w.t, `UPDATE notification_checkpoint SET value = value - interval '1 day'`);
    expect((await fanout()).created).toBe(0);
    expect((await inbox('tina')).nodes).toHaveLength(tina.nodes.length);
  });

  it('a published advisory reaches the maintainer and the subscribers; mia, who maintains something else, hears nothing', async () => {
    const before = await inbox('thillux');
    const publicId = await publish('CVE-2024-9143');
    const run = await fanout();
    expect(run.advisories).toBe(1);

    const thillux = await inbox('thillux');
    expect(thillux.unread).toBe(before.unread + 1);
    expect(about(thillux.nodes, `/advisories/${publicId}`)).toEqual([
      expect.objectContaining({ kind: 'advisory.published', subjectType: 'advisory', message: expect.stringMatching(new RegExp(`^Advisory ${publicId} published for openssl: .*\\(you maintain openssl\\)\\.$`)) }),
    ]);
    expect(about((await inbox('sam')).nodes, `/advisories/${publicId}`)).toHaveLength(1);
    expect(about((await inbox('tina')).nodes, `/advisories/${publicId}`)).toHaveLength(1);
    expect((await inbox('mia')).nodes).toEqual([]);
    expect((await fanout()).created).toBe(0);
  });

  it('preferences switch notifications off, per kind of reason', async () => {
    expect((await w.as.thillux(`{ notificationPreferences { maintainedPackages subscriptions } }`)).data.notificationPreferences).toEqual({ maintainedPackages: true, subscriptions: true });
    expect((await w.as.thillux(PREFERENCES, { m: false })).data.setNotificationPreferences).toEqual({ maintainedPackages: false, subscriptions: true });
    expect((await w.as.tina(PREFERENCES, { s: false })).data.setNotificationPreferences).toEqual({ maintainedPackages: true, subscriptions: false });
    const thilluxBefore = (await inbox('thillux')).nodes.length;
    const tinaBefore = (await inbox('tina')).nodes.length;

    // curl's CVE, with openssl added by hand: an advisory touching openssl in nixos-unstable.
    const publicId = await publish('CVE-2023-38545', 'openssl');
    await fanout();
    expect((await inbox('thillux')).nodes).toHaveLength(thilluxBefore);
    expect((await inbox('tina')).nodes).toHaveLength(tinaBefore);
    expect(about((await inbox('sam')).nodes, `/advisories/${publicId}`)).toHaveLength(1);

    // Switched back on: the next events reach them again (this one is still within the re-read window).
    await w.as.thillux(PREFERENCES, { m: true });
    await fanout();
    expect(about((await inbox('thillux')).nodes, `/advisories/${publicId}`)[0].message).toMatch(/\(you maintain openssl\)/);
  });

  it('each user reads and marks only their own notifications; unread count and pages', async () => {
    const thillux = await inbox('thillux');
    const tina = await inbox('tina');
    expect(thillux.unread).toBeGreaterThanOrEqual(2);
    const mine = new Set(thillux.nodes.map((n: any) => n.id));
    expect(tina.nodes.some((n: any) => mine.has(n.id))).toBe(false);

    // mia cannot mark thillux's notifications read.
    const foreign = await w.as.mia(`mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`, { ids: [...mine] });
    expect(foreign.data.markNotificationsRead).toBe(0);
    expect((await inbox('thillux')).unread).toBe(thillux.unread);

    const one = thillux.nodes[0].id;
    expect((await w.as.thillux(`mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`, { ids: [one] })).data.markNotificationsRead).toBe(1);
    expect((await w.as.thillux(`mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`, { ids: [one] })).data.markNotificationsRead).toBe(0);
    const after = await inbox('thillux');
    expect(after.unread).toBe(thillux.unread - 1);
    expect(after.nodes.find((n: any) => n.id === one).readAt).toEqual(expect.any(String));
    const unreadOnly = await inbox('thillux', { first: 100, unreadOnly: true });
    expect(unreadOnly.nodes.map((n: any) => n.id)).toEqual(thillux.nodes.filter((n: any) => n.id !== one).map((n: any) => n.id));

    // Newest first, one page at a time.
    const page1 = await inbox('tina', { first: 1 });
    const page2 = await inbox('tina', { first: 1, after: page1.page.endCursor });
    expect(page1.page.hasNextPage).toBe(true);
    expect(Number(page2.nodes[0].id)).toBeLessThan(Number(page1.nodes[0].id));
    expect((await w.as.tina(NOTIFICATIONS, { after: 'x' })).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');

    expect((await w.as.thillux(`mutation { markAllNotificationsRead }`)).data.markAllNotificationsRead).toBe(thillux.unread - 1);
    expect((await inbox('thillux')).unread).toBe(0);
    expect((await inbox('tina')).unread).toBe(tina.unread);

    expect((await w.as.sam(`mutation { unsubscribe(targetType: "package", target: "openssl") }`)).data.unsubscribe).toBe(true);
    expect((await w.as.sam(`mutation { unsubscribe(targetType: "package", target: "openssl") }`)).data.unsubscribe).toBe(false);
    expect((await w.as.sam(`{ subscriptions { target } }`)).data.subscriptions).toEqual([]);
  });
});
