import { GithubRateLimit } from './github.types';

export type ResponseHeaders = Record<string, string | number | undefined>;

/**
 * Seconds GitHub asks us to wait: `retry-after` when given (secondary limits), else until
 * `x-ratelimit-reset` plus one second when `x-ratelimit-remaining` is 0 (primary limit), as
 * GitHub's documentation and plugin-throttling do. Undefined when the headers ask for no wait.
 */
export function limitWaitSeconds(headers: ResponseHeaders, now = Date.now()): number | undefined {
  const retryAfter = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter)) return Math.max(0, retryAfter);
  if (String(headers['x-ratelimit-remaining']) === '0' && headers['x-ratelimit-reset'] !== undefined) {
    return Math.max(0, Math.ceil((Number(headers['x-ratelimit-reset']) * 1000 - now) / 1000) + 1);
  }
  return undefined;
}

/** The `x-ratelimit-*` headers of a response, when it has them. */
export function rateLimitOf(headers: ResponseHeaders): GithubRateLimit | undefined {
  const { 'x-ratelimit-limit': limit, 'x-ratelimit-remaining': remaining, 'x-ratelimit-reset': reset } = headers;
  if (limit === undefined || remaining === undefined || reset === undefined) return undefined;
  return {
    limit: Number(limit),
    remaining: Number(remaining),
    resetAt: new Date(Number(reset) * 1000),
    resource: String(headers['x-ratelimit-resource'] ?? 'core'),
  };
}
