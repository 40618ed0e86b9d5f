import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { FakeGithubOAuth, startFakeGithubOAuth } from '../../server/src/auth/__tests__/fake-github-oauth';
import { signWebhookBody } from '../../server/src/github/webhooks/webhook-signature';
import { TestApp } from '../../server/src/testing/test-app';
import { activity, addMaintainedPackage, ageRoleCheck, graphql, loginWithGithub, query, startAppWithGithub, tripToGithub } from './support';

const ME = '{ me { login githubId roles demo tokenScope } }';
const WEBHOOK_SECRET = 'whsec-auth-test-7f3a';

describe('login with GitHub (OAuth web flow against a fake GitHub)', () => {
  let fake: FakeGithubOAuth;
  let t: TestApp;

  beforeAll(async () => {
    fake = await startFakeGithubOAuth({
      users: [
        { login: 'alice', id: 5001, name: 'Alice' },
        { login: 'bob', id: 5002 },
        { login: 'carol', id: 5003 },
        { login: 'dave', id: 5004 },
        { login: 'erin', id: 5005 },
      ],
      teamMembers: ['alice'],
    });
    t = await startAppWithGithub(fake, { NIXSEC_ADMIN_GITHUB_IDS: '5003, 9999', GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('sends the browser to GitHub with the client id, scopes read:user read:org, a state nonce and the callback', async () => {
    const res = await request(t.url).get('/auth/github').expect(302);
    const location = new URL(res.headers.location);
    expect(`${location.origin}${location.pathname}`).toBe(`${fake.url}/login/oauth/authorize`);
    expect(location.searchParams.get('client_id')).toBe(fake.clientId);
    expect(location.searchParams.get('scope')?.split(/[ ,]/)).toEqual(['read:user', 'read:org']);
    expect(location.searchParams.get('state')).toMatch(/^\S{16,}$/);
    expect(location.searchParams.get('redirect_uri')).toBe(`${t.url}/auth/github/callback`);
  });

  it('logs in through the whole flow, lands on returnTo, and keeps the session in PostgreSQL', async () => {
    const agent = request.agent(t.url);
    const done = await agent.get(await tripToGithub(agent, fake, 'alice', '/auth/github?returnTo=/triage%3Fq%3D1')).expect(303);
    expect(done.headers.location).toBe('/triage?q=1');

    const cookies: string[] = done.headers['set-cookie'] as unknown as string[];
    const session = cookies.find((c) => c.startsWith('nixsec_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).not.toMatch(/Secure/i);
    const csrf = cookies.find((c) => c.startsWith('nixsec_csrf='))!;
    expect(csrf).not.toMatch(/HttpOnly/i);

    const me = await agent.get('/auth/me').expect(200);
    expect(me.body).toMatchObject({
      user: { login: 'alice', githubId: 5001, name: 'Alice', roles: ['security-team'], demo: false },
      via: 'session',
      login: { github: true, demo: false },
    });
    expect(me.body.csrfToken).toBe(decodeURIComponent(csrf.split(';')[0].split('=')[1]));
    expect((await graphql(agent, ME)).data.me).toEqual({ login: 'alice', githubId: 5001, roles: ['security-team'], demo: false, tokenScope: null });

    // The session is a row of http_session; a client without the cookie is anonymous.
    const [{ n }] = await query(t, `SELECT count(*)::int AS n FROM http_session WHERE sess::jsonb ->> 'userId' IS NOT NULL`);
    expect(n).toBeGreaterThanOrEqual(1);
    expect((await graphql(request(t.url), ME)).data.me).toBeNull();
    // The user's OAuth token was used at login only: it is stored nowhere.
    const stored = JSON.stringify(await query(t, `SELECT * FROM http_session`)) + JSON.stringify(await query(t, `SELECT * FROM app_user`));
    for (const token of fake.issuedTokens()) expect(stored).not.toContain(token);
  });

  it('refuses a callback whose state was not issued to this browser', async () => {
    const callback = await tripToGithub(request.agent(t.url), fake, 'bob');
    // Another browser (no session with that state) follows the callback link.
    const victim = request.agent(t.url);
    const res = await victim.get(callback).expect(303);
    expect(res.headers.location).toMatch(/^\/\?loginError=/);
    expect((await victim.get('/auth/me')).body.user).toBeNull();
  });

  it('sends the browser back with a reason when the user denies access on GitHub', async () => {
    const agent = request.agent(t.url);
    const res = await agent.get(await tripToGithub(agent, fake, null)).expect(303);
    expect(decodeURIComponent(res.headers.location)).toMatch(/loginError=.*denied/);
    expect((await agent.get('/auth/me')).body.user).toBeNull();
  });

  it('ignores a returnTo that leaves the site', async () => {
    const agent = request.agent(t.url);
    expect((await agent.get(await tripToGithub(agent, fake, 'erin', '/auth/github?returnTo=//evil.example/x')).expect(303)).headers.location).toBe('/');
  });

  it('gives admin by configured GitHub id and maintainer by a package in a tracked channel', async () => {
    const carol = await loginWithGithub(t, fake, 'carol');
    expect((await graphql(carol.agent, ME)).data.me.roles).toEqual(['admin']);

    await addMaintainedPackage(t, 5004, 'dave', 'hello');
    const dave = await loginWithGithub(t, fake, 'dave');
    expect((await graphql(dave.agent, ME)).data.me.roles).toEqual(['maintainer']);

    // erin maintains a package only in an untracked channel: no role.
    await addMaintainedPackage(t, 5005, 'erin', 'oldpkg', { channel: 'nixos-19.09', tracked: false });
    const erin = await loginWithGithub(t, fake, 'erin');
    expect((await graphql(erin.agent, ME)).data.me.roles).toEqual([]);
  });

  it('drops security-team after the role TTL when the user leaves the team, without a new login, and logs both changes', async () => {
    const alice = await loginWithGithub(t, fake, 'alice');
    const team = fake.github.state.team('NixOS', 'security')!;
    team.members.splice(team.members.indexOf('alice'), 1);

    // Within the TTL the stored roles stand (no GitHub call per request).
    expect((await graphql(alice.agent, ME)).data.me.roles).toEqual(['security-team']);
    await ageRoleCheck(t, 'alice');
    expect((await graphql(alice.agent, ME)).data.me.roles).toEqual([]);
    const membershipChecks = fake.github.requests.filter((r) => r.path === '/orgs/NixOS/teams/security/memberships/alice');
    // The refresh asked with the server's token (GITHUB_TOKEN), not a user's.
    expect(membershipChecks.at(-1)?.headers.authorization).toContain(fake.serverToken);

    const changes = (await activity(t, 'user.roles-changed')).filter((a) => a.details.login === 'alice');
    expect(changes.map((c) => [c.details.added, c.details.removed, c.details.reason])).toEqual([
      [['security-team'], [], 'login'],
      [[], ['security-team'], 'refresh'],
    ]);
    expect(changes[0]).toMatchObject({ actor: 'nixsec', subjectType: 'user', subjectId: '5001' });
  });

  it('gives security-team after the TTL to a user added to the team, without a new login', async () => {
    const bob = await loginWithGithub(t, fake, 'bob');
    expect((await graphql(bob.agent, ME)).data.me.roles).toEqual([]);
    fake.github.state.team('NixOS', 'security')!.members.push('bob');
    await ageRoleCheck(t, 'bob');
    expect((await graphql(bob.agent, ME)).data.me.roles).toEqual(['security-team']);
  });

  it('re-checks at once, before the TTL, when a membership webhook names the user', async () => {
    const erin = await loginWithGithub(t, fake, 'erin');
    expect((await graphql(erin.agent, ME)).data.me.roles).toEqual([]);
    fake.github.state.team('NixOS', 'security')!.members.push('erin');
    expect((await graphql(erin.agent, ME)).data.me.roles).toEqual([]);
    // Shaped like GitHub's membership.added delivery (trimmed).
    const body = JSON.stringify({
      action: 'added',
      scope: 'team',
      member: { id: 5005, login: 'erin' },
      team: { id: 42, slug: 'security', name: 'Security' },
      organization: { id: 487568, login: 'NixOS' },
      sender: { id: 1, login: 'someone' },
    });
    await request(t.url)
      .post('/webhooks/github')
      .set('Content-Type', 'application/json')
      .set('X-GitHub-Event', 'membership')
      .set('X-GitHub-Delivery', randomUUID())
      .set('X-Hub-Signature-256', signWebhookBody(WEBHOOK_SECRET, body))
      .send(body)
      .expect(200);
    expect((await graphql(erin.agent, ME)).data.me.roles).toEqual(['security-team']);
  });

  it('keeps the last known team role while GitHub is down, and retries later', async () => {
    const bob = await loginWithGithub(t, fake, 'bob');
    await ageRoleCheck(t, 'bob');
    fake.github.fail('bad-gateway', { times: 10, match: (r) => r.path.includes('/memberships/bob') });
    expect((await graphql(bob.agent, ME)).data.me.roles).toEqual(['security-team']);
    const [row] = await query(t, `SELECT roles_checked_at < now() - interval '5 minutes' AS retry_soon FROM app_user WHERE login = 'bob'`);
    expect(row.retry_soon).toBe(true);
  });

  it('logs out: refused without the CSRF token, then the session is gone', async () => {
    const { agent, csrf, cookie } = await loginWithGithub(t, fake, 'carol');
    const refused = await agent.post('/auth/logout').expect(403);
    expect(refused.body).toMatchObject({ error: 'CSRF_TOKEN_INVALID' });
    expect((await agent.get('/auth/me')).body.user.login).toBe('carol');

    await agent.post('/auth/logout').set('X-CSRF-Token', csrf).expect(204);
    expect((await agent.get('/auth/me')).body.user).toBeNull();
    // Replaying the old cookie does not bring the session back.
    const replay = await request(t.url).get('/auth/me').set('Cookie', cookie).expect(200);
    expect(replay.body.user).toBeNull();
  });
});
