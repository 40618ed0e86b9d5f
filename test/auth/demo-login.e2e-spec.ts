import request from 'supertest';
import { startTestApp, TestApp } from '../../server/src/testing/test-app';
import { graphql } from './support';

const ME = '{ me { login githubId roles demo } }';

describe('demo login (no GitHub OAuth configured, not production)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('says which logins exist, and that GitHub login is not configured', async () => {
    const me = await request(t.url).get('/auth/me').expect(200);
    expect(me.body).toMatchObject({ user: null, via: null, csrfToken: null, login: { github: false, demo: true, demoRoles: ['maintainer', 'security-team'] } });
    const github = await request(t.url).get('/auth/github').expect(404);
    expect(github.body.message).toMatch(/GitHub login is not configured: set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET/);
  });

  it('logs in a clearly labelled demo security-team user, then a demo maintainer', async () => {
    const agent = request.agent(t.url);
    const res = await agent.post('/auth/demo').send({ role: 'security-team' }).expect(200);
    expect(res.body.user).toMatchObject({ login: 'demo-security', githubId: -1, roles: ['security-team'], demo: true });
    expect(res.body.user.name).toMatch(/demo/i);
    expect(res.body.csrfToken).toEqual(expect.any(String));
    expect((await graphql(agent, ME)).data.me).toEqual({ login: 'demo-security', githubId: -1, roles: ['security-team'], demo: true });

    const maintainer = request.agent(t.url);
    await maintainer.post('/auth/demo').send({ role: 'maintainer' }).expect(200);
    expect((await graphql(maintainer, ME)).data.me).toEqual({ login: 'demo-maintainer', githubId: -2, roles: ['maintainer'], demo: true });
  });

  it('refuses other roles', async () => {
    const res = await request(t.url).post('/auth/demo').send({ role: 'admin' }).expect(400);
    expect(res.body.message).toMatch(/Choose a demo role/);
  });
});

describe('demo login is impossible', () => {
  it('when GitHub OAuth is configured', async () => {
    const t = await startTestApp({ env: { GITHUB_CLIENT_ID: 'Iv1.x', GITHUB_CLIENT_SECRET: 'y'.repeat(40) } });
    try {
      const res = await request(t.url).post('/auth/demo').send({ role: 'security-team' }).expect(404);
      expect(res.body.message).toBe('Demo login is disabled: GitHub login is configured (GITHUB_CLIENT_ID); log in with GitHub.');
      expect((await request(t.url).get('/auth/me')).body.login).toMatchObject({ github: true, demo: false });
    } finally {
      await t.close();
    }
  });

  it('in production', async () => {
    const t = await startTestApp({ env: { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), PUBLIC_URL: 'https://nixsec.example.org' } });
    try {
      const res = await request(t.url).post('/auth/demo').send({ role: 'security-team' }).expect(404);
      expect(res.body.message).toBe('Demo login is disabled: NODE_ENV is production.');
    } finally {
      await t.close();
    }
  });
});

describe('cookies behind a TLS-terminating proxy (PUBLIC_URL https)', () => {
  it('are Secure, HttpOnly (session) and SameSite=Lax', async () => {
    const t = await startTestApp({ env: { PUBLIC_URL: 'https://nixsec.example.org' } });
    try {
      const res = await request(t.url).post('/auth/demo').set('X-Forwarded-Proto', 'https').send({ role: 'maintainer' }).expect(200);
      const cookies = res.headers['set-cookie'] as unknown as string[];
      const session = cookies.find((c) => c.startsWith('nixsec_session='))!;
      const csrf = cookies.find((c) => c.startsWith('nixsec_csrf='))!;
      expect(session).toMatch(/; Secure/);
      expect(session).toMatch(/; HttpOnly/);
      expect(session).toMatch(/; SameSite=Lax/);
      expect(csrf).toMatch(/; Secure/);
      expect(csrf).not.toMatch(/HttpOnly/);
    } finally {
      await t.close();
    }
  });
});
