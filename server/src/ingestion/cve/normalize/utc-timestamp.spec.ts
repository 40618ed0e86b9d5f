import { parseUtcTimestamp } from './utc-timestamp';

describe('parseUtcTimestamp', () => {
  it.each([
    ['CVE JSON 5 with Z', '2024-03-29T15:38:13.249Z', '2024-03-29T15:38:13.249Z'],
    ['NVD, no zone: UTC', '2024-03-29T17:15:21.150', '2024-03-29T17:15:21.150Z'],
    ['CVE JSON 5, no zone, no fraction', '2021-12-10T00:00:00', '2021-12-10T00:00:00.000Z'],
    ['microseconds, truncated', '2024-04-02T04:00:23.138684Z', '2024-04-02T04:00:23.138Z'],
    ['microseconds without zone', '2024-10-17T16:22:53.387123', '2024-10-17T16:22:53.387Z'],
    ['an offset', '2024-10-09T00:00:00+00:00', '2024-10-09T00:00:00.000Z'],
    ['a positive offset', '2024-10-09T02:30:00+02:00', '2024-10-09T00:30:00.000Z'],
    ['a negative offset', '2024-10-08T19:00:00-05:00', '2024-10-09T00:00:00.000Z'],
    ['29 February of a leap year', '2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
  ])('reads %s', (_name, text, iso) => {
    expect(parseUtcTimestamp(text)?.toISOString()).toBe(iso);
  });

  it.each([
    ['a date only', '2024-03-29'],
    ['30 February', '2024-02-30T00:00:00Z'],
    ['29 February of a common year', '2023-02-29T00:00:00Z'],
    ['month 13', '2024-13-01T00:00:00Z'],
    ['hour 24', '2024-03-29T24:00:00Z'],
    ['a leap second', '2016-12-31T23:59:60Z'],
    ['a space instead of T', '2024-03-29 17:15:21'],
    ['surrounding spaces', ' 2024-03-29T17:15:21Z '],
    ['an offset without colon', '2024-03-29T17:15:21+0000'],
    ['a bad offset', '2024-03-29T17:15:21+25:00'],
    ['words', 'yesterday'],
    ['empty', ''],
  ])('refuses %s', (_name, text) => {
    expect(parseUtcTimestamp(text)).toBeNull();
  });
});
