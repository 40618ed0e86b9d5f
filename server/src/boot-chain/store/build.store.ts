import { Pool } from 'pg';

/** `check_mismatch`: a completed `--check` rebuild whose bits differ from the builder's first build (its output is there). */
export const BUILD_STATUSES = ['waiting', 'queued', 'running', 'succeeded', 'check_mismatch', 'failed', 'timed_out', 'cancelled', 'reused'] as const;
export type BuildStatus = (typeof BUILD_STATUSES)[number];
/** The output is in the builder's store: what depends on it can build. */
export const FINISHED: BuildStatus[] = ['succeeded', 'check_mismatch', 'reused'];

export interface BuildRow {
  id: string;
  targetId: number;
  builderId: number;
  builderName: string;
  drvPath: string;
  name: string;
  status: BuildStatus;
  attempts: number;
  /** The last run rebuilt an output already in the builder's store (`--check`). */
  checked: boolean;
  error: string | null;
  logTail: string | null;
  logFile: string | null;
  fodGotHash: string | null;
  queuedAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const COLUMNS = `x.id::text AS id, x.target_id AS "targetId", x.builder_id AS "builderId", b.name AS "builderName", x.drv_path AS "drvPath", d.name,
  x.status, x.attempts, x.checked, x.error, x.log_tail AS "logTail", x.log_file AS "logFile", x.fod_got_hash AS "fodGotHash",
  x.queued_at AS "queuedAt", x.started_at AS "startedAt", x.finished_at AS "finishedAt"`;
const FROM = `boot_chain_build x JOIN boot_chain_builder b ON b.id = x.builder_id JOIN boot_chain_derivation d ON d.drv_path = x.drv_path`;

/** Builds nixsec dispatched: one row per target, builder and derivation. */
export class BuildStore {
  constructor(readonly pool: Pool) {}

  /**
   * Plans a build of every node of the target on the builder. Derivations this builder already
   * attested every output of are `reused` (unchanged between revisions) unless `rebuild`; finished
   * rows stay as they are, failed and cancelled ones wait again.
   */
  async plan(targetId: number, builderId: number, rebuild: boolean): Promise<number> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO boot_chain_build AS x (target_id, builder_id, drv_path, status, finished_at)
       SELECT n.target_id, $2, n.drv_path, CASE WHEN attested THEN 'reused' ELSE 'waiting' END, CASE WHEN attested THEN now() END
         FROM boot_chain_target_node n
        CROSS JOIN LATERAL (SELECT NOT $3 AND NOT EXISTS (
                SELECT 1 FROM boot_chain_output o WHERE o.drv_path = n.drv_path
                   AND NOT EXISTS (SELECT 1 FROM boot_chain_attestation a WHERE a.builder_id = $2 AND a.output_path = o.output_path)) AS attested) r
        WHERE n.target_id = $1
       ON CONFLICT (target_id, builder_id, drv_path) DO UPDATE
         SET status = 'waiting', error = NULL, fod_got_hash = NULL, queued_at = NULL, started_at = NULL, finished_at = NULL
         WHERE x.status IN ('failed', 'timed_out', 'cancelled') OR ($3 AND x.status IN ('succeeded', 'check_mismatch', 'reused'))`,
      [targetId, builderId, rebuild],
    );
    return rowCount ?? 0;
  }

  /** Waiting builds whose inputs are all built on the same builder become queued; returns them. */
  async promoteReady(targetId: number, builderId: number): Promise<BuildRow[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `UPDATE boot_chain_build x SET status = 'queued', queued_at = now()
        WHERE x.target_id = $1 AND x.builder_id = $2 AND x.status = 'waiting'
          AND NOT EXISTS (
            SELECT 1 FROM boot_chain_edge e
              LEFT JOIN boot_chain_build i ON i.target_id = x.target_id AND i.builder_id = x.builder_id AND i.drv_path = e.input_drv_path
             WHERE e.drv_path = x.drv_path AND (i.status IS NULL OR i.status <> ALL($3::text[])))
        RETURNING x.id::text AS id`,
      [targetId, builderId, FINISHED],
    );
    return rows.length ? this.byIds(rows.map((r) => r.id)) : [];
  }

  async byIds(ids: string[]): Promise<BuildRow[]> {
    return (await this.pool.query<BuildRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE x.id = ANY($1::bigint[]) ORDER BY x.id`, [ids])).rows;
  }

  async byId(id: string): Promise<BuildRow | null> {
    return (await this.byIds([id]))[0] ?? null;
  }

  async forTarget(targetId: number): Promise<BuildRow[]> {
    return (await this.pool.query<BuildRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE x.target_id = $1 ORDER BY b.name, x.id`, [targetId])).rows;
  }

  /** Moves a queued build to running; false when it was cancelled (or taken) meanwhile. */
  async start(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE boot_chain_build SET status = 'running', attempts = attempts + 1, started_at = now(), error = NULL WHERE id = $1 AND status IN ('queued', 'running', 'failed')`,
      [id],
    );
    return (rowCount ?? 0) > 0;
  }

  async finish(
    id: string,
    status: BuildStatus,
    fields: { error?: string | null; logTail?: string | null; logFile?: string | null; fodGotHash?: string | null; checked?: boolean },
  ): Promise<void> {
    await this.pool.query(
      `UPDATE boot_chain_build SET status = $2, error = $3, log_tail = $4, log_file = COALESCE($5, log_file), fod_got_hash = $6, checked = $7, finished_at = now()
        WHERE id = $1 AND status <> 'cancelled'`,
      [id, status, fields.error ?? null, fields.logTail ?? null, fields.logFile ?? null, fields.fodGotHash ?? null, fields.checked ?? false],
    );
  }

  async status(id: string): Promise<BuildStatus | null> {
    const { rows } = await this.pool.query<{ status: BuildStatus }>(`SELECT status FROM boot_chain_build WHERE id = $1`, [id]);
    return rows[0]?.status ?? null;
  }

  /** Cancels what has not finished; running builds see it at their next check and stop their process. */
  async cancel(targetId: number, builderId: number | null): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE boot_chain_build SET status = 'cancelled', finished_at = now(), error = 'cancelled'
        WHERE target_id = $1 AND ($2::int IS NULL OR builder_id = $2) AND status IN ('waiting', 'queued', 'running')`,
      [targetId, builderId],
    );
    return rowCount ?? 0;
  }

  /** Derivations whose build (by any builder, for any target) reported a fixed-output hash mismatch. */
  async fodMismatches(drvPaths: string[]): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ drvPath: string }>(
      `SELECT DISTINCT drv_path AS "drvPath" FROM boot_chain_build WHERE drv_path = ANY($1::text[]) AND fod_got_hash IS NOT NULL`,
      [drvPaths],
    );
    return new Set(rows.map((r) => r.drvPath));
  }
}
