import { Pool } from 'pg';

export interface EvaluationFixRow {
  advisoryId: number;
  channel: string;
  evaluationId: number;
  finishedAt: Date | null;
}

/** What the evidence announcer followed (pr_evaluation_fix_follow) and the fixes it recorded (pr_fix_notification). */
export class EvaluationFixStore {
  constructor(readonly pool: Pool) {}

  /** The last completed evaluation followed ("finishedAt|id", '' for none) and whether the upgrade baseline is still to be taken. */
  async followState(): Promise<{ stamp: string; baselinePending: boolean }> {
    const { rows } = await this.pool.query<{ stamp: string; baselinePending: boolean }>(
      `SELECT stamp, baseline_pending AS "baselinePending" FROM pr_evaluation_fix_follow`,
    );
    return rows[0] ?? { stamp: '', baselinePending: false };
  }

  async setFollowed(stamp: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO pr_evaluation_fix_follow (id, stamp, baseline_pending) VALUES (true, $1, false)
       ON CONFLICT (id) DO UPDATE SET stamp = EXCLUDED.stamp, baseline_pending = false`,
      [stamp],
    );
  }

  /** Records evidence fixes as told (a pair told before, by a PR or an evaluation, keeps its first record). */
  async recordAnnounced(fixes: readonly EvaluationFixRow[]): Promise<number> {
    if (fixes.length === 0) return 0;
    const { rowCount } = await this.pool.query(
      `INSERT INTO pr_fix_notification (advisory_id, channel, evaluation_id, first_seen_at)
       SELECT a, c, e, coalesce(s, now()) FROM unnest($1::int[], $2::text[], $3::int[], $4::timestamptz[]) AS x(a, c, e, s)
       ON CONFLICT DO NOTHING`,
      [fixes.map((f) => f.advisoryId), fixes.map((f) => f.channel), fixes.map((f) => f.evaluationId), fixes.map((f) => f.finishedAt)],
    );
    return rowCount ?? 0;
  }
}
