import { generateKeyPairSync } from 'node:crypto';
import { FakeGithubServer, startFakeGithubServer } from '../__tests__/fake-github-server';
import { failureOf } from '../__tests__/github-client.fixtures';
import { GithubClient } from './github-client';

// GitHub hands out PKCS#1 PEM keys ("BEGIN RSA PRIVATE KEY") for apps.
const rsa = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
const appKey = rsa();
const APP_ID = 123456;
const INSTALLATION_ID = 7890123;

let server: FakeGithubServer;
beforeEach(async () => {
  server = await startFakeGithubServer({ app: { id: APP_ID, installationId: INSTALLATION_ID, publicKey: appKey.publicKey } });
  server.addUser({ login: 'octocat', id: 583231 });
  server.addRepo('NixOS/nixpkgs');
});
afterEach(() => server.close());

function appClient(privateKey = appKey.privateKey, installationId = INSTALLATION_ID): GithubClient {
  return new GithubClient({
    baseUrl: server.url,
    auth: { kind: 'app', appId: APP_ID, privateKey, installationId },
    retryUnitMs: 1,
    rateLimitUnitMs: 1,
    writeIntervalMs: 0,
    notifyingWriteIntervalMs: 0,
  });
}

describe('GithubClient as a GitHub App installation', () => {
  it('signs a JWT with the app key, gets an installation token once and uses it', async () => {
    const client = appClient();
    expect(await client.getUser('octocat')).toMatchObject({ id: 583231 });
    const issue = await client.createIssue('NixOS/nixpkgs', { title: 'CVE-2024-3094' });
    expect(issue.number).toBe(1);

    const [tokenRequest, ...calls] = server.requests;
    expect(`${tokenRequest.method} ${tokenRequest.path}`).toBe(`POST /app/installations/${INSTALLATION_ID}/access_tokens`);
    expect(tokenRequest.headers.authorization).toMatch(/^bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /users/octocat', 'POST /repos/NixOS/nixpkgs/issues']);
    expect(calls.every((r) => /^token ghs_/.test(String(r.headers.authorization)))).toBe(true);
    expect(server.issues('NixOS/nixpkgs')[0].user).toBe('nixsec[bot]');
  });

  it('names the app settings when the key does not belong to the app', async () => {
    const wrongKey = rsa().privateKey;
    const error = await failureOf(appClient(wrongKey).getUser('octocat'));
    expect(error.reason).toBe('bad-credentials');
    expect(error.message).toBe(
      'GitHub: cannot look up the GitHub user "octocat": GitHub did not issue a GitHub App installation token ' +
        '(HTTP 401: A JSON web token could not be decoded): check GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY_FILE and ' +
        'GITHUB_APP_INSTALLATION_ID (the key must belong to the app, and the app must be installed with that installation id).',
    );
    expect(error.message).not.toContain('PRIVATE KEY');
  });

  it('treats an unknown installation as a setting to fix, not as "no such user"', async () => {
    const error = await failureOf(appClient(appKey.privateKey, 1).getUser('octocat'));
    expect(error.reason).toBe('bad-credentials');
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/GITHUB_APP_INSTALLATION_ID/);
  });
});
