import { formatNvdDate, splitIntoWindows } from './lastmod-windows';

const JAN_1 = '2024-01-01T00:00:00.000Z';
const APR_30 = '2024-04-30T00:00:00.000Z'; // 120 days later (2024 is a leap year)
const at = (iso: string) => new Date(iso);
const isoPairs = (start: string, end: string) =>
  splitIntoWindows(at(start), at(end)).map((w) => [formatNvdDate(w.start), formatNvdDate(w.end)]);

describe('splitIntoWindows', () => {
  it.each([
    ['an empty range', JAN_1, JAN_1, [[JAN_1, JAN_1]]],
    ['exactly 120 days', JAN_1, APR_30, [[JAN_1, APR_30]]],
    [
      '120 days and a millisecond',
      JAN_1,
      '2024-04-30T00:00:00.001Z',
      [
        [JAN_1, APR_30],
        [APR_30, '2024-04-30T00:00:00.001Z'],
      ],
    ],
    [
      '300 days',
      '2023-06-15T12:30:00.250Z',
      '2024-04-10T12:30:00.250Z',
      [
        ['2023-06-15T12:30:00.250Z', '2023-10-13T12:30:00.250Z'],
        ['2023-10-13T12:30:00.250Z', '2024-02-10T12:30:00.250Z'],
        ['2024-02-10T12:30:00.250Z', '2024-04-10T12:30:00.250Z'],
      ],
    ],
  ])('%s', (_name, start, end, expected) => {
    expect(isoPairs(start, end)).toEqual(expected);
  });

  it('refuses an end before the start', () => {
    expect(() => splitIntoWindows(at('2024-02-01T00:00:00Z'), at('2024-01-01T00:00:00Z'))).toThrow(RangeError);
  });
});
