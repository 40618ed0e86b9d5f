/** Upper bound for one exponential backoff step, so a long outage does not turn into hour-long sleeps. */
export const MAX_BACKOFF_MS = 5 * 60 * 1000;

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so clients that were
 * throttled together do not all come back in the same instant. `retry` counts from 0.
 */
export function backoffDelayMs(retry: number, baseMs: number, random: () => number = Math.random): number {
  const step = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** retry);
  return Math.round(step / 2 + (step / 2) * random());
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** NVD answers 403 (not only 429) when a client exceeds its rate limit. */
export function isRetryableStatus(status: number): boolean {
  return status === 403 || status === 429 || status >= 500;
}
