import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { pgPool } from '../../database/pg-pool';
import { MappingRuleStore } from '../store/mapping-rule.store';
import { MappingRuleModel, Suggestion, SuggestedPackage } from './suggestion.model';

export const QUEUE_SORTS = ['relevance', 'date', 'severity'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const SEVERITY_FLOOR: Record<string, number> = { low: 0.1, medium: 4, high: 7, critical: 9 };

export interface SuggestionFilter {
  status?: string;
  attr?: string;
  maintainer?: string;
  minConfidence?: number;
  channel?: string;
  /** Only suggestions with an affected or unknown version in a release channel (nixos-YY.MM…, nixpkgs-YY.MM-darwin). */
  stableOnly?: boolean;
  /** low, medium, high or critical: CVSS at least that band. */
  minSeverity?: string;
  cveYear?: number;
  /** Words of the CVE title/description (English stemming), or part of a package attribute. */
  text?: string;
}

export class SuggestionQueryError extends Error {}

/** totalCount counts up to this many ("more than 10,000" past it); with a text filter, up to TEXT_COUNT_CAP. */
export const COUNT_CAP = 10_000;
export const TEXT_COUNT_CAP = 1_000;
// A text query matching at least this many CVEs is checked row by row along the queue.
const COMMON_WORDS = 2_000;

// Sort key and cursor per order; every order ends with the id so pages never overlap.
const ORDERS: Record<QueueSort, { key: string; order: string; parse: (v: string) => unknown; cast: string; format: (s: Suggestion) => string }> = {
  relevance: { key: 's.score', order: 'DESC', parse: Number, cast: 'real', format: (s) => String(s.score) },
  // The key carries microseconds (a JS Date would cut them, and rows made in one transaction share a time).
  date: { key: 's.created_at', order: 'DESC', parse: (v) => v, cast: 'timestamptz', format: (s) => (s as Suggestion & { createdAtKey: string }).createdAtKey },
  severity: { key: 'coalesce(s.cvss, -1)', order: 'DESC', parse: Number, cast: 'real', format: (s) => String(s.cvss ?? -1) },
};

const COLUMNS = `s.id::text, s.cve_id AS "cveId", s.status, s.dismissal_reason AS "dismissalReason", s.dismissal_detail AS "dismissalDetail",
  s.dismissed_by AS "dismissedBy", s.confidence, s.score, s.group_count AS "groupCount", s.algorithm_version AS "algorithmVersion",
  s.created_at AS "createdAt", s.updated_at AS "updatedAt", s.explanation, s.advisory_id::text AS "advisoryId", s.version, s.cvss,
  to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAtKey"`;

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

  async list(
    filter: SuggestionFilter,
    first: number,
    after: string | null,
    sort: QueueSort = 'relevance',
  ): Promise<{ rows: Suggestion[]; hasNext: boolean; total: number; totalCapped: boolean }> {
    const params: unknown[] = [];
    const where: string[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.status) where.push(`s.status = ${param(filter.status)}`);
    if (filter.minConfidence != null) where.push(`s.confidence >= ${param(filter.minConfidence)}`);
    if (filter.attr) where.push(`s.attrs @> ARRAY[${param(filter.attr)}]::text[]`);
    // GitHub handles are case-insensitive; the linker stores them lower-case.
    if (filter.maintainer) where.push(`s.maintainers @> ARRAY[lower(${param(filter.maintainer)})]::text[]`);
    if (filter.channel) where.push(`s.channels @> ARRAY[${param(filter.channel)}]::text[]`);
    if (filter.stableOnly) where.push(`EXISTS (SELECT 1 FROM unnest(s.channels) c WHERE c ~ '^(nixos|nixpkgs)-[0-9]{2}\\.[0-9]{2}')`);
    if (filter.minSeverity) {
      const floor = SEVERITY_FLOOR[filter.minSeverity];
      if (floor === undefined) throw new SuggestionQueryError(`minSeverity: "${filter.minSeverity}" is not one of ${Object.keys(SEVERITY_FLOOR).join(', ')}`);
      where.push(`s.cvss >= ${param(floor)}`);
    }
    if (filter.cveYear != null) where.push(`s.cve_id LIKE ${param(`CVE-${filter.cveYear}-%`)}`);
    let countCap = COUNT_CAP;
    if (filter.text?.trim()) {
      const text = param(filter.text.trim());
      const query = `websearch_to_tsquery('english', ${text})`;
      // Words most CVEs contain ("overflow") are checked row by row while walking the queue (the
      // page fills at once); rare ones are looked up once in the full-text index (a hashed subplan).
      const { rows } = await this.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM cve c WHERE c.search @@ websearch_to_tsquery('english', $1) LIMIT ${COMMON_WORDS}) x`,
        [filter.text.trim()],
      );
      const cveSide = rows[0].n >= COMMON_WORDS
        ? `EXISTS (SELECT 1 FROM cve c WHERE c.id = s.cve_id AND c.search @@ ${query})`
        : `s.cve_id IN (SELECT c.id FROM cve c WHERE c.search @@ ${query})`;
      where.push(`(${cveSide} OR array_to_string(s.attrs, ' ') ILIKE '%' || ${text} || '%')`);
      countCap = TEXT_COUNT_CAP;
    }
    const filtered = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // Counting stops past the cap: "more than 10,000" is as useful to a reader as the exact figure,
    // and far cheaper under a broad filter (text is checked per row, hence its lower cap).
    const total = Number(
      (await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT 1 FROM suggestion s ${filtered} LIMIT ${countCap + 1}) capped`, params)).rows[0].n,
    );
    const order = ORDERS[sort];
    if (!order) throw new SuggestionQueryError(`sort: "${sort}" is not one of ${QUEUE_SORTS.join(', ')}`);
    if (after) {
      const cut = after.lastIndexOf('|');
      const [key, id] = [after.slice(0, cut), after.slice(cut + 1)];
      const value = order.parse(key);
      if (cut < 0 || !/^\d+$/.test(id) || (typeof value === 'number' && Number.isNaN(value)) || (order.cast === 'timestamptz' && Number.isNaN(Date.parse(key)))) {
        throw new SuggestionQueryError(`after: "${after}" is not a cursor returned by suggestions sorted by ${sort}`);
      }
      where.push(`(${order.key}, -s.id) < (${param(value)}::${order.cast}, -${param(Number(id))}::int)`);
    }
    const { rows } = await this.pool.query<Row>(
      `SELECT ${COLUMNS} FROM suggestion s ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${order.key} ${order.order}, s.id ASC LIMIT ${param(first + 1)}`,
      params,
    );
    const page = rows.slice(0, first);
    return { rows: await this.withPackages(page), hasNext: rows.length > first, total: Math.min(total, countCap), totalCapped: total > countCap };
  }

  static cursor(s: Suggestion, sort: QueueSort = 'relevance'): string {
    return `${ORDERS[sort].format(s)}|${s.id}`;
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
