import type { LocationQuery, LocationQueryRaw } from 'vue-router';

/** What the activity log is about: the subject types the server writes. */
export const SUBJECT_TYPES = [
  { value: 'advisory', label: 'Advisories' },
  { value: 'suggestion', label: 'Suggestions' },
  { value: 'mapping-rule', label: 'Mapping rules' },
  { value: 'api-token', label: 'API tokens' },
  { value: 'user', label: 'Users' },
] as const;

/**
 * The activity log's filters, kept in the query string (/activity?type=advisory&subject=12) so a
 * filtered log can be shared; empty filters are left out.
 */
export interface ActivityFilter {
  subjectType: string;
  subjectId: string;
}

const one = (value: LocationQuery[string] | undefined): string => (typeof value === 'string' ? value.trim() : '');

export function parseActivityFilter(query: LocationQuery): ActivityFilter {
  return { subjectType: one(query.type).slice(0, 50), subjectId: one(query.subject).slice(0, 100) };
}

export function activityQuery(filter: ActivityFilter): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (filter.subjectType) query.type = filter.subjectType;
  if (filter.subjectId) query.subject = filter.subjectId;
  return query;
}

/** The page of a subject, when it has one: advisories (drafts open to the team by their numeric id). */
export function subjectPath(subjectType: string, subjectId: string): string | null {
  if (subjectType === 'advisory') return `/advisories/${encodeURIComponent(subjectId)}`;
  return null;
}

/** The details JSON as "key: value" pairs for a glance; "" for none. */
export function summariseDetails(details: string): string {
  try {
    const parsed: unknown = JSON.parse(details);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return details === '{}' ? '' : details;
    return Object.entries(parsed)
      .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(', ');
  } catch {
    return details;
  }
}
