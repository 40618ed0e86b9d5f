import type { JobRunStatus } from '../../gql/graphql';

export const JOB_RUN_STATUS: Record<JobRunStatus, { label: string; tone: 'good' | 'bad' | 'busy' }> = {
  COMPLETED: { label: 'Completed', tone: 'good' },
  FAILED: { label: 'Failed', tone: 'bad' },
  RUNNING: { label: 'Running', tone: 'busy' },
};

const timestampFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatTimestamp(iso: string): string {
  return timestampFormat.format(new Date(iso));
}

/** "< 1 s", "45 s", "3 min 20 s", "2 h 5 min"; "—" while the run has not finished. */
export function formatDuration(startedAt: string, finishedAt: string | null | undefined): string {
  if (!finishedAt) return '—';
  const seconds = Math.max(0, Math.round((Date.parse(finishedAt) - Date.parse(startedAt)) / 1000));
  if (seconds < 1) return '< 1 s';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** `counts` is free-form JSON, e.g. { ingested: 10, quarantined: 1 } → "ingested 10, quarantined 1". */
export function summariseCounts(counts: unknown): string {
  if (counts === null || typeof counts !== 'object' || Array.isArray(counts)) return '—';
  const parts = Object.entries(counts).map(([name, value]) => `${name} ${String(value)}`);
  return parts.length > 0 ? parts.join(', ') : '—';
}
