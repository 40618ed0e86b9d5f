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

/** Appends one entry on the caller's client, so it commits or rolls back with the change it describes. */
export async function writeActivity(client: Pick<PoolClient, 'query'>, entry: ActivityEntry): Promise<void> {
  await client.query(
    `INSERT INTO activity_log (actor, action, subject_type, subject_id, details) VALUES ($1, $2, $3, $4, $5)`,
    [entry.actor, entry.action, entry.subjectType, entry.subjectId, JSON.stringify(entry.details ?? {})],
  );
}

/** The append-only record of who changed what: written in the same transaction as the change. */
export class ActivityLog {
  constructor(private readonly pool: Pool) {}

  record(client: Pick<PoolClient, 'query'>, entry: ActivityEntry): Promise<void> {
    return writeActivity(client, entry);
  }

  async list(filter: { subjectType?: string; subjectId?: string; before?: string; first: number }): Promise<ActivityRecord[]> {
    const { rows } = await this.pool.query<ActivityRecord & { subject_type: string; subject_id: string }>(
      // ORDER BY a.id, the number: a bare "id" would sort the text column of the same name ("9" > "10").
      `SELECT a.id::text AS id, a.at, a.actor, a.action, a.subject_type, a.subject_id, a.details FROM activity_log a
       WHERE ($1::text IS NULL OR a.subject_type = $1) AND ($2::text IS NULL OR a.subject_id = $2) AND ($3::bigint IS NULL OR a.id < $3)
       ORDER BY a.id DESC LIMIT $4`,
      [filter.subjectType ?? null, filter.subjectId ?? null, filter.before ?? null, filter.first],
    );
    return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, subjectType: r.subject_type, subjectId: r.subject_id, details: r.details }));
  }
}
