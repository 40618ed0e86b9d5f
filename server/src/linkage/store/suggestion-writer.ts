import { PoolClient } from 'pg';
import { copyRows, CopyValue, Json } from '../../database/copy-rows';
import type { CveMatch } from '../matcher/matcher';

/** The automatic decisions are made by "nixsec"; a human's dismissal is never undone by re-linking. */
export const LINKER_ACTOR = 'nixsec';

/**
 * A decision re-linking keeps: a person's dismissal, restore or acceptance into a draft (the
 * triage lifecycle, server/src/advisories/lifecycle). A withdrawn suggestion that matches again
 * comes back with the linker's verdict.
 */
const HUMAN_DECISION = `(s.status = 'accepted' OR (s.decided_at IS NOT NULL AND s.status <> 'withdrawn') OR (s.status = 'dismissed' AND s.dismissed_by <> '${LINKER_ACTOR}'))`;

const PACKAGE_COLUMNS = [
  'suggestion_id', 'group_key', 'display_attr', 'ecosystem', 'confidence', 'verdict', 'doubt', 'known_vulnerability',
  'attrs', 'maintainers', 'reasons', 'members',
] as const;

export interface LinkedCve {
  match: CveMatch;
  cveUpdatedAt: Date;
}

/**
 * A suggestion whose CVE no longer matches (rejected, or the package left every channel) is
 * withdrawn; a person's dismissal stays. $3: the unmatched CVEs and their explanations.
 */
const WITHDRAW = `withdrawn AS (
       UPDATE suggestion s SET status = 'withdrawn', dismissal_reason = NULL, dismissal_detail = NULL, dismissed_by = NULL,
         group_count = 0, attrs = '{}', maintainers = '{}', channels = '{}', score = 0, confidence = 0,
         explanation = jsonb_build_object('notes', x.notes, 'considered', x.considered, 'keys', x.keys),
         algorithm_version = x.algorithm_version, updated_at = now()
       FROM json_to_recordset($3::json) AS x(cve_id text, notes jsonb, considered jsonb, keys jsonb, algorithm_version integer)
       WHERE s.cve_id = x.cve_id AND (s.status = 'pending' OR s.dismissed_by = '${LINKER_ACTOR}')
       RETURNING s.id
     )`;

/**
 * Writes one batch of match results: one suggestion per CVE (upserted on the CVE's unique key),
 * its package groups replaced, and the CVE's linkage state. CVEs that no longer match anything
 * withdraw their suggestion; a suggestion a person dismissed keeps that decision.
 */
export async function writeLinks(client: PoolClient, linked: LinkedCve[]): Promise<{ suggested: number; withdrawn: number }> {
  const matched = linked.filter((l) => l.match.groups.length > 0);
  const unmatched = linked.filter((l) => l.match.groups.length === 0).map((l) => l.match);
  const suggestionRows = matched.map(({ match }) => ({
    cve_id: match.cveId,
    status: match.dismissal ? 'dismissed' : 'pending',
    dismissal_reason: match.dismissal?.reason ?? null,
    dismissal_detail: match.dismissal?.detail ?? null,
    dismissed_by: match.dismissal ? LINKER_ACTOR : null,
    confidence: match.confidence,
    score: match.score,
    group_count: match.groups.length,
    explanation: { notes: match.notes, considered: match.considered, keys: match.keys },
    algorithm_version: match.algorithmVersion,
    cvss: match.cvss,
    attrs: [...new Set(match.groups.flatMap((g) => g.attrs))].sort(),
    maintainers: [...new Set(match.groups.flatMap((g) => g.maintainers.map((m) => m.toLowerCase())))].sort(),
    channels: [...new Set(match.groups.flatMap((g) => g.members.filter((m) => m.verdict !== 'not-affected').map((m) => m.channel)))].sort(),
  }));
  // The upsert stands alone: when it waits for another writer's uncommitted row, the statements
  // after it must see what that writer committed (its package groups, to replace them).
  const { rows: upserted } = await client.query<{ id: number; cve_id: string }>(
    `INSERT INTO suggestion AS s (cve_id, status, dismissal_reason, dismissal_detail, dismissed_by, confidence, score, group_count, explanation,
                                  algorithm_version, cvss, channels, attrs, maintainers)
     SELECT cve_id, status, dismissal_reason, dismissal_detail, dismissed_by, confidence, score, group_count, explanation, algorithm_version, cvss, channels,
            attrs, maintainers
     FROM json_populate_recordset(NULL::suggestion, $1::json)
     ON CONFLICT (cve_id) DO UPDATE SET
       confidence = EXCLUDED.confidence, score = EXCLUDED.score, group_count = EXCLUDED.group_count,
       explanation = EXCLUDED.explanation, algorithm_version = EXCLUDED.algorithm_version, cvss = EXCLUDED.cvss, channels = EXCLUDED.channels,
       attrs = EXCLUDED.attrs, maintainers = EXCLUDED.maintainers,
       updated_at = now(),
       status = CASE WHEN ${HUMAN_DECISION} THEN s.status ELSE EXCLUDED.status END,
       dismissal_reason = CASE WHEN ${HUMAN_DECISION} THEN s.dismissal_reason ELSE EXCLUDED.dismissal_reason END,
       dismissal_detail = CASE WHEN ${HUMAN_DECISION} THEN s.dismissal_detail ELSE EXCLUDED.dismissal_detail END,
       dismissed_by = CASE WHEN ${HUMAN_DECISION} THEN s.dismissed_by ELSE EXCLUDED.dismissed_by END
     RETURNING s.id, s.cve_id`,
    [JSON.stringify(suggestionRows)],
  );
  // Then one statement for the rest but the package rows: during a full link the event loop is busy
  // matching the next batch, and each round trip of the write waited for it. The rows these CTEs
  // change are disjoint (matched vs unmatched CVEs), and this transaction already holds the
  // upserted suggestions, so no other writer can add package groups to them meanwhile.
  const { rows: [written] } = await client.query<{ withdrawn: number }>(
    `WITH replaced AS (DELETE FROM suggestion_package WHERE suggestion_id = ANY ($1)),
     state AS (
       INSERT INTO linkage_state (cve_id, algorithm_version, cve_updated_at, keys)
       SELECT cve_id, algorithm_version, cve_updated_at, keys FROM json_populate_recordset(NULL::linkage_state, $2::json)
       ON CONFLICT (cve_id) DO UPDATE SET algorithm_version = EXCLUDED.algorithm_version, cve_updated_at = EXCLUDED.cve_updated_at,
         keys = EXCLUDED.keys, linked_at = now()
     ),
     ${WITHDRAW}
     SELECT count(*)::int AS withdrawn FROM withdrawn`,
    [
      upserted.map((r) => r.id),
      JSON.stringify(linked.map((l) => ({ cve_id: l.match.cveId, algorithm_version: l.match.algorithmVersion, cve_updated_at: l.cveUpdatedAt, keys: l.match.keys }))),
      JSON.stringify(unmatched.map((m) => ({ cve_id: m.cveId, notes: m.notes.length ? m.notes : ['no package matches any more'], considered: m.considered, keys: m.keys, algorithm_version: m.algorithmVersion }))),
    ],
  );
  const idOf = new Map(upserted.map((r) => [r.cve_id, r.id]));
  // COPY rather than json_populate_recordset: no JSON text of the whole batch to build in this
  // process and take apart again in PostgreSQL, where it was the costliest statement of a full link.
  const packageRows = matched.flatMap(({ match }) =>
    match.groups.map((g): CopyValue[] => [
      idOf.get(match.cveId)!, g.groupKey, g.displayAttr, g.ecosystem, g.confidence, g.verdict, g.doubt, g.knownVulnerability,
      g.attrs, g.maintainers, new Json(g.reasons), new Json(g.members),
    ]),
  );
  if (packageRows.length > 0) await copyRows(client, 'suggestion_package', PACKAGE_COLUMNS, packageRows);
  if (unmatched.length > 0) {
    // Its own statement: the withdrawal may have waited for another writer, whose package groups it must see to remove them.
    await client.query(
      `DELETE FROM suggestion_package p USING suggestion s WHERE p.suggestion_id = s.id AND s.status = 'withdrawn' AND s.cve_id = ANY ($1)`,
      [unmatched.map((m) => m.cveId)],
    );
  }
  const withdrawn = written.withdrawn;
  return { suggested: matched.length, withdrawn };
}
