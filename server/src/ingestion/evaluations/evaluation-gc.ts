import { Pool, PoolClient } from 'pg';
import { withTransaction } from '../../database/transaction';

export interface ChannelGcSummary {
  channel: string;
  /** The oldest evaluation kept; null when the channel has no completed evaluation (then nothing is removed). */
  oldestKeptId: number | null;
  evaluationsRemoved: number;
  membersRemoved: number;
  /** Members that now start at the oldest kept evaluation because the one that introduced them was removed. */
  membersRebased: number;
}

export interface GcSummary {
  evaluationsRemoved: number;
  membersRemoved: number;
  derivationsRemoved: number;
  metaRemoved: number;
  channels: ChannelGcSummary[];
}

/**
 * Removes old evaluations: per channel the newest `keep` completed evaluations stay (and every
 * waiting or running one), older completed ones go, and so do failed or crashed ones older than
 * the oldest kept. What the kept evaluations contain does not change; a member introduced by a
 * removed evaluation is rebased onto the oldest kept one instead. Derivations and meta blocks no
 * member points to any more are removed last.
 */
export class EvaluationGc {
  constructor(private readonly pool: Pool) {}

  async collect(keep: number): Promise<GcSummary> {
    if (!Number.isInteger(keep) || keep < 1) {
      throw new RangeError(`keep must be a whole number of at least 1 (got ${keep}): every channel keeps its newest completed evaluation`);
    }
    const { rows } = await this.pool.query<{ name: string }>('SELECT name FROM channel ORDER BY name');
    const channels: ChannelGcSummary[] = [];
    for (const { name } of rows) channels.push(await withTransaction(this.pool, (client) => this.collectChannel(client, name, keep)));
    const orphans = await withTransaction(this.pool, (client) => this.removeOrphans(client));
    return {
      evaluationsRemoved: channels.reduce((n, c) => n + c.evaluationsRemoved, 0),
      membersRemoved: channels.reduce((n, c) => n + c.membersRemoved, 0),
      ...orphans,
      channels,
    };
  }

  private async collectChannel(client: PoolClient, channel: string, keep: number): Promise<ChannelGcSummary> {
    const { rows } = await client.query<{ oldest_kept: number | null }>(
      `SELECT min(id) AS oldest_kept
       FROM (SELECT id FROM evaluation WHERE channel = $1 AND status = 'completed' ORDER BY id DESC LIMIT $2) kept`,
      [channel, keep],
    );
    const oldestKept = rows[0].oldest_kept;
    const summary: ChannelGcSummary = { channel, oldestKeptId: oldestKept, evaluationsRemoved: 0, membersRemoved: 0, membersRebased: 0 };
    if (oldestKept === null) return summary;
    // Locked, and the status checked again once locked: a retry of a failed evaluation
    // (EvaluationLifecycle.begin) waits for this transaction instead of being deleted while it runs.
    const removed = await client.query<{ id: number; status: string }>(
      `SELECT id, status FROM evaluation
       WHERE channel = $1 AND id < $2 AND status IN ('completed', 'failed', 'crashed') ORDER BY id FOR UPDATE`,
      [channel, oldestKept],
    );
    if (!removed.rows.length) return summary;
    const completedIds = removed.rows.filter((e) => e.status === 'completed').map((e) => e.id);
    const unfinishedIds = removed.rows.filter((e) => e.status !== 'completed').map((e) => e.id);

    // Intervals that ended before the oldest kept evaluation belong to removed evaluations only;
    // rows of failed or crashed evaluations were never visible.
    const deleted = await client.query(
      `DELETE FROM channel_member WHERE channel = $1 AND (last_evaluation_id < $2 OR first_evaluation_id = ANY($3::int[]))`,
      [channel, oldestKept, unfinishedIds],
    );
    // Only the start of the interval moves, so every kept evaluation still covers the row. An
    // attribute has one row covering the oldest kept evaluation, so (channel, attr, first) stays unique.
    const rebased = await client
      .query(
        `UPDATE channel_member SET first_evaluation_id = $2
         WHERE channel = $1 AND first_evaluation_id = ANY($3::int[]) AND (last_evaluation_id IS NULL OR last_evaluation_id >= $2)`,
        [channel, oldestKept, completedIds],
      )
      .catch((err: { code?: string }) => {
        if (err.code !== '23505') throw err;
        throw new Error(
          `${channel}: an attribute has two members covering evaluation ${oldestKept} (evaluations completed out of id order?); ` +
            'nothing was removed from this channel — repair its channel_member intervals, then collect again',
          { cause: err },
        );
      });
    const evaluations = await client.query('DELETE FROM evaluation WHERE id = ANY($1::int[])', [removed.rows.map((e) => e.id)]);
    return {
      ...summary,
      evaluationsRemoved: evaluations.rowCount ?? 0,
      membersRemoved: deleted.rowCount ?? 0,
      membersRebased: rebased.rowCount ?? 0,
    };
  }

  /**
   * Whole-table anti-joins rather than only what this run unlinked: they also collect what earlier
   * attempts left (a retried evaluation deletes its previous rows, not their derivations).
   */
  private async removeOrphans(client: PoolClient): Promise<{ derivationsRemoved: number; metaRemoved: number }> {
    const derivations = await client.query(
      'DELETE FROM derivation d WHERE NOT EXISTS (SELECT 1 FROM channel_member m WHERE m.derivation_id = d.id)',
    );
    const meta = await client.query('DELETE FROM derivation_meta dm WHERE NOT EXISTS (SELECT 1 FROM channel_member m WHERE m.meta_id = dm.id)');
    return { derivationsRemoved: derivations.rowCount ?? 0, metaRemoved: meta.rowCount ?? 0 };
  }
}
