import { Pool, PoolClient } from 'pg';

export interface ActivityEntry {
  /** Who did it: a GitHub handle, "token:<id>", or "nixsec" for automatic changes. */
  actor: string;
  /** e.g. "mapping-rule.created", "suggestion.dismissed". */
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
}

export interface ActivityRecord extends Required<ActivityEntry> {
  id: string;
  at: Date;
}

/** The append-only record of who changed what: written in the same transaction as the change. */
export class ActivityLog {
  constructor(private readonly pool: Pool) {}

  async record(client: Pick<PoolClient, 'query'>, entry: ActivityEntry): Promise<void> {
    await client.query(
      `INSERT INTO activity_log (actor, action, subject_type, subject_id, details) VALUES ($1, $2, $3, $4, $5)`,
      [entry.actor, entry.action, entry.subjectType, entry.subjectId, JSON.stringify(entry.details ?? {})],
    );
  }

  async list(filter: { subjectType?: string; subjectId?: string; before?: string; first: number }): Promise<ActivityRecord[]> {
    const { rows } = await this.pool.query<ActivityRecord & { subject_type: string; subject_id: string }>(
      `SELECT id::text, at, actor, action, subject_type, subject_id, details FROM activity_log
       WHERE ($1::text IS NULL OR subject_type = $1) AND ($2::text IS NULL OR subject_id = $2) AND ($3::bigint IS NULL OR id < $3)
       ORDER BY id DESC LIMIT $4`,
      [filter.subjectType ?? null, filter.subjectId ?? null, filter.before ?? null, filter.first],
    );
    return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, subjectType: r.subject_type, subjectId: r.subject_id, details: r.details }));
  }
}
