import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { pgPool } from '../../database/pg-pool';
import { AdvisoryError } from '../advisory.error';
import { ADVISORY_COLUMNS, AdvisoryChannel, AdvisoryMaintainer, AdvisoryPackage, AdvisoryRow } from '../drafts/advisory.store';

export interface AdvisoryListFilter {
  states: string[];
  cve?: string;
  /** An attribute (exact) of any of the advisory's packages. */
  attr?: string;
  maintainerGithubId?: number;
}

export interface CommentRow {
  id: number;
  author: string;
  body: string;
  createdAt: Date;
}

/** Read side of advisories for the API, the feed and the REST list. Cursor: "<updated_at ISO>|<id>". */
@Injectable()
export class AdvisoryQueryRepository {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = pgPool(dataSource);
  }

  async byId(id: number): Promise<AdvisoryRow | null> {
    const { rows } = await this.pool.query<AdvisoryRow>(`SELECT ${ADVISORY_COLUMNS} FROM advisory a WHERE a.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async byPublicId(publicId: string): Promise<AdvisoryRow | null> {
    const { rows } = await this.pool.query<AdvisoryRow>(`SELECT ${ADVISORY_COLUMNS} FROM advisory a WHERE a.public_id = upper($1)`, [publicId]);
    return rows[0] ?? null;
  }

  async byCve(cveId: string): Promise<AdvisoryRow | null> {
    const { rows } = await this.pool.query<AdvisoryRow>(
      `SELECT ${ADVISORY_COLUMNS} FROM advisory a JOIN advisory_cve c ON c.advisory_id = a.id WHERE c.cve_id = upper($1)`,
      [cveId],
    );
    return rows[0] ?? null;
  }

  async list(filter: AdvisoryListFilter, first: number, after: string | null): Promise<{ rows: AdvisoryRow[]; hasNext: boolean }> {
    const params: unknown[] = [filter.states];
    const param = (v: unknown) => `$${params.push(v)}`;
    const where = [`a.state = ANY ($1::text[])`];
    if (filter.cve) where.push(`EXISTS (SELECT 1 FROM advisory_cve c WHERE c.advisory_id = a.id AND c.cve_id = upper(${param(filter.cve)}))`);
    if (filter.attr) where.push(`EXISTS (SELECT 1 FROM advisory_package p WHERE p.advisory_id = a.id AND (p.attr = ${param(filter.attr)} OR p.attrs @> ARRAY[$${params.length}]::text[]))`);
    if (filter.maintainerGithubId != null) {
      where.push(`EXISTS (SELECT 1 FROM advisory_maintainer m WHERE m.advisory_id = a.id AND m.github_id = ${param(filter.maintainerGithubId)})`);
    }
    if (after) {
      const [at, id] = after.split('|');
      if (!at || !id || Number.isNaN(Date.parse(at))) throw new AdvisoryError('BAD_USER_INPUT', `after: "${after}" is not a cursor returned by advisories.`);
      where.push(`(a.updated_at, a.id) < (${param(at)}::timestamptz, ${param(Number(id))}::int)`);
    }
    const { rows } = await this.pool.query<AdvisoryRow>(
      `SELECT ${ADVISORY_COLUMNS} FROM advisory a WHERE ${where.join(' AND ')} ORDER BY a.updated_at DESC, a.id DESC LIMIT ${param(first + 1)}`,
      params,
    );
    return { rows: rows.slice(0, first), hasNext: rows.length > first };
  }

  static cursor(row: AdvisoryRow): string {
    return `${row.updatedAt.toISOString()}|${row.id}`;
  }

  async cveIds(ids: number[]): Promise<Map<number, string[]>> {
    const { rows } = await this.pool.query<{ advisoryId: number; cveId: string }>(
      `SELECT advisory_id AS "advisoryId", cve_id AS "cveId" FROM advisory_cve WHERE advisory_id = ANY ($1::int[]) ORDER BY cve_id`,
      [ids],
    );
    return group(ids, rows, (r) => r.advisoryId, (r) => r.cveId);
  }

  async packages(ids: number[]): Promise<Map<number, AdvisoryPackage[]>> {
    const { rows } = await this.pool.query<AdvisoryPackage & { advisoryId: number }>(
      `SELECT advisory_id AS "advisoryId", attr, attrs, source, links FROM advisory_package WHERE advisory_id = ANY ($1::int[]) ORDER BY attr`,
      [ids],
    );
    return group(ids, rows, (r) => r.advisoryId, ({ advisoryId: _, ...p }) => p);
  }

  async channels(ids: number[]): Promise<Map<number, AdvisoryChannel[]>> {
    const { rows } = await this.pool.query<AdvisoryChannel & { advisoryId: number }>(
      `SELECT advisory_id AS "advisoryId", channel, status FROM advisory_channel WHERE advisory_id = ANY ($1::int[]) ORDER BY channel`,
      [ids],
    );
    return group(ids, rows, (r) => r.advisoryId, ({ advisoryId: _, ...c }) => c);
  }

  async maintainers(ids: number[]): Promise<Map<number, AdvisoryMaintainer[]>> {
    const { rows } = await this.pool.query<AdvisoryMaintainer & { advisoryId: number }>(
      `SELECT advisory_id AS "advisoryId", github_id::int AS "githubId", login, source, ping FROM advisory_maintainer
       WHERE advisory_id = ANY ($1::int[]) ORDER BY lower(login)`,
      [ids],
    );
    return group(ids, rows, (r) => r.advisoryId, ({ advisoryId: _, ...m }) => m);
  }

  async comments(subjectType: 'suggestion' | 'advisory', ids: number[]): Promise<Map<number, CommentRow[]>> {
    const { rows } = await this.pool.query<CommentRow & { subjectId: number }>(
      `SELECT id, subject_id AS "subjectId", author, body, created_at AS "createdAt" FROM advisory_comment
       WHERE subject_type = $1 AND subject_id = ANY ($2::int[]) ORDER BY id`,
      [subjectType, ids],
    );
    return group(ids, rows, (r) => r.subjectId, ({ subjectId: _, ...c }) => c);
  }

  async commentCounts(subjectType: 'suggestion' | 'advisory', ids: number[]): Promise<Map<number, number>> {
    const { rows } = await this.pool.query<{ subjectId: number; count: number }>(
      `SELECT subject_id AS "subjectId", count(*)::int AS count FROM advisory_comment
       WHERE subject_type = $1 AND subject_id = ANY ($2::int[]) GROUP BY subject_id`,
      [subjectType, ids],
    );
    return new Map(ids.map((id) => [id, rows.find((r) => r.subjectId === id)?.count ?? 0]));
  }
}

function group<R, V>(ids: number[], rows: R[], key: (r: R) => number, value: (r: R) => V): Map<number, V[]> {
  const out = new Map<number, V[]>(ids.map((id) => [id, []]));
  for (const row of rows) out.get(key(row))?.push(value(row));
  return out;
}
