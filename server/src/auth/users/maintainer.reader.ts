import { Pool } from 'pg';

/**
 * Whether a GitHub user maintains a package that a tracked channel ships now. The ingestion
 * module exports no reader for this (CurrentPackagesReader reads whole channels), so this one
 * query on its tables lives here; move it behind an ingestion reader when one exists.
 *
 * Cost: maintainer by github_id (unique index) → their meta blocks (GIN on maintainer_ids, a
 * handful of rows) → any current member using one of them. channel_member has no index on
 * meta_id, so the last step scans current members until the first hit: quick for real
 * maintainers, a full scan for someone whose packages left every tracked channel. It runs at
 * login and at most once per NIXSEC_ROLE_TTL_MINUTES per user; an index on channel_member
 * (meta_id) in the ingestion migrations would make it constant.
 */
export class MaintainerReader {
  constructor(private readonly pool: Pool) {}

  async maintainsTrackedPackage(githubId: number): Promise<boolean> {
    // Two steps, so that someone who maintains nothing never reaches channel_member.
    const metas = await this.pool.query<{ id: number }>(
      `SELECT dm.id FROM maintainer mt JOIN derivation_meta dm ON dm.maintainer_ids @> ARRAY[mt.id] WHERE mt.github_id = $1`,
      [githubId],
    );
    if (metas.rows.length === 0) return false;
    const { rows } = await this.pool.query<{ found: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM channel_member m
         JOIN channel c ON c.name = m.channel AND c.tracked
         JOIN evaluation fe ON fe.id = m.first_evaluation_id AND fe.status = 'completed'
         WHERE m.last_evaluation_id IS NULL AND m.meta_id = ANY($1::int[])
       ) AS found`,
      [metas.rows.map((r) => r.id)],
    );
    return rows[0].found;
  }
}
