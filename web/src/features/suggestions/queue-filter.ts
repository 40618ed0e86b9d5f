import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { SUGGESTION_STATUSES, type SuggestionStatus } from './linkage-format';

export const QUEUE_SORTS = ['relevance', 'date', 'severity'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const SEVERITY_BANDS = ['low', 'medium', 'high', 'critical'] as const;
export type SeverityBand = (typeof SEVERITY_BANDS)[number];

/**
 * What the queue shows, kept in the query string so a filtered queue can be shared as a link
 * (/suggestions?status=dismissed&minSeverity=high). Defaults are left out of the URL.
 */
export interface QueueFilter {
  status: SuggestionStatus;
  sort: QueueSort;
  text: string;
  channel: string;
  minSeverity: SeverityBand | '';
  cveYear: number | null;
  stableOnly: boolean;
}

export const DEFAULT_FILTER: QueueFilter = { status: 'pending', sort: 'relevance', text: '', channel: '', minSeverity: '', cveYear: null, stableOnly: false };

const one = (value: LocationQuery[string] | undefined): string => (typeof value === 'string' ? value.trim() : '');
const oneOf = <T extends string>(value: string, allowed: readonly T[], fallback: T): T => ((allowed as readonly string[]).includes(value) ? (value as T) : fallback);

/** An unknown or repeated value falls back to the default rather than showing an empty queue. */
export function parseQueueFilter(query: LocationQuery): QueueFilter {
  const year = Number(one(query.cveYear));
  return {
    status: oneOf(one(query.status), SUGGESTION_STATUSES, DEFAULT_FILTER.status),
    sort: oneOf(one(query.sort), QUEUE_SORTS, DEFAULT_FILTER.sort),
    text: one(query.text).slice(0, 200),
    channel: one(query.channel),
    minSeverity: oneOf(one(query.minSeverity), SEVERITY_BANDS, '' as SeverityBand),
    cveYear: Number.isInteger(year) && year >= 1999 && year <= 2999 ? year : null,
    stableOnly: one(query.stableOnly) === 'true',
  };
}

export function toQuery(filter: QueueFilter): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  for (const key of Object.keys(DEFAULT_FILTER) as (keyof QueueFilter)[]) {
    if (filter[key] !== DEFAULT_FILTER[key] && filter[key] !== '') query[key] = String(filter[key]);
  }
  return query;
}

export function sameFilter(a: QueueFilter, b: QueueFilter): boolean {
  return (Object.keys(DEFAULT_FILTER) as (keyof QueueFilter)[]).every((key) => a[key] === b[key]);
}

/** The GraphQL variables of a filter (empty fields are not sent). */
export function queueVariables(filter: QueueFilter) {
  return {
    status: filter.status,
    sort: filter.sort,
    text: filter.text || null,
    channel: filter.channel || null,
    minSeverity: filter.minSeverity || null,
    cveYear: filter.cveYear,
    stableOnly: filter.stableOnly || null,
  };
}

/** The queue of one status, for links from elsewhere (the CVE page links to its suggestion's queue). */
export function queueLocation(status: string): { path: string; query: LocationQueryRaw } {
  return { path: '/suggestions', query: toQuery(parseQueueFilter({ status })) };
}
