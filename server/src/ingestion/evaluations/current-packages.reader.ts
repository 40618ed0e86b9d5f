import { Pool } from 'pg';

/** One attribute of one channel as the latest completed evaluation has it (systems folded). */
export interface CurrentPackageRow {
  channel: string;
  attr: string;
  pname: string;
  version: string;
  description: string | null;
  homepages: string[];
  cpe: string | null;
  knownVulnerabilities: string[];
  maintainers: string[];
}

// An evaluation's place in completion order, "finishedAt|id"; stamps sort like the completions.
const STAMP = `to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '|' || id`;

/**
 * What the tracked channels ship now, for modules that match against it (linkage). Read in one
 * pass; the representative derivation of an attribute is its x86_64-linux one when there is one.
 */
export class CurrentPackagesReader {
  constructor(private readonly pool: Pool) {}

  /** The stamp of the latest completed evaluation ('' when none): what read() reflects now. */
  async version(): Promise<string> {
    const latest = await this.pool.query<{ stamp: string }>(
      `SELECT ${STAMP} AS stamp FROM evaluation WHERE status = 'completed' ORDER BY finished_at DESC, id DESC LIMIT 1`,
    );
    return latest.rows[0]?.stamp ?? '';
  }

  /** Every current attribute, or only these attributes (after an evaluation changed them). */
  async read(attrs: readonly string[] | null = null): Promise<CurrentPackageRow[]> {
    const { rows } = await this.pool.query<CurrentPackageRow>(`
      WITH cur AS (
        SELECT DISTINCT ON (m.channel, m.package_attr) m.channel, m.package_attr, d.pname, d.version, m.meta_id
        FROM channel_member m
        JOIN evaluation fe ON fe.id = m.first_evaluation_id AND fe.status = 'completed'
        JOIN derivation d ON d.id = m.derivation_id
        WHERE m.last_evaluation_id IS NULL AND ($1::text[] IS NULL OR m.package_attr = ANY ($1::text[]))
        ORDER BY m.channel, m.package_attr, (d.system = 'x86_64-linux') DESC, d.system
      ),
      handles AS (
        SELECT dm.id, array_agg(mt.github ORDER BY mt.github) AS maintainers
        FROM (SELECT DISTINCT meta_id FROM cur) used
        JOIN derivation_meta dm ON dm.id = used.meta_id
        CROSS JOIN LATERAL unnest(dm.maintainer_ids) AS u(maintainer_id)
        JOIN maintainer mt ON mt.id = u.maintainer_id
        WHERE mt.github IS NOT NULL
        GROUP BY dm.id
      )
      SELECT c.channel, c.package_attr AS attr, c.pname, c.version, dm.description, dm.homepages, dm.cpe,
             dm.known_vulnerabilities AS "knownVulnerabilities", coalesce(h.maintainers, '{}') AS maintainers
      FROM cur c JOIN derivation_meta dm ON dm.id = c.meta_id LEFT JOIN handles h ON h.id = c.meta_id`, [attrs]);
    return rows;
  }

  /** Evaluations completed after `after` (a `finishedAt|id` stamp from a previous call; '' for all), in completion order. */
  async completedAfter(after: string): Promise<{ id: number; channel: string; stamp: string }[]> {
    const [finishedAt, id] = after === '' ? ['-infinity', '0'] : after.split('|');
    const { rows } = await this.pool.query<{ id: number; channel: string; stamp: string }>(
      `SELECT id, channel, ${STAMP} AS stamp
       FROM evaluation WHERE status = 'completed' AND (finished_at, id) > ($1::timestamptz, $2::int)
       ORDER BY finished_at, id`,
      [finishedAt, Number(id)],
    );
    return rows;
  }

  /**
   * Package attributes an evaluation added, changed or removed in its channel: its new members, and
   * the members it closed (which end at the channel's previous completed evaluation).
   */
  async changedAttrs(evaluationId: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ attr: string }>(
      `WITH e AS (SELECT channel, finished_at FROM evaluation WHERE id = $1),
       prev AS (
         SELECT max(p.id) AS id FROM evaluation p, e
         WHERE p.channel = e.channel AND p.status = 'completed' AND p.id <> $1 AND p.finished_at <= e.finished_at
       )
       SELECT DISTINCT m.package_attr AS attr FROM channel_member m, e
       WHERE m.channel = e.channel AND (m.first_evaluation_id = $1 OR m.last_evaluation_id = (SELECT id FROM prev))`,
      [evaluationId],
    );
    return rows.map((r) => r.attr);
  }
}
