import { Pool } from 'pg';

/** One channel's popularity figures: `counts[i]` derivations depend directly on `attrs[i]`. */
export interface ChannelDependants {
  channel: string;
  evaluationId: number;
  attrs: string[];
  counts: number[];
}

/**
 * For each package of the channel's current content: the number of its derivations (on one
 * system: the one where it is used most) that list the package's derivation among their direct
 * inputDrvs. Derivations, not attributes, so aliases (python3Packages.x, python313Packages.x) count
 * once; direct only, because the transitive closure is much costlier and orders packages alike.
 * Attributes nothing depends on are left out.
 */
const REFRESH = `
  WITH cur AS MATERIALIZED (
    SELECT m.package_attr AS attr, d.id, d.drv_path, d.input_drv_paths
    FROM channel_member m
    JOIN evaluation fe ON fe.id = m.first_evaluation_id AND fe.status = 'completed'
    JOIN derivation d ON d.id = m.derivation_id
    WHERE m.channel = $1 AND m.last_evaluation_id IS NULL
  ),
  used AS (
    SELECT i.drv_path, count(DISTINCT c.id) AS n
    FROM cur c CROSS JOIN LATERAL unnest(c.input_drv_paths) AS i(drv_path)
    GROUP BY i.drv_path
  ),
  per_attr AS (
    SELECT t.attr, max(u.n)::int AS n FROM cur t JOIN used u ON u.drv_path = t.drv_path GROUP BY t.attr
  )
  INSERT INTO package_dependants AS p (channel, evaluation_id, attrs, counts)
  SELECT $1, $2, coalesce(array_agg(attr ORDER BY attr), '{}'), coalesce(array_agg(n ORDER BY attr), '{}') FROM per_attr
  ON CONFLICT (channel) DO UPDATE SET evaluation_id = EXCLUDED.evaluation_id, attrs = EXCLUDED.attrs, counts = EXCLUDED.counts, computed_at = now()
  WHERE p.evaluation_id <= EXCLUDED.evaluation_id
  RETURNING cardinality(p.attrs) AS attrs`;

/** Reverse dependency counts per channel, kept for the latest imported evaluation (exported: linkage reads them). */
export class PackageDependants {
  constructor(private readonly pool: Pool) {}

  /** Recomputes the channel's figures after `evaluationId` completed; returns how many packages have dependants (null: a newer evaluation's figures stand). */
  async refresh(channel: string, evaluationId: number): Promise<number | null> {
    const { rows } = await this.pool.query<{ attrs: number }>(REFRESH, [channel, evaluationId]);
    return rows[0]?.attrs ?? null;
  }

  /** Changes whenever any channel's figures do: '' when there are none. */
  async version(): Promise<string> {
    const { rows } = await this.pool.query<{ v: string | null }>(
      `SELECT string_agg(channel || ':' || evaluation_id || ':' || extract(epoch FROM computed_at), ',' ORDER BY channel) AS v FROM package_dependants`,
    );
    return rows[0]?.v ?? '';
  }

  /**
   * Read as two strings split here: parsing 130k-element arrays in node-postgres took twice as long,
   * and a warm linker reads them after every import.
   */
  async read(): Promise<ChannelDependants[]> {
    const { rows } = await this.pool.query<{ channel: string; evaluationId: number; attrs: string; counts: string; n: number }>(
      `SELECT channel, evaluation_id AS "evaluationId", array_to_string(attrs, E'\\n') AS attrs, array_to_string(counts, ',') AS counts,
              cardinality(attrs) AS n
       FROM package_dependants ORDER BY channel`,
    );
    const read: ChannelDependants[] = [];
    for (const r of rows) {
      const attrs = r.n === 0 ? [] : r.attrs.split('\n');
      // An attribute name with a line break (Nix allows one when quoted) would shift every count: read that channel's arrays.
      if (attrs.length !== r.n) read.push(await this.readArrays(r.channel));
      else read.push({ channel: r.channel, evaluationId: r.evaluationId, attrs, counts: r.n === 0 ? [] : r.counts.split(',').map(Number) });
    }
    return read;
  }

  private async readArrays(channel: string): Promise<ChannelDependants> {
    const { rows } = await this.pool.query<ChannelDependants>(
      `SELECT channel, evaluation_id AS "evaluationId", attrs, counts FROM package_dependants WHERE channel = $1`,
      [channel],
    );
    return rows[0];
  }
}
