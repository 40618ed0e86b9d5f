import { FakeGithubServer, FakeGithubServerOptions, startFakeGithubServer } from '../__tests__/fake-github-server';
import { failureOf, fastClient, TOKEN } from '../__tests__/github-client.fixtures';
import { GithubClient } from './github-client';
import { GithubPullRequest } from './github.types';

let fake: FakeGithubServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function serve(options: FakeGithubServerOptions = { tokens: { [TOKEN]: { login: 'nixsec-bot' } } }) {
  fake = await startFakeGithubServer(options);
  return fake;
}

async function collect(pulls: AsyncIterable<GithubPullRequest>): Promise<GithubPullRequest[]> {
  const all: GithubPullRequest[] = [];
  for await (const pull of pulls) all.push(pull);
  return all;
}

describe('GithubClient users and teams', () => {
  it('looks users up by login and by id, sending the token; unknown users are null', async () => {
    const server = await serve();
    server.addUser({ login: 'octocat', id: 583231, name: 'The Octocat' });
    const client = fastClient(server);

    const user = await client.getUser('OctoCat');
    expect(user).toEqual({
      id: 583231,
      login: 'octocat',
      name: 'The Octocat',
      type: 'User',
      avatarUrl: 'https://avatars.githubusercontent.com/u/583231?v=4',
      htmlUrl: 'https://github.com/octocat',
    });
    expect(await client.getUserById(583231)).toEqual(user);
    expect(await client.getUser('nobody-here')).toBeNull();
    expect(await client.getUserById(1)).toBeNull();

    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /users/OctoCat',
      'GET /user/583231',
      'GET /users/nobody-here',
      'GET /user/1',
    ]);
    expect(server.requests[0].headers.authorization).toBe(`token ${TOKEN}`);
    expect(server.requests[0].headers['user-agent']).toMatch(/^nixsec /);
    expect(client.rateLimit).toMatchObject({ limit: 5000, remaining: 4996, resource: 'core' });
  });

  it('answers team membership: active yes, pending and non-members no', async () => {
    const server = await serve();
    server.addTeam('NixOS', 'security', ['alice', 'bob'], { pending: ['carol'] });
    const client = fastClient(server);

    expect(await client.isTeamMember('NixOS', 'security', 'alice')).toBe(true);
    expect(await client.isTeamMember('NixOS', 'security', 'carol')).toBe(false);
    expect(await client.isTeamMember('NixOS', 'security', 'mallory')).toBe(false);
  });

  it('says when a team does not exist or is hidden instead of answering "not a member"', async () => {
    const server = await serve();
    const error = await failureOf(fastClient(server).isTeamMember('NixOS', 'secutiry', 'alice'));
    expect(error.reason).toBe('not-found');
    expect(error.message).toMatch(/the team NixOS\/secutiry does not exist or is hidden/);
    expect(error.message).toMatch(/GITHUB_TOKEN_FILE has read:org/);
  });

  it('lists every member of a team across pages', async () => {
    const server = await serve();
    const members = Array.from({ length: 230 }, (_, i) => `member-${i}`);
    server.addTeam('NixOS', 'nixpkgs-committers', members);

    const listed = await fastClient(server).listTeamMembers('NixOS', 'nixpkgs-committers');
    expect(listed.map((m) => m.login)).toEqual(members);
    expect(listed[0].id).toEqual(server.state.user('member-0')!.id);
    expect(server.requests.map((r) => r.query.get('page') ?? '1')).toEqual(['1', '2', '3']);
  });
});

describe('GithubClient issues', () => {
  it('creates, updates and closes an issue', async () => {
    const server = await serve();
    server.addRepo('NixOS/nixpkgs');
    const client = fastClient(server);

    const created = await client.createIssue('NixOS/nixpkgs', {
      title: 'Vulnerability roundup: CVE-2024-3094 in xz',
      body: 'xz 5.6.0 and 5.6.1 contain a backdoor.',
      labels: ['1.severity: security'],
    });
    expect(created).toMatchObject({
      number: 1,
      state: 'open',
      labels: ['1.severity: security'],
      htmlUrl: 'https://github.com/NixOS/nixpkgs/issues/1',
    });
    expect(created.createdAt).toBeInstanceOf(Date);

    const updated = await client.updateIssue('NixOS/nixpkgs', 1, { body: 'Fixed by #300028.', labels: [] });
    expect(updated).toMatchObject({ body: 'Fixed by #300028.', labels: [], state: 'open' });

    const closed = await client.closeIssue('NixOS/nixpkgs', 1, 'not_planned');
    expect(closed).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
    expect(closed.closedAt).toBeInstanceOf(Date);

    expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/repos/NixOS/nixpkgs/issues', expect.objectContaining({ title: expect.stringContaining('xz') })],
      ['PATCH', '/repos/NixOS/nixpkgs/issues/1', { body: 'Fixed by #300028.', labels: [] }],
      ['PATCH', '/repos/NixOS/nixpkgs/issues/1', { state: 'closed', state_reason: 'not_planned' }],
    ]);
    expect(server.issues('NixOS/nixpkgs')[0]).toMatchObject({ state: 'closed', user: 'nixsec-bot' });
  });

  it('explains a rejected issue, a missing repository and a read-only token', async () => {
    const server = await serve({
      tokens: { [TOKEN]: { login: 'nixsec-bot' }, 'ghp_readonly': { login: 'reader', readOnly: true } },
    });
    server.addRepo('NixOS/nixpkgs');
    const client = fastClient(server);

    const invalid = await failureOf(client.createIssue('NixOS/nixpkgs', { title: '' }));
    expect(invalid.reason).toBe('invalid-request');
    expect(invalid.message).toBe(
      'GitHub: cannot create an issue in NixOS/nixpkgs: GitHub rejected the request (HTTP 422: Validation Failed: title missing_field).',
    );

    const missing = await failureOf(client.createIssue('NixOS/nixpkgs-typo', { title: 'x' }));
    expect(missing.reason).toBe('not-found');
    expect(missing.message).toMatch(/create an issue in NixOS\/nixpkgs-typo: not found \(HTTP 404: Not Found\)/);

    const readOnly = fastClient(server, { auth: { kind: 'token', token: 'ghp_readonly' } });
    const forbidden = await failureOf(readOnly.closeIssue('NixOS/nixpkgs', 1));
    expect(forbidden.reason).toBe('forbidden');
    expect(forbidden.message).toBe(
      'GitHub: cannot update issue NixOS/nixpkgs#1: GitHub refused (HTTP 403: Resource not accessible by personal ' +
        'access token). It needs issues=write. Grant the permission to the token in GITHUB_TOKEN_FILE.',
    );
    await expect(client.createIssue('nixpkgs', { title: 'x' })).rejects.toThrow(/expected a repository as "owner\/name"/);
  });
});

describe('GithubClient pull requests', () => {
  it('reads a pull request, merged or not', async () => {
    const server = await serve();
    server.addPull('NixOS/nixpkgs', {
      number: 300028,
      title: 'xz: 5.6.1 -> 5.4.6',
      state: 'closed',
      merged_at: '2024-03-29T18:30:41Z',
      merge_commit_sha: '1b8dd6cd26e3bbb7a2d5a8dab7a2b4ecf2b3f9f2',
      base: 'staging',
      closed_at: '2024-03-29T18:30:41Z',
      labels: ['1.severity: security'],
    });
    const client = fastClient(server);

    expect(await client.getPullRequest('NixOS/nixpkgs', 300028)).toMatchObject({
      number: 300028,
      title: 'xz: 5.6.1 -> 5.4.6',
      state: 'closed',
      merged: true,
      mergedAt: new Date('2024-03-29T18:30:41Z'),
      mergeCommitSha: '1b8dd6cd26e3bbb7a2d5a8dab7a2b4ecf2b3f9f2',
      baseRef: 'staging',
      labels: ['1.severity: security'],
      htmlUrl: 'https://github.com/NixOS/nixpkgs/pull/300028',
    });
    expect(await client.getPullRequest('NixOS/nixpkgs', 1)).toBeNull();
  });

  it('lists pull requests updated since a time, newest first, stopping at the first older page', async () => {
    const server = await serve();
    const base = Date.parse('2024-06-01T00:00:00Z');
    for (let n = 1; n <= 250; n++) {
      const updated = new Date(base + n * 60_000).toISOString();
      server.addPull('NixOS/nixpkgs', { number: n, updated_at: updated, base: n % 2 ? 'master' : 'staging' });
    }
    const client = fastClient(server);
    // PRs 101..250 were updated at or after this instant: two pages of 100 hold them.
    const since = new Date(base + 101 * 60_000);

    const pulls = await collect(client.pullRequestsUpdatedSince('NixOS/nixpkgs', since));
    expect(pulls.map((p) => p.number)).toEqual(Array.from({ length: 150 }, (_, i) => 250 - i));
    expect(server.requests.map((r) => r.query.get('page') ?? '1')).toEqual(['1', '2']);
    expect(server.requests[0].query.toString()).toBe('state=all&sort=updated&direction=desc&per_page=100');

    const staging = await collect(client.pullRequestsUpdatedSince('NixOS/nixpkgs', since, { base: 'staging' }));
    expect(staging.every((p) => p.baseRef === 'staging')).toBe(true);
    expect(staging).toHaveLength(75);
  });
});

describe('GithubClient credentials and base URL', () => {
  it('names the setting to fix for a bad token, never the token itself', async () => {
    const server = await serve();
    const lines: string[] = [];
    const badToken = 'ghp_revokedTokenXYZ0123456789abcdefABCD';
    const client = fastClient(server, { auth: { kind: 'token', token: badToken }, log: (l) => lines.push(l) });

    const error = await failureOf(client.getUser('octocat'));
    expect(error.reason).toBe('bad-credentials');
    expect(error.status).toBe(401);
    expect(error.message).toBe(
      'GitHub: cannot look up the GitHub user "octocat": GitHub rejected the credentials (HTTP 401: Bad credentials): ' +
        'check GITHUB_TOKEN_FILE (or GITHUB_TOKEN): the token may be expired, revoked or mistyped.',
    );
    expect(JSON.stringify({ error, message: error.message, stack: error.stack, lines })).not.toContain(badToken);
    // 401 is not transient: one request, no retries.
    expect(server.requests).toHaveLength(1);
  });

  it('without credentials, says how to configure them when GitHub requires authentication', async () => {
    const server = await serve();
    server.addRepo('NixOS/nixpkgs');
    const client = fastClient(server, { auth: { kind: 'none' } });
    const error = await failureOf(client.createIssue('NixOS/nixpkgs', { title: 'x' }));
    expect(error.message).toMatch(/HTTP 401: Requires authentication\): set GITHUB_TOKEN_FILE \(a personal token\) or a GitHub App/);
    expect(server.requests[0].headers.authorization).toBeUndefined();
  });

  it('accepts a token the fake hands out later (as an OAuth flow does)', async () => {
    const server = await serve();
    server.addUser({ login: 'alice' });
    server.addToken('gho_issuedLater', { login: 'alice' });
    const client = fastClient(server, { auth: { kind: 'token', token: 'gho_issuedLater' } });
    expect(await client.getUser('alice')).toMatchObject({ login: 'alice' });
  });

  it('works under a GitHub Enterprise style base path', async () => {
    const server = await serve({ basePath: '/api/v3', tokens: { [TOKEN]: {} } });
    server.addUser({ login: 'octocat' });
    const client = fastClient(server);
    expect(server.url).toMatch(/\/api\/v3$/);
    expect(await client.getUser('octocat')).toMatchObject({ login: 'octocat' });
  });

  it('names GITHUB_API_URL when nothing answers there', async () => {
    const server = await serve();
    const url = server.url;
    await server.close();
    fake = undefined;
    const client = new GithubClient({ baseUrl: url, retries: 1, retryUnitMs: 1 });
    const error = await failureOf(client.getUser('octocat'));
    expect(error.reason).toBe('unreachable');
    expect(error.message).toContain(`no answer from GITHUB_API_URL=${url} after 2 attempts`);
    expect(error.message).toMatch(/Check GITHUB_API_URL and the network, or retry later\.$/);
  });
});
