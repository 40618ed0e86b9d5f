import { quoted, type NormalizeContext } from './normalize-context';

// Both CVE JSON 5 ("if timezone offset is not given, GMT is assumed") and NVD API 2.0
// ("2024-03-29T17:15:21.150") publish zone-less timestamps that mean UTC.
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * Parses an ISO 8601 / RFC 3339 date-time strictly: no date-only values, no out-of-range fields
 * (2024-02-30 is refused rather than rolled over), fractions beyond milliseconds truncated.
 * Returns null when the text is not such a timestamp.
 */
export function parseUtcTimestamp(text: string): Date | null {
  const match = TIMESTAMP.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const millis = Number((match[7] ?? '').slice(0, 3).padEnd(3, '0'));
  const zone = (match[8] ?? 'Z').toUpperCase();
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const asDate = new Date(0);
  // setUTCFullYear, unlike Date.UTC, keeps years 0–99 as given.
  asDate.setUTCFullYear(year, month - 1, day);
  asDate.setUTCHours(hour, minute, second, millis);
  // 30 February silently rolls over into March; a round trip of the calendar date catches it.
  if (asDate.getUTCDate() !== day || asDate.getUTCMonth() !== month - 1) return null;
  if (zone === 'Z') return asDate;
  const sign = zone.startsWith('-') ? -1 : 1;
  const [offsetHours, offsetMinutes] = zone.slice(1).split(':').map(Number);
  if (offsetHours > 23 || offsetMinutes > 59) return null;
  return new Date(asDate.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
}

/** An optional timestamp: absent is null, present but unparsable refuses the record ('bad-date'). */
export function optionalTimestamp(value: unknown, path: string, ctx: NormalizeContext): Date | null {
  if (value === undefined || value === null) return null;
  const date = typeof value === 'string' ? parseUtcTimestamp(value) : null;
  if (!date) {
    throw ctx.reject(
      'bad-date',
      `${path} ${quoted(value)} is not a date-time; expected ISO 8601 like 2024-03-29T17:15:21.150Z`,
    );
  }
  return date;
}
