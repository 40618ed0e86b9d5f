import type { PoolClient } from 'pg';
import type { MemberLink } from '../../linkage/matcher/matcher';
import { AdvisoryError } from '../advisory.error';
import type { AdvisoryState } from '../lifecycle/lifecycle';

export const CHANNEL_STATUSES = ['affected', 'fixed', 'not-affected', 'unknown'] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];
export const SEVERITIES = ['none', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface AdvisoryFields {
  title: string;
  description: string;
  severityOverride: Severity | null;
  references: string[];
  notes: string;
}

export interface AdvisoryRow extends AdvisoryFields {
  id: number;
  publicId: string | null;
  state: AdvisoryState;
  version: number;
  repository: string | null;
  issueNumber: number | null;
  issueUrl: string | null;
  publishStartedAt: Date | null;
  publishedAt: Date | null;
  archivedAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface AdvisoryPackage {
  attr: string;
  attrs: string[];
  source: 'suggestion' | 'manual';
  links: MemberLink[];
}

export interface AdvisoryMaintainer {
  githubId: number;
  login: string;
  source: 'package' | 'manual';
  ping: boolean;
}

export interface AdvisoryChannel {
  channel: string;
  status: ChannelStatus;
}

/** Everything an advisory holds, as one value (activity-log snapshots, the issue body, undo). */
export interface AdvisoryContent {
  advisory: AdvisoryRow;
  cveIds: string[];
  packages: AdvisoryPackage[];
  channels: AdvisoryChannel[];
  maintainers: AdvisoryMaintainer[];
}

export const ADVISORY_COLUMNS = `a.id, a.public_id AS "publicId", a.state, a.title, a.description, a.severity_override AS "severityOverride",
  a.reference_urls AS "references", a.notes, a.version, a.repository, a.issue_number AS "issueNumber", a.issue_url AS "issueUrl",
  a.publish_started_at AS "publishStartedAt", a.published_at AS "publishedAt", a.archived_at AS "archivedAt",
  a.created_by AS "createdBy", a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;

/** The advisory tables, on the caller's transaction. */
export class AdvisoryStore {
  constructor(private readonly client: PoolClient) {}

  async create(fields: AdvisoryFields, createdBy: string): Promise<number> {
    const { rows } = await this.client.query<{ id: number }>(
      `INSERT INTO advisory (title, description, severity_override, reference_urls, notes, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [fields.title, fields.description, fields.severityOverride, fields.references, fields.notes, createdBy],
    );
    return rows[0].id;
  }

  /** Locks the advisory for the transaction; NOT_FOUND names the id. */
  async lock(id: number): Promise<AdvisoryRow> {
    const { rows } = await this.client.query<AdvisoryRow>(`SELECT ${ADVISORY_COLUMNS} FROM advisory a WHERE a.id = $1 FOR UPDATE`, [id]);
    if (!rows[0]) throw new AdvisoryError('NOT_FOUND', `There is no advisory ${id}: list them with the advisories query.`);
    return rows[0];
  }

  /**
   * Optimistic locking: the change applies only to the version the editor saw. The second of two
   * concurrent editors gets CONFLICT with the current version and content, and re-applies on it.
   */
  async checkVersion(row: AdvisoryRow, expected: number): Promise<void> {
    if (row.version === expected) return;
    const current = await this.content(row.id);
    throw new AdvisoryError(
      'CONFLICT',
      `Advisory ${row.publicId ?? row.id} was changed by someone else (you edited version ${expected}, it is now version ${row.version}). ` +
        'Reload it, re-apply your change and save again.',
      { currentVersion: row.version, current: { ...current.advisory, cveIds: current.cveIds, packages: current.packages.map((p) => p.attr) } },
    );
  }

  async bump(id: number): Promise<number> {
    const { rows } = await this.client.query<{ version: number }>(`UPDATE advisory SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`, [id]);
    return rows[0].version;
  }

  async setFields(id: number, fields: AdvisoryFields): Promise<void> {
    await this.client.query(
      `UPDATE advisory SET title = $2, description = $3, severity_override = $4, reference_urls = $5, notes = $6 WHERE id = $1`,
      [id, fields.title, fields.description, fields.severityOverride, fields.references, fields.notes],
    );
  }

  async content(id: number): Promise<AdvisoryContent> {
    // One after another: a pg client runs one query at a time.
    const advisory = await this.client.query<AdvisoryRow>(`SELECT ${ADVISORY_COLUMNS} FROM advisory a WHERE a.id = $1`, [id]);
    const cves = await this.client.query<{ cveId: string }>(`SELECT cve_id AS "cveId" FROM advisory_cve WHERE advisory_id = $1 ORDER BY cve_id`, [id]);
    const packages = await this.client.query<AdvisoryPackage>(`SELECT attr, attrs, source, links FROM advisory_package WHERE advisory_id = $1 ORDER BY attr`, [id]);
    const channels = await this.client.query<AdvisoryChannel>(`SELECT channel, status FROM advisory_channel WHERE advisory_id = $1 ORDER BY channel`, [id]);
    const maintainers = await this.client.query<AdvisoryMaintainer>(
      `SELECT github_id::int AS "githubId", login, source, ping FROM advisory_maintainer WHERE advisory_id = $1 ORDER BY lower(login)`,
      [id],
    );
    if (!advisory.rows[0]) throw new AdvisoryError('NOT_FOUND', `There is no advisory ${id}.`);
    return {
      advisory: advisory.rows[0],
      cveIds: cves.rows.map((r) => r.cveId),
      packages: packages.rows,
      channels: channels.rows,
      maintainers: maintainers.rows,
    };
  }

  async addCves(id: number, cveIds: readonly string[]): Promise<void> {
    await this.client.query(`INSERT INTO advisory_cve (advisory_id, cve_id) SELECT $1, unnest($2::text[])`, [id, cveIds]);
  }

  async removeCve(id: number, cveId: string): Promise<void> {
    await this.client.query(`DELETE FROM advisory_cve WHERE advisory_id = $1 AND cve_id = $2`, [id, cveId]);
  }

  /** Adds packages; a package already there keeps its source and gains the new links. */
  async addPackages(id: number, packages: readonly AdvisoryPackage[]): Promise<void> {
    if (packages.length === 0) return;
    await this.client.query(
      `INSERT INTO advisory_package (advisory_id, attr, attrs, source, links)
       SELECT $1, p.attr, p.attrs, p.source, p.links FROM json_populate_recordset(NULL::advisory_package, $2::json) p
       ON CONFLICT (advisory_id, attr) DO UPDATE SET
         attrs = ARRAY(SELECT DISTINCT unnest(advisory_package.attrs || EXCLUDED.attrs) ORDER BY 1),
         links = advisory_package.links || EXCLUDED.links`,
      [id, JSON.stringify(mergePackages(packages))],
    );
  }

  async removePackage(id: number, attr: string): Promise<boolean> {
    const { rowCount } = await this.client.query(`DELETE FROM advisory_package WHERE advisory_id = $1 AND attr = $2`, [id, attr]);
    return (rowCount ?? 0) > 0;
  }

  async replacePackages(id: number, packages: readonly AdvisoryPackage[]): Promise<void> {
    await this.client.query(`DELETE FROM advisory_package WHERE advisory_id = $1`, [id]);
    await this.addPackages(id, packages);
  }

  async setChannels(id: number, channels: readonly AdvisoryChannel[]): Promise<void> {
    await this.client.query(`DELETE FROM advisory_channel WHERE advisory_id = $1`, [id]);
    if (channels.length === 0) return;
    await this.client.query(
      `INSERT INTO advisory_channel (advisory_id, channel, status) SELECT $1, c.channel, c.status FROM json_populate_recordset(NULL::advisory_channel, $2::json) c`,
      [id, JSON.stringify(channels)],
    );
  }

  /** Adds maintainers; one already there keeps its ping choice and source. */
  async addMaintainers(id: number, maintainers: readonly AdvisoryMaintainer[]): Promise<void> {
    if (maintainers.length === 0) return;
    await this.client.query(
      `INSERT INTO advisory_maintainer (advisory_id, github_id, login, source, ping)
       SELECT $1, m."githubId", m.login, m.source, m.ping FROM json_to_recordset($2::json) AS m("githubId" bigint, login text, source text, ping boolean)
       ON CONFLICT (advisory_id, github_id) DO UPDATE SET login = EXCLUDED.login`,
      [id, JSON.stringify([...new Map(maintainers.map((m) => [m.githubId, m])).values()])],
    );
  }

  async replaceMaintainers(id: number, maintainers: readonly AdvisoryMaintainer[]): Promise<void> {
    await this.client.query(`DELETE FROM advisory_maintainer WHERE advisory_id = $1`, [id]);
    await this.addMaintainers(id, maintainers);
  }

  async setMaintainerPing(id: number, githubId: number, ping: boolean): Promise<boolean> {
    const { rowCount } = await this.client.query(`UPDATE advisory_maintainer SET ping = $3 WHERE advisory_id = $1 AND github_id = $2`, [id, githubId, ping]);
    return (rowCount ?? 0) > 0;
  }

  async removeMaintainer(id: number, githubId: number): Promise<boolean> {
    const { rowCount } = await this.client.query(`DELETE FROM advisory_maintainer WHERE advisory_id = $1 AND github_id = $2`, [id, githubId]);
    return (rowCount ?? 0) > 0;
  }

  /** Discards a draft (the trigger refuses anything else). Its suggestions must be returned first. */
  async delete(id: number): Promise<void> {
    await this.client.query(`DELETE FROM advisory WHERE id = $1`, [id]);
  }
}

/** Per-channel status from version verdicts: affected if any version is, not-affected if all are, else unknown. */
export function channelsFromLinks(links: readonly MemberLink[]): AdvisoryChannel[] {
  const byChannel = new Map<string, Set<string>>();
  for (const link of links) byChannel.set(link.channel, (byChannel.get(link.channel) ?? new Set()).add(link.verdict));
  return [...byChannel]
    .map(([channel, verdicts]): AdvisoryChannel => ({
      channel,
      status: verdicts.has('affected') ? 'affected' : verdicts.size === 1 && verdicts.has('not-affected') ? 'not-affected' : 'unknown',
    }))
    .sort((a, b) => a.channel.localeCompare(b.channel));
}

/** One row per attribute (ON CONFLICT cannot touch a row twice in one statement). */
function mergePackages(packages: readonly AdvisoryPackage[]): AdvisoryPackage[] {
  const byAttr = new Map<string, AdvisoryPackage>();
  for (const p of packages) {
    const seen = byAttr.get(p.attr);
    byAttr.set(p.attr, seen ? { ...seen, attrs: [...new Set([...seen.attrs, ...p.attrs])].sort(), links: [...seen.links, ...p.links] } : p);
  }
  return [...byAttr.values()];
}
