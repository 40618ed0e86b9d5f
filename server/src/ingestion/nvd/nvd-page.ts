/** One page of the NVD CVE API 2.0, as yielded by NvdClient.pages(). */
export interface NvdPage {
  startIndex: number;
  totalResults: number;
  /** The raw `vulnerabilities[].cve` objects, unvalidated beyond being objects. */
  vulnerabilities: unknown[];
  /** When NVD produced the page (NVD's `timestamp`). */
  timestamp: Date;
}

export type PageParseResult = { page: NvdPage } | { problem: string };

/**
 * Parses a 200 response body and checks that it is the whole page that was asked for. NVD sometimes
 * answers 200 with a cut-off or short page under load; those must be retried, not silently ingested.
 */
export function parseNvdPage(body: string, requested: { startIndex: number; resultsPerPage: number }): PageParseResult {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { problem: `response is not valid JSON (${body.length} bytes, probably cut off)` };
  }
  if (!isRecord(json)) return { problem: 'response is not a JSON object' };
  const { startIndex, totalResults, timestamp, vulnerabilities } = json;
  if (!isCount(totalResults)) return { problem: 'response has no totalResults' };
  if (startIndex !== requested.startIndex) {
    return { problem: `response startIndex ${String(startIndex)} differs from the requested ${requested.startIndex}` };
  }
  if (!Array.isArray(vulnerabilities)) return { problem: 'response has no vulnerabilities array' };
  const expected = Math.max(0, Math.min(requested.resultsPerPage, totalResults - requested.startIndex));
  if (vulnerabilities.length < expected) {
    return { problem: `page has ${vulnerabilities.length} vulnerabilities, expected ${expected} of ${totalResults}` };
  }
  const cves = vulnerabilities.map((entry: unknown) => (isRecord(entry) ? entry.cve : undefined));
  if (!cves.every(isRecord)) return { problem: 'a vulnerabilities[] entry has no cve object' };
  const producedAt = typeof timestamp === 'string' ? parseNvdTimestamp(timestamp) : undefined;
  if (producedAt === undefined || Number.isNaN(producedAt.getTime())) {
    return { problem: 'response has no valid timestamp' };
  }
  return { page: { startIndex, totalResults, vulnerabilities: cves, timestamp: producedAt } };
}

/** NVD timestamps are UTC but carry no zone ("2023-10-18T18:04:18.493"); Date would read them as local time. */
function parseNvdTimestamp(value: string): Date {
  return new Date(/(Z|[+-]\d\d:\d\d)$/.test(value) ? value : `${value}Z`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
