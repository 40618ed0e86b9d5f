import { FakeGithubServer } from './fake-github-server';
import { GithubError } from '../github.error';
import { GithubClient, GithubClientOptions } from '../client/github-client';

export const TOKEN = 'ghp_fakeToken0123456789abcdefABCDEF0123';

/** Real waits shrunk to milliseconds: 1 ms per second of rate-limit wait, 1 ms backoff unit, no write pacing. */
export function fastClient(server: FakeGithubServer, options: GithubClientOptions = {}): GithubClient {
  return new GithubClient({
    baseUrl: server.url,
    auth: { kind: 'token', token: TOKEN },
    retryUnitMs: 1,
    rateLimitUnitMs: 1,
    writeIntervalMs: 0,
    notifyingWriteIntervalMs: 0,
    ...options,
  });
}

export async function failureOf(promise: Promise<unknown>): Promise<GithubError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GithubError);
  return error as GithubError;
}
