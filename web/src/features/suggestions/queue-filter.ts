import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { SUGGESTION_STATUSES, type SuggestionStatus } from './linkage-format';

/**
 * What the queue shows, kept in the query string so a filtered queue can be shared as a link
 * (/suggestions?status=dismissed). The default (pending) is left out of the URL.
 * New filters (package, maintainer, confidence) are added here and in `toQuery`.
 */
export interface QueueFilter {
  status: SuggestionStatus;
}

export const DEFAULT_FILTER: QueueFilter = { status: 'pending' };

function isStatus(value: unknown): value is SuggestionStatus {
  return typeof value === 'string' && (SUGGESTION_STATUSES as readonly string[]).includes(value);
}

/** An unknown or repeated value falls back to the default rather than showing an empty queue. */
export function parseQueueFilter(query: LocationQuery): QueueFilter {
  const status = query.status;
  return { status: isStatus(status) ? status : DEFAULT_FILTER.status };
}

export function toQuery(filter: QueueFilter): LocationQueryRaw {
  return filter.status === DEFAULT_FILTER.status ? {} : { status: filter.status };
}

export function sameFilter(a: QueueFilter, b: QueueFilter): boolean {
  return a.status === b.status;
}

/** The queue of one status, for links from elsewhere (the CVE page links to its suggestion's queue). */
export function queueLocation(status: string): { path: string; query: LocationQueryRaw } {
  return { path: '/suggestions', query: toQuery(parseQueueFilter({ status })) };
}
