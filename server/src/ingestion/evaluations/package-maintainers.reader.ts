import type { Pool, PoolClient } from 'pg';

export interface PackageMaintainer {
  attr: string;
  githubId: number;
  login: string;
  name: string | null;
}

export interface CurrentAttr {
  attr: string;
  channels: string[];
  versions: string[];
  description: string | null;
}

// Current members of tracked channels whose evaluation completed.
const CURRENT = `
  FROM channel_member m
  JOIN channel c ON c.name = m.channel AND c.tracked
  JOIN evaluation fe ON fe.id = m.first_evaluation_id AND fe.status = 'completed'`;

/**
 * Who maintains which current package, keyed by githubId (handles change), and attribute search:
 * for modules that ping or notify maintainers (advisories) and let people add packages by name.
 */
export class PackageMaintainersReader {
  constructor(private readonly db: Pick<Pool | PoolClient, 'query'>) {}

  /** Maintainers with a githubId of these package attributes (`python3Packages.requests`, …) in any tracked channel. */
  async forAttrs(attrs: readonly string[]): Promise<PackageMaintainer[]> {
    if (attrs.length === 0) return [];
    const { rows } = await this.db.query<PackageMaintainer>(
      `SELECT DISTINCT m.package_attr AS attr, mt.github_id::int AS "githubId", mt.github AS login, mt.name
       ${CURRENT}
       JOIN derivation_meta dm ON dm.id = m.meta_id
       CROSS JOIN LATERAL unnest(dm.maintainer_ids) AS u(maintainer_id)
       JOIN maintainer mt ON mt.id = u.maintainer_id AND mt.github_id IS NOT NULL
       WHERE m.last_evaluation_id IS NULL AND m.package_attr = ANY ($1::text[])
       ORDER BY 1, 3`,
      [attrs],
    );
    return rows;
  }

  /** Current package attributes whose name starts with `prefix` (case-insensitive), shortest first. */
  async search(prefix: string, limit: number): Promise<CurrentAttr[]> {
    const { rows } = await this.db.query<CurrentAttr>(
      `SELECT m.package_attr AS attr, array_agg(DISTINCT m.channel ORDER BY m.channel) AS channels,
              array_agg(DISTINCT d.version ORDER BY d.version) AS versions, min(dm.description) AS description
       ${CURRENT}
       JOIN derivation d ON d.id = m.derivation_id
       JOIN derivation_meta dm ON dm.id = m.meta_id
       WHERE m.last_evaluation_id IS NULL AND lower(m.package_attr) LIKE $1 || '%'
       GROUP BY m.package_attr ORDER BY length(m.package_attr), m.package_attr LIMIT $2`,
      [prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`), limit],
    );
    return rows;
  }

  /** Package attributes a GitHub user maintains now (for their permissions and notifications). */
  async attrsMaintainedBy(githubId: number): Promise<string[]> {
    const { rows } = await this.db.query<{ attr: string }>(
      `SELECT DISTINCT m.package_attr AS attr
       ${CURRENT}
       JOIN derivation_meta dm ON dm.id = m.meta_id
       JOIN maintainer mt ON mt.id = ANY (dm.maintainer_ids)
       WHERE m.last_evaluation_id IS NULL AND mt.github_id = $1
       ORDER BY 1`,
      [githubId],
    );
    return rows.map((r) => r.attr);
  }
}
