import { FakeGithubOAuth, startFakeGithubOAuth } from '../../server/src/auth/__tests__/fake-github-oauth';
import { TestApp } from '../../server/src/testing/test-app';
import { graphql, loginWithGithub, startAppWithGithub } from '../auth/support';

type Gql = (query: string, variables?: Record<string, unknown>) => Promise<any>;

const REGISTER = `mutation ($input: BootChainBuilderInput!) {
  registerBootChainBuilder(input: $input) { builder { id name kind operator host nixVersion publicKey url maxConcurrent timeoutSeconds systems enabled hasToken } token }
}`;

/** Registering a builder again (as the admin page's form does) changes what it says and keeps the rest. */
describe('boot-chain builder registration by name', () => {
  let fake: FakeGithubOAuth;
  let t: TestApp;
  let ada: Gql;

  beforeAll(async () => {
    fake = await startFakeGithubOAuth({ users: [{ login: 'ada', id: 9102 }] });
    t = await startAppWithGithub(fake, { NIXSEC_ADMIN_GITHUB_IDS: '9102' });
    const s = await loginWithGithub(t, fake, 'ada');
    ada = (q, v = {}) => graphql(s.agent, q, v, { 'X-CSRF-Token': s.csrf });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('keeps the fields a re-registration leaves out, clears those given as null, and keeps the token', async () => {
    const first = await ada(REGISTER, {
      input: {
        name: 'lila-eu', kind: 'external', operator: 'Alice', host: { cpu: 'EPYC 7443P', location: 'Helsinki' }, nixVersion: '2.24.9',
        url: 'https://lila.example', maxConcurrent: 4, timeoutSeconds: 7200, systems: ['x86_64-linux', 'i686-linux'], enabled: false, newToken: true,
      },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data.registerBootChainBuilder.token).toMatch(/^nxb_/);

    // What the admin form sends: the fields it shows, with an emptied operator and no new token.
    const again = await ada(REGISTER, { input: { name: 'lila-eu', kind: 'external', operator: null, url: 'https://lila.example/v2', maxConcurrent: 2, timeoutSeconds: 3600, newToken: false } });
    expect(again.errors).toBeUndefined();
    expect(again.data.registerBootChainBuilder).toEqual({
      builder: {
        id: first.data.registerBootChainBuilder.builder.id, name: 'lila-eu', kind: 'external', operator: null,
        host: { cpu: 'EPYC 7443P', location: 'Helsinki' }, nixVersion: '2.24.9', publicKey: null, url: 'https://lila.example/v2',
        maxConcurrent: 2, timeoutSeconds: 3600, systems: ['x86_64-linux', 'i686-linux'], enabled: false, hasToken: true,
      },
      token: null,
    });
  });

  it('gives a new builder the defaults, and checks the merged registration (a binary cache needs its url)', async () => {
    const fresh = await ada(REGISTER, { input: { name: 'cache', kind: 'binary-cache', url: 'https://cache.example' } });
    expect(fresh.errors).toBeUndefined();
    expect(fresh.data.registerBootChainBuilder.builder).toMatchObject({ maxConcurrent: 1, timeoutSeconds: 14400, systems: [], enabled: true, host: {}, hasToken: false });

    const kept = await ada(REGISTER, { input: { name: 'cache', kind: 'binary-cache', operator: 'NixOS' } });
    expect(kept.data.registerBootChainBuilder.builder).toMatchObject({ url: 'https://cache.example', operator: 'NixOS' });
    const cleared = await ada(REGISTER, { input: { name: 'cache', kind: 'binary-cache', url: null } });
    expect(cleared.errors?.[0].message).toMatch(/builder cache: a binary-cache builder needs the url of the cache/);
  });
});
