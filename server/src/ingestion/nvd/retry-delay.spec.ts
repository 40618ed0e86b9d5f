import { backoffDelayMs, isRetryableStatus, MAX_BACKOFF_MS, parseRetryAfterMs } from './retry-delay';

describe('backoffDelayMs', () => {
  it.each([
    [0, 0, 3000],
    [0, 1, 6000],
    [1, 0, 6000],
    [2, 1, 24000],
    [20, 1, MAX_BACKOFF_MS],
  ])('retry %i with random %d waits %i ms (base 6000)', (retry, random, expected) => {
    expect(backoffDelayMs(retry, 6000, () => random)).toBe(expected);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2024-01-01T00:00:00Z');
  it.each([
    [null, undefined],
    ['', undefined],
    ['7', 7000],
    [' 0 ', 0],
    ['Mon, 01 Jan 2024 00:00:30 GMT', 30000],
    ['Sun, 31 Dec 2023 23:59:00 GMT', 0],
    ['soon', undefined],
  ])('%p → %p', (header, expected) => {
    expect(parseRetryAfterMs(header, now)).toBe(expected);
  });
});

describe('isRetryableStatus', () => {
  it.each([
    [403, true],
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [404, false],
  ])('%i → %p', (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });
});
