import { FakeGithubServer, startFakeGithubServer } from '../__tests__/fake-github-server';
import { failureOf, fastClient, TOKEN } from '../__tests__/github-client.fixtures';

let server: FakeGithubServer;
let lines: string[];
beforeEach(async () => {
  server = await startFakeGithubServer({ tokens: { [TOKEN]: { login: 'nixsec-bot' } } });
  server.addUser({ login: 'octocat', id: 583231 });
  server.addRepo('NixOS/nixpkgs');
  lines = [];
});
afterEach(() => server.close());

const log = (line: string) => lines.push(line);
const paths = () => server.requests.map((r) => `${r.method} ${r.path}`);

describe('GithubClient rate limits', () => {
  it.each([
    ['primary limit (403, x-ratelimit-remaining: 0)', 'rate-limit', /GitHub rate limit on GET \/users\/\{username\}: waiting 2 s \(retry 1\/2\)/],
    ['primary limit signalled with 429', 'rate-limit-429', /GitHub rate limit \(429\) on GET \/users\/\{username\}: waiting 2 s/],
    ['secondary limit (403, retry-after)', 'secondary-rate-limit', /GitHub secondary rate limit on GET \/users\/\{username\}: waiting 1 s/],
  ] as const)('waits out a %s and retries', async (_name, failure, logged) => {
    server.fail(failure);
    const user = await fastClient(server, { log }).getUser('octocat');
    expect(user?.id).toBe(583231);
    expect(paths()).toEqual(['GET /users/octocat', 'GET /users/octocat']);
    expect(lines).toEqual([expect.stringMatching(logged)]);
  });

  it('waits as long as GitHub says, in units of rateLimitUnitMs', async () => {
    server.fail('secondary-rate-limit', { retryAfterSeconds: 3 });
    const started = performance.now();
    await fastClient(server, { rateLimitUnitMs: 40 }).getUser('octocat');
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('gives up after rateLimitRetries, saying until when and what raises the limit', async () => {
    server.fail('rate-limit', { times: 10, resetInSeconds: 30 });
    const error = await failureOf(fastClient(server, { log, rateLimitRetries: 2 }).createIssue('NixOS/nixpkgs', { title: 'x' }));
    expect(server.requests).toHaveLength(3);
    expect(error.reason).toBe('rate-limited');
    expect(error.status).toBe(403);
    expect(error.message).toMatch(
      /^GitHub: cannot create an issue in NixOS\/nixpkgs: GitHub is rate-limiting nixsec for 3\d s \(until \d{4}-\d\d-\d\dT[\d:.]+Z\) after 3 attempts \(HTTP 403: API rate limit exceeded for user ID 1\.\)\. Retry later; a GitHub App installation has a higher limit than a personal token\.$/,
    );
    expect(server.issues('NixOS/nixpkgs')).toHaveLength(0);
  });

  it('does not hold a request for longer than maxRateLimitWaitSeconds', async () => {
    server.fail('rate-limit', { resetInSeconds: 3600 });
    const started = performance.now();
    const error = await failureOf(fastClient(server, { log, rateLimitUnitMs: 1000, maxRateLimitWaitSeconds: 60 }).getUser('octocat'));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error.reason).toBe('rate-limited');
    expect(server.requests).toHaveLength(1);
    expect(lines).toEqual([expect.stringMatching(/resets in 360\d s, longer than we wait; failing/)]);
  });

  it('remembers the rate-limit headers of the latest answer', async () => {
    const client = fastClient(server);
    expect(client.rateLimit).toBeUndefined();
    await client.getUser('octocat');
    await client.getUser('octocat');
    expect(client.rateLimit).toMatchObject({ limit: 5000, remaining: 4998, resource: 'core' });
    expect(client.rateLimit!.resetAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('spaces out writes by writeIntervalMs / notifyingWriteIntervalMs, as GitHub asks', async () => {
    const client = fastClient(server, { notifyingWriteIntervalMs: 60 });
    const started = performance.now();
    await Promise.all([1, 2, 3].map((n) => client.createIssue('NixOS/nixpkgs', { title: `issue ${n}` })));
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    expect(server.issues('NixOS/nixpkgs').map((i) => i.title).sort()).toEqual(['issue 1', 'issue 2', 'issue 3']);
  });
});

describe('GithubClient transient failures', () => {
  it('retries a 502 and a dropped connection', async () => {
    server.fail('bad-gateway');
    server.fail('disconnect');
    const user = await fastClient(server).getUser('octocat');
    expect(user?.login).toBe('octocat');
    expect(server.requests).toHaveLength(3);
  });

  it('reports GitHub as unavailable after the last retry', async () => {
    server.fail('bad-gateway', { times: 10 });
    const error = await failureOf(fastClient(server, { retries: 2 }).getPullRequest('NixOS/nixpkgs', 1));
    expect(server.requests).toHaveLength(3);
    expect(error.reason).toBe('unavailable');
    expect(error.message).toBe(
      `GitHub: cannot read pull request NixOS/nixpkgs#1: GitHub at GITHUB_API_URL=${server.url} is unavailable ` +
        '(HTTP 502: Server Error) after 3 attempts. Retry later.',
    );
  });

  it('times out a hung request and retries it', async () => {
    let calls = 0;
    server.route('GET', '/users/:username', async () => {
      if (calls++ === 0) await new Promise((resolve) => setTimeout(resolve, 1000));
      return { status: 200, body: { id: 1, login: 'octocat', type: 'User', avatar_url: '', html_url: '' } };
    });
    const started = performance.now();
    const user = await fastClient(server, { requestTimeoutMs: 100 }).getUser('octocat');
    expect(user?.login).toBe('octocat');
    expect(calls).toBe(2);
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('does not retry what cannot heal (404, 422)', async () => {
    const client = fastClient(server);
    expect(await client.getPullRequest('NixOS/nixpkgs', 404)).toBeNull();
    await failureOf(client.createIssue('NixOS/nixpkgs', { title: '' }));
    expect(server.requests).toHaveLength(2);
  });
});
