export type StatusTone = 'good' | 'bad' | 'busy';

/**
 * Ingestion runs and evaluations report their status as a plain string (running, completed, failed,
 * crashed, waiting), unlike job runs' enum; an unknown value is shown as-is rather than hidden.
 */
const RUN_STATUS: Record<string, { label: string; tone: StatusTone }> = {
  completed: { label: 'Completed', tone: 'good' },
  failed: { label: 'Failed', tone: 'bad' },
  crashed: { label: 'Crashed', tone: 'bad' },
  running: { label: 'Running', tone: 'busy' },
  waiting: { label: 'Waiting', tone: 'busy' },
};

export function runStatus(status: string): { label: string; tone: StatusTone } {
  return RUN_STATUS[status] ?? { label: status, tone: 'busy' };
}

/**
 * Picks and renames some keys of a free-form `counts` object, in the given order:
 * ({ ingested: 16, read: 16 }, [['read', 'read'], ['ingested', 'new']]) → "read 16, new 16".
 */
export function summariseSelectedCounts(counts: unknown, keys: readonly (readonly [key: string, label: string])[]): string {
  if (counts === null || typeof counts !== 'object' || Array.isArray(counts)) return '—';
  const values = counts as Record<string, unknown>;
  const parts = keys.filter(([key]) => values[key] !== undefined).map(([key, label]) => `${label} ${String(values[key])}`);
  return parts.length > 0 ? parts.join(', ') : '—';
}
