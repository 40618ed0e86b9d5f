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

/**
 * What the tracked channels ship now, for modules that match against it (linkage). Read in one
 * pass; the representative derivation of an attribute is its x86_64-linux one when there is one.
 */
export class CurrentPackagesReader {
  constructor(private readonly pool: Pool) {}

  /** Changes whenever an evaluation completes or is collected: a cache of read() is stale when it differs. */
  async version(): Promise<string> {
    const { rows } = await this.pool.query<{ v: string }>(
      `SELECT coalesce(max(id), 0) || ':' || count(*) AS v FROM evaluation WHERE status = 'completed'`,
    );
    return rows[0].v;
  }

  async read(): Promise<CurrentPackageRow[]> {
    const { rows } = await this.pool.query<CurrentPackageRow>(`
      WITH cur AS (
        SELECT DISTINCT ON (m.channel, m.package_attr) m.channel, m.package_attr, d.pname, d.version, m.meta_id
        FROM channel_member m
        JOIN evaluation fe ON fe.id = m.first_evaluation_id AND fe.status = 'completed'
        JOIN derivation d ON d.id = m.derivation_id
        WHERE m.last_evaluation_id IS NULL
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
      FROM cur c JOIN derivation_meta dm ON dm.id = c.meta_id LEFT JOIN handles h ON h.id = c.meta_id`);
    return rows;
  }

  /** Completed evaluations with an id above `after`, oldest first. */
  async completedAfter(after: number): Promise<number[]> {
    const { rows } = await this.pool.query<{ id: number }>(
      `SELECT id FROM evaluation WHERE status = 'completed' AND id > $1 ORDER BY id`,
      [after],
    );
    return rows.map((r) => r.id);
  }

  /** Package attributes that an evaluation added, removed or changed (in its channel). */
  async changedAttrs(evaluationId: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ attr: string }>(
      `SELECT DISTINCT package_attr AS attr FROM channel_member WHERE first_evaluation_id = $1 OR last_evaluation_id = $1`,
      [evaluationId],
    );
    return rows.map((r) => r.attr);
  }
}
