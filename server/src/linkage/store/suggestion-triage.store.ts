import type { PoolClient } from 'pg';
import type { MemberLink } from '../matcher/matcher';

/** A suggestion as triage sees it, locked for the transaction. */
export interface TriagedSuggestion {
  id: number;
  cveId: string;
  status: 'pending' | 'dismissed' | 'withdrawn' | 'accepted';
  version: number;
  advisoryId: number | null;
  dismissalReason: string | null;
  dismissalDetail: string | null;
  dismissedBy: string | null;
  decidedAt: Date | null;
}

export interface SuggestionPackageGroup {
  suggestionId: number;
  displayAttr: string;
  attrs: string[];
  maintainers: string[];
  members: MemberLink[];
}

export interface TriageUpdate {
  status: TriagedSuggestion['status'];
  advisoryId?: number | null;
  dismissalReason?: string | null;
  dismissalDetail?: string | null;
  dismissedBy?: string | null;
}

/**
 * The triage side of the suggestion table, for the advisories module: it decides (lifecycle),
 * this writes. Every call runs on the caller's transaction. A human decision sets `decided_at`,
 * which the linker's re-link then keeps (suggestion-writer.ts).
 */
export class SuggestionTriageStore {
  constructor(private readonly client: PoolClient) {}

  /** Locks the suggestions (FOR UPDATE, in id order so concurrent bulk actions cannot deadlock). */
  async lock(ids: readonly number[]): Promise<TriagedSuggestion[]> {
    const { rows } = await this.client.query<TriagedSuggestion>(
      `SELECT id, cve_id AS "cveId", status, version, advisory_id AS "advisoryId", dismissal_reason AS "dismissalReason",
              dismissal_detail AS "dismissalDetail", dismissed_by AS "dismissedBy", decided_at AS "decidedAt"
       FROM suggestion WHERE id = ANY ($1::int[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
    return rows;
  }

  async lockByAdvisory(advisoryId: number): Promise<TriagedSuggestion[]> {
    const { rows } = await this.client.query<{ id: number }>(`SELECT id FROM suggestion WHERE advisory_id = $1 ORDER BY id`, [advisoryId]);
    return this.lock(rows.map((r) => r.id));
  }

  async lockByCve(cveIds: readonly string[]): Promise<TriagedSuggestion[]> {
    const { rows } = await this.client.query<{ id: number }>(`SELECT id FROM suggestion WHERE cve_id = ANY ($1::text[])`, [cveIds]);
    return this.lock(rows.map((r) => r.id));
  }

  async update(id: number, change: TriageUpdate): Promise<number> {
    const { rows } = await this.client.query<{ version: number }>(
      `UPDATE suggestion SET status = $2, advisory_id = $3, dismissal_reason = $4, dismissal_detail = $5, dismissed_by = $6,
              decided_at = now(), version = version + 1, updated_at = now()
       WHERE id = $1 RETURNING version`,
      [id, change.status, change.advisoryId ?? null, change.dismissalReason ?? null, change.dismissalDetail ?? null, change.dismissedBy ?? null],
    );
    return rows[0].version;
  }

  /** Puts a suggestion back exactly as it was (undo). */
  async restoreSnapshot(snapshot: TriagedSuggestion): Promise<void> {
    await this.client.query(
      `UPDATE suggestion SET status = $2, advisory_id = $3, dismissal_reason = $4, dismissal_detail = $5, dismissed_by = $6,
              decided_at = $7, version = version + 1, updated_at = now()
       WHERE id = $1`,
      [snapshot.id, snapshot.status, snapshot.advisoryId, snapshot.dismissalReason, snapshot.dismissalDetail, snapshot.dismissedBy, snapshot.decidedAt],
    );
  }

  async packageGroups(ids: readonly number[]): Promise<SuggestionPackageGroup[]> {
    const { rows } = await this.client.query<SuggestionPackageGroup>(
      `SELECT suggestion_id AS "suggestionId", display_attr AS "displayAttr", attrs, maintainers, members
       FROM suggestion_package WHERE suggestion_id = ANY ($1::int[]) ORDER BY suggestion_id, confidence DESC, display_attr`,
      [ids],
    );
    return rows;
  }
}
