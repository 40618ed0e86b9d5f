import { summariseCounts } from '../../app/run-format';

/** Progress keys the jobs report (reportProgress), in reading order: what was done first, the total last. */
const ORDER = ['done', 'read', 'lines', 'added', 'changed', 'unchanged', 'quarantined', 'total'];

/**
 * A job run's latest progress report as text: "read 4000, quarantined 2, total 9000", or what it
 * waits for; "—" when it reported none. PostgreSQL's jsonb reorders keys, so they are sorted here.
 */
export function formatProgress(progress: unknown): string {
  if (progress === null || typeof progress !== 'object' || Array.isArray(progress)) return '—';
  const values = progress as Record<string, unknown>;
  if (typeof values.waitingFor === 'string') return `waiting for ${values.waitingFor}`;
  const rank = (key: string) => (ORDER.includes(key) ? ORDER.indexOf(key) : ORDER.length - 1);
  const keys = Object.keys(values).sort((a, b) => rank(a) - rank(b));
  return summariseCounts(values, keys.map((key) => [key, key] as const));
}
