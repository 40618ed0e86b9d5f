import { createHash } from 'node:crypto';
import { Pool, PoolClient } from 'pg';

export type IngestionRunStatus = 'running' | 'completed' | 'failed' | 'crashed';

export interface IngestionCounts {
  read: number;
  ingested: number;
  updated: number;
  unchanged: number;
  deleted: number;
  quarantined: number;
  rejected: number;
}

export const emptyCounts = (): IngestionCounts => ({
  read: 0,
  ingested: 0,
  updated: 0,
  unchanged: 0,
  deleted: 0,
  quarantined: 0,
  rejected: 0,
});

export interface QuarantineEntry {
  source: string;
  recordKey: string;
  reason: string;
  message: string;
  raw: Buffer | null;
}

// Quarantine keeps the offending bytes so the record can be inspected and replayed; beyond this
// size only the beginning is kept (the hash still identifies the whole input).
const MAX_QUARANTINE_RAW = 16 * 1024 * 1024;

// Serialises runs of the same source across processes; crc-derived key per source name.
function lockKey(source: string): number {
  return createHash('sha256').update(`ingestion:${source}`).digest().readInt32BE(0);
}

/** Ingestion runs, bookmarks and quarantine: the bookkeeping every ingester shares. */
export class IngestionRunStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Starts a run holding the source's advisory lock (one run per source at a time). Runs of this
   * source still marked running cannot be alive (we hold the lock), so they are marked crashed.
   */
  async start(source: string, input: string, bookmarkBefore: string | null): Promise<{ id: string; release(): Promise<void> }> {
    const client = await this.pool.connect();
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [lockKey(source)]);
    if (!rows[0].ok) {
      client.release();
      throw new Error(`Another ${source} ingestion is running; wait for it to finish (see ingestionRuns) and retry.`);
    }
    await client.query(
      `UPDATE ingestion_run SET status = 'crashed', finished_at = heartbeat_at,
         error = 'the process stopped before finishing; the next run resumed its work'
       WHERE source = $1 AND status = 'running'`,
      [source],
    );
    const run = await client.query<{ id: string }>(
      `INSERT INTO ingestion_run (source, input, status, bookmark_before) VALUES ($1, $2, 'running', $3) RETURNING id`,
      [source, input, bookmarkBefore],
    );
    const release = async () => {
      await client.query('SELECT pg_advisory_unlock($1)', [lockKey(source)]).catch(() => undefined);
      client.release();
    };
    return { id: run.rows[0].id, release };
  }

  async heartbeat(runId: string, counts: IngestionCounts): Promise<void> {
    await this.pool.query('UPDATE ingestion_run SET heartbeat_at = now(), counts = $2 WHERE id = $1', [runId, counts]);
  }

  async finish(runId: string, counts: IngestionCounts, bookmarkAfter: string | null): Promise<void> {
    await this.pool.query(
      `UPDATE ingestion_run SET status = 'completed', finished_at = now(), heartbeat_at = now(), counts = $2,
         bookmark_after = $3 WHERE id = $1`,
      [runId, counts, bookmarkAfter],
    );
  }

  async fail(runId: string, counts: IngestionCounts, error: string): Promise<void> {
    await this.pool.query(
      `UPDATE ingestion_run SET status = 'failed', finished_at = now(), counts = $2, error = $3 WHERE id = $1`,
      [runId, counts, error],
    );
  }

  async bookmark(key: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM ingestion_bookmark WHERE key = $1', [key]);
    return rows[0]?.value ?? null;
  }

  async setBookmark(key: string, value: string, runId: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO ingestion_bookmark (key, value, run_id) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, run_id = EXCLUDED.run_id, updated_at = now()`,
      [key, value, runId],
    );
  }

  /** Records a refused input; the same bytes refused again only bump the counter (idempotent runs). */
  async quarantine(runId: string, entry: QuarantineEntry, client?: PoolClient): Promise<void> {
    const raw = entry.raw ?? Buffer.alloc(0);
    const sha = createHash('sha256').update(raw).digest();
    await (client ?? this.pool).query(
      `INSERT INTO quarantine (source, record_key, reason, message, raw, raw_sha256, first_run_id, last_run_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
       ON CONFLICT (source, record_key, raw_sha256) DO UPDATE SET
         last_run_id = EXCLUDED.last_run_id, last_seen_at = now(), message = EXCLUDED.message,
         occurrences = quarantine.occurrences + CASE WHEN quarantine.last_run_id = EXCLUDED.last_run_id THEN 0 ELSE 1 END,
         resolved_at = NULL`,
      [entry.source, entry.recordKey, entry.reason, entry.message, entry.raw ? raw.subarray(0, MAX_QUARANTINE_RAW) : null, sha, runId],
    );
  }

  /** A record that now ingests fine resolves its earlier quarantine entries. */
  async resolveQuarantine(source: string, recordKeys: string[]): Promise<void> {
    if (!recordKeys.length) return;
    await this.pool.query(
      `UPDATE quarantine SET resolved_at = now() WHERE source = $1 AND record_key = ANY($2) AND resolved_at IS NULL`,
      [source, recordKeys],
    );
  }
}
