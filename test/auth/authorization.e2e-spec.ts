import { Controller, Module, Post } from '@nestjs/common';
import { Mutation, Query, Resolver } from '@nestjs/graphql';
import request from 'supertest';
import { FakeGithubOAuth, startFakeGithubOAuth } from '../../server/src/auth/__tests__/fake-github-oauth';
import { RequireRole } from '../../server/src/auth/require-role.decorator';
import { TestApp } from '../../server/src/testing/test-app';
import { activity, addMaintainedPackage, Agent, graphql, loginWithGithub, query, startAppWithGithub } from './support';

/** Stand-ins for the mutations later modules add, one per role, guarded exactly as they will be. */
@Resolver()
class GuardedResolver {
  @Mutation(() => String)
  @RequireRole('maintainer')
  maintainerAction(): string {
    return 'maintainer ok';
  }

  @Mutation(() => String)
  @RequireRole('security-team')
  triageAction(): string {
    return 'triage ok';
  }

  @Mutation(() => String)
  @RequireRole('admin')
  adminAction(): string {
    return 'admin ok';
  }

  @Query(() => String)
  @RequireRole('security-team')
  embargoed(): string {
    return 'secret';
  }
}

@Controller('api/test')
class GuardedController {
  @Post('publish')
  @RequireRole('security-team')
  publish(): { ok: true } {
    return { ok: true };
  }
}

@Module({ providers: [GuardedResolver], controllers: [GuardedController] })
class GuardedModule {}

const MUTATIONS = ['maintainerAction', 'triageAction', 'adminAction'] as const;

describe('authorization: roles, CSRF, API tokens', () => {
  let fake: FakeGithubOAuth;
  let t: TestApp;
  const users: Record<string, { agent: Agent; csrf: string }> = {};

  beforeAll(async () => {
    fake = await startFakeGithubOAuth({
      users: [
        { login: 'mia', id: 7001 },
        { login: 'sam', id: 7002 },
        { login: 'ada', id: 7003 },
      ],
      teamMembers: ['sam'],
    });
    t = await startAppWithGithub(fake, { NIXSEC_ADMIN_GITHUB_IDS: '7003' }, [GuardedModule]);
    await addMaintainedPackage(t, 7001, 'mia', 'openssl');
    users.maintainer = await loginWithGithub(t, fake, 'mia');
    users['security-team'] = await loginWithGithub(t, fake, 'sam');
    users.admin = await loginWithGithub(t, fake, 'ada');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const asUser = (role: string, q: string, variables: Record<string, unknown> = {}) =>
    graphql(users[role].agent, q, variables, { 'X-CSRF-Token': users[role].csrf });

  it('allows each mutation to its role and above, and refuses the rest with UNAUTHENTICATED or FORBIDDEN', async () => {
    const expected: Record<string, Record<(typeof MUTATIONS)[number], string>> = {
      anonymous: { maintainerAction: 'UNAUTHENTICATED', triageAction: 'UNAUTHENTICATED', adminAction: 'UNAUTHENTICATED' },
      maintainer: { maintainerAction: 'ok', triageAction: 'FORBIDDEN', adminAction: 'FORBIDDEN' },
      'security-team': { maintainerAction: 'ok', triageAction: 'ok', adminAction: 'FORBIDDEN' },
      admin: { maintainerAction: 'ok', triageAction: 'ok', adminAction: 'ok' },
    };
    const actual: typeof expected = {};
    for (const role of Object.keys(expected)) {
      actual[role] = {} as (typeof expected)[string];
      for (const mutation of MUTATIONS) {
        const res = role === 'anonymous' ? await graphql(request(t.url), `mutation { ${mutation} }`) : await asUser(role, `mutation { ${mutation} }`);
        actual[role][mutation] = res.errors ? res.errors[0].extensions.code : res.data[mutation].endsWith('ok') ? 'ok' : 'wrong';
      }
    }
    expect(actual).toEqual(expected);

    const forbidden = await asUser('maintainer', 'mutation { triageAction }');
    expect(forbidden.errors![0].message).toBe('Not allowed: this needs the security-team role (you have maintainer).');
    const anonymous = await graphql(request(t.url), 'mutation { triageAction }');
    expect(anonymous.errors![0].message).toBe('Log in first: this needs the security-team role.');
  });

  it('guards queries and REST controllers the same way', async () => {
    expect((await graphql(request(t.url), '{ embargoed }')).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await graphql(users.maintainer.agent, '{ embargoed }')).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await graphql(users['security-team'].agent, '{ embargoed }')).data.embargoed).toBe('secret');

    await request(t.url).post('/api/test/publish').expect(401);
    await users.maintainer.agent.post('/api/test/publish').set('X-CSRF-Token', users.maintainer.csrf).expect(403);
    await users['security-team'].agent.post('/api/test/publish').set('X-CSRF-Token', users['security-team'].csrf).expect(201);
  });

  it('refuses a cookie-authenticated mutation without the CSRF token or with a wrong one, before any resolver runs', async () => {
    const { agent, csrf } = users.admin;
    const missing = await graphql(agent, 'mutation { adminAction }');
    expect(missing.errors![0].extensions.code).toBe('CSRF_TOKEN_INVALID');
    expect(missing.errors![0].message).toMatch(/X-CSRF-Token/);
    expect(missing.data).toBeUndefined();
    const wrong = await graphql(agent, 'mutation { adminAction }', {}, { 'X-CSRF-Token': `${csrf.slice(1)}x` });
    expect(wrong.errors![0].extensions.code).toBe('CSRF_TOKEN_INVALID');
    // Another user's token does not fit this session.
    const foreign = await graphql(agent, 'mutation { adminAction }', {}, { 'X-CSRF-Token': users.maintainer.csrf });
    expect(foreign.errors![0].extensions.code).toBe('CSRF_TOKEN_INVALID');
    // Queries need no token; REST mutations do.
    expect((await graphql(agent, '{ me { login } }')).data.me.login).toBe('ada');
    expect((await agent.post('/api/test/publish').expect(403)).body.error).toBe('CSRF_TOKEN_INVALID');
  });

  it("keeps Apollo's CSRF prevention: a form-encodable request is refused", async () => {
    const res = await users.admin.agent
      .post('/graphql')
      .set('Content-Type', 'text/plain')
      .set('X-CSRF-Token', users.admin.csrf)
      .send(JSON.stringify({ query: 'mutation { adminAction }' }));
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/CSRF/);
  });

  async function createToken(role: string, scope: string, name = `${role} ${scope}`, expiresInDays = 30) {
    const res = await asUser(
      role,
      'mutation ($name: String!, $scope: ApiTokenScope!, $days: Int!) { createApiToken(name: $name, scope: $scope, expiresInDays: $days) { secret token { id name scope expiresAt lastUsedAt revokedAt } } }',
      { name, scope, days: expiresInDays },
    );
    expect(res.errors).toBeUndefined();
    return res.data.createApiToken as { secret: string; token: { id: string; scope: string; expiresAt: string } };
  }

  const bearer = (secret: string, q: string, variables: Record<string, unknown> = {}) =>
    graphql(request(t.url), q, variables, { Authorization: `Bearer ${secret}` });

  it('creates a token shown once and stored hashed; Bearer authenticates as its owner without CSRF', async () => {
    const created = await createToken('admin', 'admin', 'release script');
    expect(created.secret).toMatch(/^nixsec_[A-Za-z0-9_-]{43}$/);
    expect(created.token).toMatchObject({ scope: 'admin', lastUsedAt: null, revokedAt: null });
    const rows = await query(t, `SELECT * FROM api_token WHERE id = $1`, [Number(created.token.id)]);
    expect(JSON.stringify(rows)).not.toContain(created.secret.slice(7));

    const me = await bearer(created.secret, '{ me { login roles tokenScope } }');
    expect(me.data.me).toEqual({ login: 'ada', roles: ['admin'], tokenScope: 'admin' });
    expect((await bearer(created.secret, 'mutation { adminAction }')).data.adminAction).toBe('admin ok');

    const listed = await asUser('admin', '{ apiTokens { id name scope lastUsedAt } }');
    const mine = listed.data.apiTokens.find((tok: { id: string }) => tok.id === created.token.id);
    expect(mine.name).toBe('release script');
    expect(mine.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    // A cookie that comes along is ignored: the bearer token decides.
    const both = await users.maintainer.agent.post('/graphql').set('Authorization', `Bearer ${created.secret}`).send({ query: '{ me { login } }' });
    expect(both.body.data.me.login).toBe('ada');

    const log = await activity(t, 'api-token.created');
    expect(log.find((a) => a.subjectId === created.token.id)).toMatchObject({ actor: 'ada', details: { owner: 'ada', name: 'release script', scope: 'admin' } });
  });

  it("caps the owner's roles by the token scope; read tokens run no mutations", async () => {
    const triage = await createToken('admin', 'triage');
    expect((await bearer(triage.secret, '{ me { roles } }')).data.me.roles).toEqual([]);
    // ada holds only admin, which triage cuts; sam (security-team) keeps his role with triage.
    const samTriage = await createToken('security-team', 'triage');
    expect((await bearer(samTriage.secret, '{ me { roles } }')).data.me.roles).toEqual(['security-team']);
    expect((await bearer(samTriage.secret, 'mutation { triageAction }')).data.triageAction).toBe('triage ok');
    const adminViaTriage = await bearer(samTriage.secret, 'mutation { adminAction }');
    expect(adminViaTriage.errors![0].extensions.code).toBe('FORBIDDEN');

    const read = await createToken('security-team', 'read');
    expect((await bearer(read.secret, '{ me { login roles } }')).data.me).toEqual({ login: 'sam', roles: [] });
    expect((await bearer(read.secret, '{ embargoed }')).errors![0].extensions.code).toBe('FORBIDDEN');
    const mutation = await bearer(read.secret, 'mutation { maintainerAction }');
    expect(mutation.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(mutation.errors![0].message).toMatch(/scope read/);

    // Only a session (or an admin-scoped token) mints tokens.
    const minted = await bearer(samTriage.secret, 'mutation { createApiToken(name: "x", scope: admin, expiresInDays: 1) { secret } }');
    expect(minted.errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('refuses a token after revocation and after expiry, with 401 and a reason', async () => {
    const token = await createToken('security-team', 'triage', 'to revoke');
    expect((await bearer(token.secret, '{ me { login } }')).data.me.login).toBe('sam');

    // Only the owner can revoke it.
    const notMine = await asUser('admin', 'mutation ($id: ID!) { revokeApiToken(id: $id) { id } }', { id: token.token.id });
    expect(notMine.errors![0].extensions.code).toBe('NOT_FOUND');
    const revoked = await asUser('security-team', 'mutation ($id: ID!) { revokeApiToken(id: $id) { revokedAt } }', { id: token.token.id });
    expect(revoked.data.revokeApiToken.revokedAt).not.toBeNull();
    const res = await request(t.url).post('/graphql').set('Authorization', `Bearer ${token.secret}`).send({ query: '{ me { login } }' }).expect(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.body.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(res.body.errors[0].message).toMatch(/revoked/);
    expect((await activity(t, 'api-token.revoked')).map((a) => a.subjectId)).toContain(token.token.id);

    const expiring = await createToken('security-team', 'triage', 'to expire', 1);
    await query(t, `UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1`, [Number(expiring.token.id)]);
    const expired = await request(t.url).post('/graphql').set('Authorization', `Bearer ${expiring.secret}`).send({ query: '{ me { login } }' }).expect(401);
    expect(expired.body.errors[0].message).toMatch(/expired/);

    const unknown = await request(t.url).post('/graphql').set('Authorization', 'Bearer nixsec_notatoken').send({ query: '{ me { login } }' }).expect(401);
    expect(unknown.body.errors[0].message).toMatch(/Unknown API token/);
  });

  it('validates token input with messages that say what to do', async () => {
    const res = await asUser('maintainer', 'mutation { createApiToken(name: " ", scope: read, expiresInDays: 5) { secret } }');
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    const tooLong = await asUser('maintainer', 'mutation { createApiToken(name: "x", scope: read, expiresInDays: 1000) { secret } }');
    expect(tooLong.errors![0].message).toMatch(/1 to 366/);
    const anonymous = await graphql(request(t.url), '{ apiTokens { id } }');
    expect(anonymous.errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('rate limits', () => {
  let fake: FakeGithubOAuth;
  let t: TestApp;

  beforeAll(async () => {
    fake = await startFakeGithubOAuth({ users: [{ login: 'rita', id: 8001 }] });
    t = await startAppWithGithub(fake, { NIXSEC_RATE_LIMIT_PER_IP: '40', NIXSEC_RATE_LIMIT_PER_TOKEN: '3' });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('answers 429 with Retry-After past the per-token limit, per token', async () => {
    const { agent, csrf } = await loginWithGithub(t, fake, 'rita');
    const make = async (name: string) =>
      (await graphql(agent, `mutation { createApiToken(name: "${name}", scope: read, expiresInDays: 1) { secret } }`, {}, { 'X-CSRF-Token': csrf })).data.createApiToken.secret;
    const [first, second] = [await make('one'), await make('two')];
    const call = (secret: string) => request(t.url).post('/graphql').set('Authorization', `Bearer ${secret}`).send({ query: '{ me { login } }' });
    for (let i = 0; i < 3; i++) await call(first).expect(200);
    const limited = await call(first).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.errors[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    expect(limited.body.errors[0].message).toMatch(/at most 3 a minute per API token/);
    await call(second).expect(200);
  });

  it('answers 429 past the per-IP limit, whoever calls', async () => {
    // X-Forwarded-For is honoured from the loopback proxy (NIXSEC_TRUST_PROXY=loopback): a fresh client address.
    const from = (ip: string) => request(t.url).get('/auth/me').set('X-Forwarded-For', ip);
    let status = 200;
    let n = 0;
    while (status === 200 && n < 100) {
      status = (await from('203.0.113.7')).status;
      n++;
    }
    expect(status).toBe(429);
    expect(n).toBe(41);
    await from('203.0.113.8').expect(200);
  });
});
