import { SmtpCapture, startSmtpCapture } from '../../server/src/advisories/notifications/__tests__/smtp-capture';
import { digestCounts, NotificationJobs } from '../../server/src/advisories/notifications/notification.jobs';
import { NotificationFanout } from '../../server/src/advisories/notifications/notification-fanout';
import { AppConfig } from '../../server/src/config/app-config';
import { FakeGithubOAuth, startFakeGithubOAuth } from '../../server/src/auth/__tests__/fake-github-oauth';
import { TestApp } from '../../server/src/testing/test-app';
import { graphql, loginWithGithub, query, startAppWithGithub } from '../auth/support';
import { startWorld, USERS, World } from './support';

const PREFERENCES = `{ notificationPreferences { maintainedPackages subscriptions emailDigest email emailDigestAvailable } }`;
const SET = `mutation ($digest: Boolean, $email: String, $m: Boolean) {
  setNotificationPreferences(emailDigest: $digest, email: $email, maintainedPackages: $m) { maintainedPackages subscriptions emailDigest email emailDigestAvailable } }`;
const INBOX = `{ notifications(first: 100, unreadOnly: true) { edges { node { id message link } } } }`;
const SMTP_USER = 'digest';
const SMTP_PASSWORD = 'smtp-pw-8d2f1c';
const FROM = 'nixsec@nixsec.test';

/** The e-mail digest against a real SMTP server on 127.0.0.1, through GraphQL and the digest run. */
describe('e-mail digest: unread notifications by mail, once', () => {
  let w: World;
  let smtp: SmtpCapture;
  const digest = () => w.t.app.get(NotificationJobs).digest.run();
  const fanout = () => w.t.app.get(NotificationFanout).run();
  const unread = async (login: keyof typeof USERS): Promise<Array<{ id: string; message: string; link: string }>> => {
    const res = await w.as[login](INBOX);
    expect(res.errors).toBeUndefined();
    return res.data.notifications.edges.map((e: any) => e.node);
  };

  beforeAll(async () => {
    smtp = await startSmtpCapture({ user: SMTP_USER, password: SMTP_PASSWORD });
    w = await startWorld({
      NIXSEC_NOTIFY_CRON: 'off',
      // A schedule that will not fire during the test: runs are started by hand.
      NIXSEC_DIGEST_CRON: '0 0 1 1 *',
      SMTP_URL: `smtp://${SMTP_USER}@127.0.0.1:${smtp.port}`,
      SMTP_PASSWORD,
      NIXSEC_EMAIL_FROM: `nixsec <${FROM}>`,
    });
  });
  afterAll(async () => {
    await w?.close();
    await smtp?.stop().catch(() => undefined);
  });

  it('is available, off by default, and switched on only with a valid address', async () => {
    expect((await w.as.thillux(PREFERENCES)).data.notificationPreferences).toEqual({
      maintainedPackages: true, subscriptions: true, emailDigest: false, email: null, emailDigestAvailable: true,
    });
    const noAddress = await w.as.thillux(SET, { digest: true });
    expect(noAddress.errors?.[0]).toMatchObject({ message: expect.stringMatching(/give the address/), extensions: { code: 'BAD_USER_INPUT' } });
    for (const bad of ['thillux', 'thillux@example.org\r\nBcc: all@example.org', '"x@evil.org"@example.org']) {
      const res = await w.as.thillux(SET, { digest: true, email: bad });
      expect(res.errors?.[0]).toMatchObject({ message: expect.stringMatching(/is not an e-mail address/), extensions: { code: 'BAD_USER_INPUT' } });
    }
    const on = await w.as.thillux(SET, { digest: true, email: ' thillux@Example.ORG ' });
    expect(on.errors).toBeUndefined();
    expect(on.data.setNotificationPreferences).toEqual({ maintainedPackages: true, subscriptions: true, emailDigest: true, email: 'thillux@example.org', emailDigestAvailable: true });
    // Other switches leave the digest alone; removing the address needs the digest off.
    expect((await w.as.thillux(SET, { m: true })).data.setNotificationPreferences.emailDigest).toBe(true);
    expect((await w.as.thillux(SET, { email: '' })).errors?.[0].message).toMatch(/switch it off/);
  });

  it("each user reads and sets only their own preferences: thillux's address is no one else's business", async () => {
    // mia maintains another package (and is not in the security team), sam is in the team: neither sees thillux's settings.
    for (const login of ['mia', 'sam'] as const) {
      expect((await w.as[login](PREFERENCES)).data.notificationPreferences).toMatchObject({ emailDigest: false, email: null });
    }
    expect((await w.as.mia(SET, { digest: true, email: 'mia@example.org' })).data.setNotificationPreferences).toMatchObject({ emailDigest: true, email: 'mia@example.org' });
    expect((await w.as.mia(SET, { digest: false })).data.setNotificationPreferences).toMatchObject({ emailDigest: false, email: 'mia@example.org' });
    expect((await w.as.thillux(PREFERENCES)).data.notificationPreferences).toMatchObject({ emailDigest: true, email: 'thillux@example.org' });
    // There is no way to name another user.
    const other = await w.as.mia(`{ notificationPreferences(githubId: ${USERS.thillux}) { email } }`);
    expect(other.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const otherSet = await w.as.mia(`mutation { setNotificationPreferences(githubId: ${USERS.thillux}, emailDigest: false) { email } }`);
    expect(otherSet.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await w.anonymous(PREFERENCES)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('sends thillux one message listing the unread notifications with links; a second run sends nothing; tina, without the digest, gets nothing', async () => {
    // thillux maintains openssl and follows the channel too, so there is more than one item; tina follows it without a digest.
    for (const login of ['thillux', 'tina'] as const) {
      expect((await w.as[login](`mutation { subscribe(targetType: "channel", target: "nixos-unstable") { target } }`)).errors).toBeUndefined();
    }
    expect((await fanout()).created).toBeGreaterThan(0);
    const notifications = await unread('thillux');
    expect(notifications.length).toBeGreaterThanOrEqual(2);
    expect((await unread('tina')).length).toBeGreaterThan(0);
    // A notification read in the app is not news any more.
    const [read, ...rest] = notifications;
    expect((await w.as.thillux(`mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`, { ids: [read.id] })).data.markNotificationsRead).toBe(1);

    const run = await digest();
    expect(run).toMatchObject({ users: 1, sent: 1, notifications: rest.length, failed: 0, uncertain: 0, failures: [] });
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail.to).toEqual(['thillux@example.org']);
    expect(mail.from).toBe(FROM);
    expect(mail.headers.from).toBe(`nixsec <${FROM}>`);
    expect(mail.subject).toBe(`[nixsec] ${rest.length} new notification${rest.length === 1 ? '' : 's'}`);
    expect(mail.headers['content-type']).toMatch(/^text\/plain/);
    const publicUrl = w.t.app.get(AppConfig).publicUrl;
    for (const n of rest) {
      expect(mail.text).toContain(`- ${n.message}\n  ${publicUrl}${n.link}\n`);
    }
    expect(mail.text).not.toContain(read.message);
    expect(mail.text).toMatch(/CVE-2024-9143/);

    expect(await digest()).toMatchObject({ users: 0, sent: 0 });
    expect(smtp.messages).toHaveLength(1);
    const rows = await query(w.t, `SELECT github_id::float8 AS "githubId", email, status, notification_count AS n FROM email_digest`);
    expect(rows).toEqual([{ githubId: USERS.thillux, email: 'thillux@example.org', status: 'sent', n: rest.length }]);
  });

  it('SMTP down: the run reports the failure (without the password); with SMTP back, the next run sends it', async () => {
    const before = new Set((await unread('thillux')).map((n) => n.id));
    // New notifications for thillux: a published advisory for openssl.
    const accepted = await w.as.sam(`mutation ($ids: [ID!]!) { acceptSuggestions(ids: $ids) { id version } }`, { ids: [await w.suggestionId('CVE-2024-9143')] });
    const { id, version } = accepted.data.acceptSuggestions;
    const published = await w.as.sam(`mutation ($id: ID!, $v: Int!) { publishAdvisory(id: $id, version: $v) { publicId } }`, { id, v: version });
    expect(published.errors).toBeUndefined();
    const publicId: string = published.data.publishAdvisory.publicId;
    await fanout();
    const fresh = (await unread('thillux')).filter((n) => !before.has(n.id));
    expect(fresh.map((n) => n.link)).toEqual([`/advisories/${publicId}`]);

    await smtp.stop();
    const down = await digest();
    expect(down).toMatchObject({ users: 1, sent: 0, failed: 1, uncertain: 0, failures: [{ githubId: USERS.thillux, error: expect.stringMatching(/ECONNREFUSED/) }] });
    expect(JSON.stringify(down)).not.toContain(SMTP_PASSWORD);
    // As a job, the run fails (and the queue retries it later).
    expect(() => digestCounts(down)).toThrow(/e-mail digest: 0 sent, 1 failed \(retried next run\).*GitHub user 2171995: .*ECONNREFUSED/);
    expect(smtp.messages).toHaveLength(1);
    expect((await query(w.t, `SELECT status, error FROM email_digest ORDER BY id DESC LIMIT 1`))[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/ECONNREFUSED/) });

    await smtp.start();
    expect(await digest()).toMatchObject({ users: 1, sent: 1, notifications: fresh.length, failed: 0 });
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.messages[1].to).toEqual(['thillux@example.org']);
    expect(smtp.messages[1].text).toContain(`${w.t.app.get(AppConfig).publicUrl}/advisories/${publicId}\n`);
    // Only what the first digest did not carry.
    expect(smtp.messages[1].text.match(/^- /gm)).toHaveLength(fresh.length);
    expect(await digest()).toMatchObject({ users: 0, sent: 0 });
  });

  it('a run that died after claiming never mails those notifications again', async () => {
    await w.as.thillux(`mutation { markAllNotificationsRead }`);
    await query(w.t, `UPDATE notification SET read_at = NULL, email_digest_id = NULL WHERE github_id = $1 AND id = (SELECT max(id) FROM notification WHERE github_id = $1)`, [USERS.thillux]);
    // Claimed by a run that then crashed (committed claim, no answer from SMTP, long ago).
    await query(
      w.t,
      `WITH d AS (INSERT INTO email_digest (github_id, email, notification_count, created_at) VALUES ($1, 'thillux@example.org', 1, now() - interval '2 hours') RETURNING id)
       UPDATE notification SET email_digest_id = (SELECT id FROM d) WHERE github_id = $1 AND read_at IS NULL`,
      [USERS.thillux],
    );
    expect(await digest()).toMatchObject({ interrupted: 1, users: 0, sent: 0 });
    expect(smtp.messages).toHaveLength(2);
  });
});

describe('e-mail digest without SMTP', () => {
  let fake: FakeGithubOAuth;
  let t: TestApp;

  beforeAll(async () => {
    fake = await startFakeGithubOAuth({ users: [{ login: 'thillux', id: USERS.thillux }], teamMembers: [] });
    t = await startAppWithGithub(fake, { NIXSEC_NOTIFY_CRON: 'off' });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('says it is unavailable, and refuses to switch it on with a clear message', async () => {
    const { agent, csrf } = await loginWithGithub(t, fake, 'thillux');
    const as = (q: string, v: Record<string, unknown> = {}) => graphql(agent, q, v, { 'X-CSRF-Token': csrf });
    expect((await as(PREFERENCES)).data.notificationPreferences).toMatchObject({ emailDigest: false, emailDigestAvailable: false });
    const res = await as(SET, { digest: true, email: 'thillux@example.org' });
    expect(res.errors?.[0]).toMatchObject({ message: expect.stringMatching(/E-mail digests are off on this server \(no SMTP_URL is configured\)/), extensions: { code: 'BAD_USER_INPUT' } });
    // Saving the address alone is fine (for when SMTP is configured later).
    expect((await as(SET, { email: 'thillux@example.org' })).data.setNotificationPreferences).toMatchObject({ emailDigest: false, email: 'thillux@example.org' });
    expect(await t.app.get(NotificationJobs).digest.run()).toMatchObject({ users: 0, sent: 0 });
  });
});
