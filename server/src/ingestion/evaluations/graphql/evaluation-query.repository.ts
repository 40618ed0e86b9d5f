import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { pgPool } from '../../../database/pg-pool';
import { Channel, Evaluation, EvaluationDiff, EvaluationErrorEntry, Maintainer, Package, PackageDerivation } from './evaluation.model';

const EVALUATION_COLUMNS = `id, channel, revision, status, source, attempts, created_at AS "createdAt", started_at AS "startedAt",
  finished_at AS "finishedAt", counts, log_tail AS "logTail", error`;

// Members of evaluation $1 (of its channel): intervals that cover it.
const MEMBERS_OF = (param: string) => `channel_member m JOIN evaluation fe ON fe.id = m.first_evaluation_id AND fe.status = 'completed'
  JOIN evaluation x ON x.id = ${param} AND x.channel = m.channel
  WHERE m.first_evaluation_id <= x.id AND (m.last_evaluation_id IS NULL OR m.last_evaluation_id >= x.id)`;

/**
 * Packages = current members grouped by (channel, attribute without system). The representative
 * derivation (name, version, meta) is the x86_64-linux one when there is one.
 */
function packageQuery(where: string[], limitParam: string): string {
  return `
    WITH cur AS (
      SELECT m.channel, m.package_attr, m.attr, m.meta_id, fe.revision, d.name, d.pname, d.version, d.system, d.drv_path
      FROM channel_member m
      JOIN evaluation fe ON fe.id = m.first_evaluation_id AND fe.status = 'completed'
      JOIN derivation d ON d.id = m.derivation_id
      JOIN derivation_meta dm ON dm.id = m.meta_id
      WHERE m.last_evaluation_id IS NULL ${where.map((w) => `AND ${w}`).join(' ')}
    ),
    grouped AS (
      SELECT DISTINCT ON (channel, package_attr) channel, package_attr, name, pname, version, meta_id, revision
      FROM cur ORDER BY channel, package_attr, (system = 'x86_64-linux') DESC, system
    )
    SELECT g.package_attr AS attr, g.channel, g.name, g.pname, g.version, dm.description, dm.homepages, dm.licenses,
           dm.known_vulnerabilities AS "knownVulnerabilities", dm.broken, dm.insecure, dm.unfree, dm.cpe,
           CASE WHEN dm.position_file IS NOT NULL THEN
             'https://github.com/NixOS/nixpkgs/blob/' || g.revision || '/' || dm.position_file || '#L' || dm.position_line END AS "positionUrl",
           (SELECT coalesce(json_agg(json_build_object('githubId', mt.github_id, 'github', mt.github, 'name', mt.name) ORDER BY mt.github), '[]')
              FROM maintainer mt WHERE mt.id = ANY(dm.maintainer_ids)) AS maintainers,
           (SELECT json_agg(json_build_object('system', c.system, 'drvPath', c.drv_path, 'attr', c.attr) ORDER BY c.system)
              FROM cur c WHERE c.channel = g.channel AND c.package_attr = g.package_attr) AS derivations
    FROM grouped g JOIN derivation_meta dm ON dm.id = g.meta_id
    ORDER BY g.package_attr, g.channel
    LIMIT ${limitParam}`;
}

export interface PackageFilter {
  search?: string;
  channel?: string;
  maintainer?: string;
}

/** Read side of channels and evaluations for the API. */
@Injectable()
export class EvaluationQueryRepository {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = pgPool(dataSource);
  }

  async channels(): Promise<Channel[]> {
    const { rows } = await this.pool.query(
      `SELECT name, release, variant, state, tracked, head_revision AS "headRevision", head_updated_at AS "headUpdatedAt"
       FROM channel ORDER BY release = 'unstable' DESC, release DESC, name`,
    );
    return rows;
  }

  async evaluation(id: number): Promise<Evaluation | null> {
    const { rows } = await this.pool.query(`SELECT ${EVALUATION_COLUMNS} FROM evaluation WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async evaluations(channel: string | null, first: number): Promise<Evaluation[]> {
    const { rows } = await this.pool.query(
      `SELECT ${EVALUATION_COLUMNS} FROM evaluation WHERE ($1::text IS NULL OR channel = $1) ORDER BY id DESC LIMIT $2`,
      [channel, first],
    );
    return rows;
  }

  async errors(evaluationId: number, first: number): Promise<EvaluationErrorEntry[]> {
    const { rows } = await this.pool.query(
      `SELECT attr, error FROM evaluation_error WHERE evaluation_id = $1 ORDER BY attr LIMIT $2`,
      [evaluationId, first],
    );
    return rows;
  }

  /** Derivations that list `drvPath` among their direct inputs (from nix-eval-jobs' inputDrvs). */
  async dependants(drvPath: string, first: number): Promise<PackageDerivation[]> {
    const { rows } = await this.pool.query(
      `SELECT d.system, d.drv_path AS "drvPath", coalesce(min(m.attr), d.name) AS attr
       FROM derivation d LEFT JOIN channel_member m ON m.derivation_id = d.id
       WHERE d.input_drv_paths @> ARRAY[$1] GROUP BY d.id ORDER BY d.drv_path LIMIT $2`,
      [drvPath, first],
    );
    return rows;
  }

  async package(attr: string, channel: string): Promise<Package | null> {
    const { rows } = await this.pool.query(packageQuery(['m.channel = $1', 'm.package_attr = $2'], '1'), [channel, attr]);
    return rows[0] ?? null;
  }

  /** Ordered by attribute; `search` matches attribute, pname and description (case-insensitive). */
  async packages(filter: PackageFilter, first: number, after: string | null): Promise<{ rows: Package[]; hasNext: boolean }> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (filter.channel) add('m.channel = ?', filter.channel);
    if (filter.search?.trim()) {
      add(`(m.package_attr ILIKE ? OR d.pname ILIKE ? OR dm.description ILIKE ?)`, `%${filter.search.trim().replace(/[%_\\]/g, '\\$&')}%`);
    }
    if (filter.maintainer) {
      add(`dm.maintainer_ids && ARRAY(SELECT id FROM maintainer WHERE lower(github) = lower(?))`, filter.maintainer);
    }
    if (after) {
      const [channel, attr] = Buffer.from(after, 'base64url').toString().split('\n');
      params.push(attr, channel);
      where.push(`(m.package_attr, m.channel) > ($${params.length - 1}, $${params.length})`);
    }
    params.push(first + 1);
    const { rows } = await this.pool.query(packageQuery(where, `$${params.length}`), params);
    return { rows: rows.slice(0, first), hasNext: rows.length > first };
  }

  static cursor(p: Package): string {
    return Buffer.from(`${p.channel}\n${p.attr}`).toString('base64url');
  }

  async maintainer(github: string): Promise<Maintainer | null> {
    const { rows } = await this.pool.query(
      `SELECT github_id AS "githubId", github, name FROM maintainer WHERE lower(github) = lower($1) ORDER BY github_id NULLS LAST LIMIT 1`,
      [github],
    );
    return rows[0] ?? null;
  }

  /** Attributes (as nix-eval-jobs names them, with the system) added, removed or with a new version. */
  async diff(from: number, to: number): Promise<EvaluationDiff> {
    const { rows } = await this.pool.query<{ attr: string; from_version: string | null; to_version: string | null }>(
      `WITH a AS (SELECT m.attr, d.version FROM ${MEMBERS_OF('$1').replace('WHERE', 'JOIN derivation d ON d.id = m.derivation_id WHERE')}),
            b AS (SELECT m.attr, d.version FROM ${MEMBERS_OF('$2').replace('WHERE', 'JOIN derivation d ON d.id = m.derivation_id WHERE')})
       SELECT coalesce(a.attr, b.attr) AS attr, a.version AS from_version, b.version AS to_version
       FROM a FULL JOIN b ON a.attr = b.attr
       WHERE a.attr IS NULL OR b.attr IS NULL OR a.version IS DISTINCT FROM b.version
       ORDER BY 1`,
      [from, to],
    );
    return {
      added: rows.filter((r) => r.from_version === null).map((r) => r.attr),
      removed: rows.filter((r) => r.to_version === null).map((r) => r.attr),
      versionChanged: rows
        .filter((r) => r.from_version !== null && r.to_version !== null)
        .map((r) => ({ attr: r.attr, from: r.from_version!, to: r.to_version! })),
    };
  }
}
