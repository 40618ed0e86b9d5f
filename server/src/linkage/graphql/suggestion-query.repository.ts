import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { pgPool } from '../../database/pg-pool';
import { MappingRuleStore } from '../store/mapping-rule.store';
import { MappingRuleModel, Suggestion, SuggestedPackage } from './suggestion.model';

export interface SuggestionFilter {
  status?: string;
  attr?: string;
  maintainer?: string;
  minConfidence?: number;
}

const COLUMNS = `s.id::text, s.cve_id AS "cveId", s.status, s.dismissal_reason AS "dismissalReason", s.dismissal_detail AS "dismissalDetail",
  s.dismissed_by AS "dismissedBy", s.confidence, s.score, s.group_count AS "groupCount", s.algorithm_version AS "algorithmVersion",
  s.created_at AS "createdAt", s.updated_at AS "updatedAt", s.explanation, s.advisory_id::text AS "advisoryId", s.version, s.cvss`;

type Row = Omit<Suggestion, 'notes' | 'considered' | 'packages'> & { explanation: { notes?: string[]; considered?: Suggestion['considered'] } };

/** Read side of linkage for the API. Cursor = "<score>|<id>" (queue order: score descending). */
@Injectable()
export class SuggestionQueryRepository {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = pgPool(dataSource);
  }

  async byCve(cveId: string): Promise<Suggestion | null> {
    const { rows } = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM suggestion s WHERE s.cve_id = upper($1)`, [cveId]);
    return rows[0] ? (await this.withPackages(rows))[0] : null;
  }

  async list(filter: SuggestionFilter, first: number, after: string | null): Promise<{ rows: Suggestion[]; hasNext: boolean; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.status) where.push(`s.status = ${param(filter.status)}`);
    if (filter.minConfidence != null) where.push(`s.confidence >= ${param(filter.minConfidence)}`);
    if (filter.attr) where.push(`EXISTS (SELECT 1 FROM suggestion_package p WHERE p.suggestion_id = s.id AND p.attrs @> ARRAY[${param(filter.attr)}]::text[])`);
    // GitHub handles are case-insensitive.
    if (filter.maintainer) {
      where.push(`EXISTS (SELECT 1 FROM suggestion_package p, unnest(p.maintainers) m WHERE p.suggestion_id = s.id AND lower(m) = lower(${param(filter.maintainer)}))`);
    }
    const filtered = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number((await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM suggestion s ${filtered}`, params)).rows[0].n);
    if (after) {
      const [score, id] = after.split('|');
      if (!score || !id || Number.isNaN(Number(score))) throw new Error(`after: "${after}" is not a cursor returned by suggestions`);
      where.push(`(s.score, -s.id) < (${param(Number(score))}::real, -${param(Number(id))}::int)`);
    }
    const { rows } = await this.pool.query<Row>(
      `SELECT ${COLUMNS} FROM suggestion s ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY s.score DESC, s.id ASC LIMIT ${param(first + 1)}`,
      params,
    );
    const page = rows.slice(0, first);
    return { rows: await this.withPackages(page), hasNext: rows.length > first, total };
  }

  static cursor(s: Suggestion): string {
    return `${s.score}|${s.id}`;
  }

  async packages(suggestionIds: string[]): Promise<Map<string, SuggestedPackage[]>> {
    const { rows } = await this.pool.query<SuggestedPackage & { suggestionId: string; members: SuggestedPackage['links'] }>(
      `SELECT suggestion_id::text AS "suggestionId", group_key AS "groupKey", display_attr AS "displayAttr", ecosystem, confidence, verdict, doubt,
              known_vulnerability AS "knownVulnerability", attrs, maintainers, reasons, members
       FROM suggestion_package WHERE suggestion_id = ANY ($1::int[]) ORDER BY confidence DESC, display_attr`,
      [suggestionIds],
    );
    const out = new Map<string, SuggestedPackage[]>();
    for (const { suggestionId, members, ...group } of rows) {
      const channels = [...new Set(members.filter((m) => m.verdict !== 'not-affected').map((m) => m.channel))].sort();
      out.set(suggestionId, [...(out.get(suggestionId) ?? []), { ...group, links: members, channels }]);
    }
    return out;
  }

  async mappingRules(): Promise<MappingRuleModel[]> {
    return (await new MappingRuleStore(this.pool).list()).map((r) => ({ ...r, id: String(r.id) }));
  }

  private withPackages(rows: Row[]): Promise<Suggestion[]> {
    return this.packages(rows.map((r) => r.id)).then((packages) =>
      rows.map(({ explanation, ...row }) => ({
        ...row,
        notes: explanation.notes ?? [],
        considered: explanation.considered ?? [],
        packages: packages.get(row.id) ?? [],
      })),
    );
  }
}
