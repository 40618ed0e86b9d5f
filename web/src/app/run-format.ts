/** Formatting shared by every view of runs: job runs, ingestion runs, evaluations. */
export type StatusTone = 'good' | 'bad' | 'busy';

const RUN_STATUS: Record<string, { label: string; tone: StatusTone }> = {
  completed: { label: 'Completed', tone: 'good' },
  failed: { label: 'Failed', tone: 'bad' },
  crashed: { label: 'Crashed', tone: 'bad' },
  running: { label: 'Running', tone: 'busy' },
  waiting: { label: 'Waiting', tone: 'busy' },
};

/**
 * Job runs report an enum (COMPLETED), ingestion runs and evaluations a plain string (completed);
 * both map here. An unknown value is shown as-is rather than hidden.
 */
export function runStatus(status: string): { label: string; tone: StatusTone } {
  return RUN_STATUS[status.toLowerCase()] ?? { label: status, tone: 'busy' };
}

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

/**
 * Free-form `counts` JSON as text: every key in order, or only `keys` (renamed) when given:
 * ({ ingested: 16, read: 16 }, [['read', 'read'], ['ingested', 'new']]) → "read 16, new 16".
 */
export function summariseCounts(counts: unknown, keys?: readonly (readonly [key: string, label: string])[]): string {
  if (counts === null || typeof counts !== 'object' || Array.isArray(counts)) return '—';
  const values = counts as Record<string, unknown>;
  const shown = keys ?? Object.keys(values).map((key) => [key, key] as const);
  const parts = shown.filter(([key]) => values[key] !== undefined).map(([key, label]) => `${label} ${String(values[key])}`);
  return parts.length > 0 ? parts.join(', ') : '—';
}

/** Twelve hex digits identify a Nixpkgs commit in practice, as in GitHub's short hashes. */
export function shortRevision(revision: string): string {
  return revision.slice(0, 12);
}
