/** The NVD API rejects date ranges longer than 120 consecutive days. */
export const MAX_WINDOW_DAYS = 120;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface LastModWindow {
  start: Date;
  end: Date;
}

/**
 * Splits [start, end] into consecutive windows of at most `maxDays`. Neighbouring windows share their
 * boundary instant: NVD treats both ends as inclusive, so a record modified exactly there is fetched
 * twice rather than never (consumers upsert by CVE id).
 */
export function splitIntoWindows(start: Date, end: Date, maxDays = MAX_WINDOW_DAYS): LastModWindow[] {
  if (end.getTime() < start.getTime()) {
    throw new RangeError(`lastModEnd (${end.toISOString()}) is before lastModStart (${start.toISOString()})`);
  }
  const maxMs = maxDays * DAY_MS;
  const windows: LastModWindow[] = [];
  let from = start.getTime();
  do {
    const to = Math.min(from + maxMs, end.getTime());
    windows.push({ start: new Date(from), end: new Date(to) });
    from = to;
  } while (from < end.getTime());
  return windows;
}

/** The extended ISO-8601 form the API documents, always in UTC: 2024-01-01T00:00:00.000Z. */
export function formatNvdDate(date: Date): string {
  return date.toISOString();
}
