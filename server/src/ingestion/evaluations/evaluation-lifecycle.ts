import { Pool } from 'pg';
import { withTransaction } from '../../database/transaction';

export type EvaluationStatus = 'waiting' | 'running' | 'completed' | 'failed' | 'crashed';

/** Evaluation rows and their state machine: waiting → running → completed | failed | crashed. */
export class EvaluationLifecycle {
  constructor(private readonly pool: Pool) {}

  async ensureChannel(name: string, release: string, variant: string, state = release === 'unstable' ? 'unstable' : 'stable'): Promise<void> {
    await this.pool.query(
      `INSERT INTO channel (name, release, variant, state) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING`,
      [name, release, variant, state],
    );
  }

  /**
   * Starts (or restarts after a failure or crash) the evaluation of `channel` at `revision`. Rows a
   * previous attempt left behind are removed first, so a restart never duplicates anything.
   */
  async begin(channel: string, revision: string, source: string): Promise<{ id: number; alreadyCompleted: boolean }> {
    // The caller holds the channel's import lock: an evaluation still marked running has no process left.
    await this.pool.query(
      `UPDATE evaluation SET status = 'crashed', finished_at = now(), error = 'the importing process stopped before finishing'
       WHERE channel = $1 AND status = 'running'`,
      [channel],
    );
    const { rows: existing } = await this.pool.query<{ id: number; status: string; attempts: number }>(
      'SELECT id, status, attempts FROM evaluation WHERE channel = $1 AND revision = $2',
      [channel, revision],
    );
    if (existing[0]?.status === 'completed') return { id: existing[0].id, alreadyCompleted: true };
    // A retry gets a fresh id: membership intervals are ordered by evaluation id, so an attempt
    // restarted after a newer evaluation completed must not slot in before it.
    const id = await withTransaction(this.pool, async (client) => {
      if (existing[0]) {
        await client.query('DELETE FROM channel_member WHERE first_evaluation_id = $1', [existing[0].id]);
        await client.query('DELETE FROM evaluation WHERE id = $1', [existing[0].id]);
      }
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO evaluation (channel, revision, status, source, attempts, started_at) VALUES ($1, $2, 'running', $3, $4, now())
         RETURNING id`,
        [channel, revision, source, (existing[0]?.attempts ?? 0) + 1],
      );
      return rows[0].id;
    });
    return { id, alreadyCompleted: false };
  }

  /**
   * Makes the evaluation the channel's current one in one transaction: attributes that changed or
   * disappeared stop being current as of the previous evaluation, and the new rows become visible.
   */
  async complete(channel: string, id: number, closedAttrs: string[], counts: Record<string, number>, logTail: string | null): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ prev: number | null }>(
        `SELECT max(id) AS prev FROM evaluation WHERE channel = $1 AND status = 'completed' AND id <> $2`,
        [channel, id],
      );
      if (rows[0].prev !== null && closedAttrs.length) {
        await client.query(
          `UPDATE channel_member m SET last_evaluation_id = $3
           FROM unnest($4::text[]) AS closed(attr)
           WHERE m.channel = $1 AND m.attr = closed.attr AND m.last_evaluation_id IS NULL AND m.first_evaluation_id <> $2
             AND m.first_evaluation_id IN (SELECT id FROM evaluation WHERE channel = $1 AND status = 'completed')`,
          [channel, id, rows[0].prev, closedAttrs],
        );
      }
      await client.query(
        `UPDATE evaluation SET status = 'completed', finished_at = now(), counts = $2, log_tail = $3 WHERE id = $1`,
        [id, counts, logTail],
      );
    });
    // A large import changes the table's shape faster than autovacuum notices; fresh statistics
    // keep the next evaluation's per-attribute lookups on the (channel, attr) index.
    if ((counts.added ?? 0) + (counts.changed ?? 0) > 10_000) await this.pool.query('ANALYZE channel_member');
  }

  async fail(id: number, status: 'failed' | 'crashed', error: string, counts: Record<string, number>, logTail: string | null): Promise<void> {
    await this.pool.query(
      `UPDATE evaluation SET status = $2, finished_at = now(), error = $3, counts = $4, log_tail = $5 WHERE id = $1`,
      [id, status, error, counts, logTail],
    );
  }
}
