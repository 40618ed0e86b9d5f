import { setTimeout as sleep } from 'node:timers/promises';
import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import { GithubAuth, GithubRateLimit } from './github.types';
import { limitWaitSeconds, rateLimitOf, ResponseHeaders } from './rate-limit-headers';

/*
 * Octokit 20 is the last line published as CommonJS: the server compiles to CommonJS and jest runs
 * it through SWC without ESM support, so the ESM-only Octokit 21+ (and throttling 9+, retry 7+,
 * auth-app 7+) cannot be required. The 20 line gets security fixes (@octokit/request 8.4.1,
 * endpoint 9.0.6, paginate-rest 11.4.4-cjs). Move on when the server becomes ESM.
 */

export interface GithubOctokitOptions {
  baseUrl: string;
  auth: GithubAuth;
  /** Retries of a transient failure (network error, timeout, 5xx) after the first attempt. */
  retries: number;
  /** Backoff unit: the n-th retry waits n² units. */
  retryUnitMs: number;
  /** How often a rate-limited request is retried once the limit resets. */
  rateLimitRetries: number;
  /** Milliseconds per second of `retry-after` / `x-ratelimit-reset` wait (1000; tests shrink it). */
  rateLimitUnitMs: number;
  /** A longer rate-limit wait fails the request instead of holding it (a job can retry later). */
  maxRateLimitWaitSeconds: number;
  /** GitHub asks integrators to space out writes (secondary limits): ≥ 1 s, 3 s for notifying ones. */
  writeIntervalMs: number;
  notifyingWriteIntervalMs: number;
  requestTimeoutMs: number;
  userAgent: string;
  warn: (message: string) => void;
  onRateLimit: (rateLimit: GithubRateLimit) => void;
}

/** Octokit with retries (plugin-retry), rate-limit handling (plugin-throttling + 429) and auth. */
export function createGithubOctokit(options: GithubOctokitOptions): Octokit {
  const ThrottledOctokit = Octokit.plugin(throttling, retry);
  // A fresh timeout per attempt: a hung connection becomes a retryable failure.
  const timedFetch = (url: string, init: RequestInit) =>
    fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(options.requestTimeoutMs) });
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _o: unknown, count: number) =>
    shouldWaitForLimit(options, kind, retryAfter, `${request.method} ${request.url}`, count);
  // Passed as a variable: the plugin's type omits the limiter groups its options accept.
  const throttle = {
    onRateLimit: onLimit('rate limit'),
    onSecondaryRateLimit: onLimit('secondary rate limit'),
    retryAfterBaseValue: options.rateLimitUnitMs,
    fallbackSecondaryRateRetryAfter: 60,
    // Per-client limiters: the plugin's defaults are process-wide and would pace unrelated clients.
    global: new Bottleneck.Group({ maxConcurrent: 10 }),
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.writeIntervalMs }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.notifyingWriteIntervalMs }),
    search: new Bottleneck.Group({ maxConcurrent: 1, minTime: 2 * options.writeIntervalMs }),
  };
  const octokit = new ThrottledOctokit({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: options.userAgent,
    ...authOptions(options.auth),
    // Octokit's own messages (deprecations, plugin warnings) go to our logger, never to the console.
    log: { debug: () => undefined, info: () => undefined, warn: options.warn, error: options.warn },
    request: { fetch: timedFetch },
    throttle,
    retry: {
      retries: options.retries,
      retryAfterBaseValue: options.retryUnitMs,
      // 403 and 429 are rate limits (handled by throttling and below) or refusals; 4xx never heal.
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
  });
  octokit.hook.after('request', (response) => reportRateLimit(options, response.headers));
  octokit.hook.error('request', (error) => {
    reportRateLimit(options, (error as { response?: { headers?: ResponseHeaders } }).response?.headers ?? {});
    throw error;
  });
  // Outermost hook (registered last): sees one logical request with all its retries inside.
  octokit.hook.wrap('request', async (request, requestOptions) => {
    let attempts = 0;
    const send = (requestOptions.request?.fetch ?? timedFetch) as typeof fetch;
    requestOptions.request = {
      ...requestOptions.request,
      fetch: (url: string, init: RequestInit) => {
        attempts++;
        return send(url, init);
      },
    };
    for (let count = 0; ; count++) {
      try {
        return await request(requestOptions);
      } catch (error) {
        // plugin-throttling 8 only recognises 403; GitHub also signals both limits with 429.
        const retryAfter = status(error) === 429 ? limitWaitSeconds(headersOf(error)) : undefined;
        const what = `${requestOptions.method} ${requestOptions.url}`;
        if (retryAfter === undefined || !shouldWaitForLimit(options, 'rate limit (429)', retryAfter, what, count)) {
          if (typeof error === 'object' && error !== null) attemptsByError.set(error, attempts);
          throw error;
        }
        await sleep(retryAfter * options.rateLimitUnitMs);
      }
    }
  });
  return octokit;
}

const attemptsByError = new WeakMap<object, number>();

/** How many HTTP requests a failed call made, retries included. */
export function attemptsOf(error: unknown): number {
  return (typeof error === 'object' && error !== null ? attemptsByError.get(error) : undefined) ?? 1;
}

function authOptions(auth: GithubAuth): Record<string, unknown> {
  switch (auth.kind) {
    case 'token':
      return { auth: auth.token };
    case 'app':
      return {
        authStrategy: createAppAuth,
        auth: { appId: auth.appId, privateKey: auth.privateKey, installationId: auth.installationId },
      };
    case 'none':
      return {};
  }
}

function shouldWaitForLimit(
  options: GithubOctokitOptions,
  kind: string,
  retryAfterSeconds: number,
  what: string,
  retriesSoFar: number,
): boolean {
  if (retriesSoFar >= options.rateLimitRetries) return false;
  if (retryAfterSeconds > options.maxRateLimitWaitSeconds) {
    options.warn(`GitHub ${kind} on ${what}: resets in ${retryAfterSeconds} s, longer than we wait; failing`);
    return false;
  }
  options.warn(
    `GitHub ${kind} on ${what}: waiting ${retryAfterSeconds} s (retry ${retriesSoFar + 1}/${options.rateLimitRetries})`,
  );
  return true;
}

function reportRateLimit(options: GithubOctokitOptions, headers: ResponseHeaders): void {
  const rateLimit = rateLimitOf(headers);
  if (rateLimit) options.onRateLimit(rateLimit);
}

function status(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : undefined;
}

function headersOf(error: unknown): ResponseHeaders {
  return (error as { response?: { headers?: ResponseHeaders } }).response?.headers ?? {};
}
