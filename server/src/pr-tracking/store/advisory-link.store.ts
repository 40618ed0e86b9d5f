import { Pool, PoolClient } from 'pg';

export interface ChannelFixMark {
  advisoryId: number;
  channel: string;
  pr: number | null;
  previousStatus: 'affected' | 'unknown';
  activityId: string;
}

export interface AdvisoryFixRow {
  advisoryId: number;
  pr: number;
  branch: string;
  firstSeen: Date;
}

/**
 * PR ↔ advisory links. Linking reads the advisories' CVE ids, public ids and issue numbers in one
 * set-based statement (a read of the advisories module's tables, kept here because a per-advisory
 * call through its service would be one query per advisory and PR); nothing of theirs is written.
 */
export class AdvisoryLinkStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Links every PR whose title, body or commit messages name an advisory's CVE id, its NIXPKGS id, or its GitHub
   * issue as `#N` (same repository; not a prefix of a longer number). Returns new links.
   */
  async linkMentions(repository: string): Promise<number> {
    const { rowCount } = await this.pool.query(
      `WITH mention AS (
         SELECT a.id AS advisory_id, 'mentions ' || c.cve_id AS reason, '(^|[^0-9A-Za-z-])' || c.cve_id || '([^0-9]|$)' AS pattern
         FROM advisory a JOIN advisory_cve c ON c.advisory_id = a.id
         UNION ALL
         SELECT a.id, 'mentions ' || a.public_id, '(^|[^0-9A-Za-z-])' || a.public_id || '([^0-9]|$)' FROM advisory a WHERE a.public_id IS NOT NULL
         UNION ALL
         SELECT a.id, 'mentions #' || a.issue_number, '(^|[^0-9A-Za-z/])#' || a.issue_number || '([^0-9]|$)'
         FROM advisory a WHERE a.issue_number IS NOT NULL AND lower(a.repository) = lower($1)
       )
       INSERT INTO pr_advisory_link (repository, number, advisory_id, reason)
       SELECT DISTINCT ON (p.number, m.advisory_id) p.repository, p.number, m.advisory_id, m.reason
       FROM pull_request p JOIN mention m ON (p.title || E'\\n' || coalesce(p.body, '') || E'\\n' || p.commit_messages) ~* m.pattern
       WHERE p.repository = $1
       ORDER BY p.number, m.advisory_id, m.reason
       ON CONFLICT DO NOTHING`,
      [repository],
    );
    return rowCount ?? 0;
  }

  /**
   * Backports: a PR with a commit cherry-picked (`-x`) from a commit of a linked PR gets that PR's
   * advisories too — repeated, so a backport of a backport follows. Returns new links.
   */
  async linkBackports(repository: string): Promise<number> {
    let total = 0;
    for (let round = 0; round < 5; round++) {
      const { rowCount } = await this.pool.query(
        `INSERT INTO pr_advisory_link (repository, number, advisory_id, reason)
         SELECT DISTINCT ON (b.number, k.advisory_id) b.repository, b.number, k.advisory_id, 'backport of #' || a.number
         FROM pull_request b
         JOIN pull_request a ON a.repository = b.repository AND a.number <> b.number AND a.commits && b.cherry_picked_from
         JOIN pr_advisory_link k ON k.repository = a.repository AND k.number = a.number AND NOT k.dismissed
         WHERE b.repository = $1 AND cardinality(b.cherry_picked_from) > 0
         ORDER BY b.number, k.advisory_id, a.number
         ON CONFLICT DO NOTHING`,
        [repository],
      );
      if (!rowCount) break;
      total += rowCount;
    }
    return total;
  }

  /** A team member's link (or undoing their unlink). Returns whether anything changed. */
  async link(client: PoolClient, repository: string, number: number, advisoryId: number, reason: string): Promise<boolean> {
    const { rowCount } = await client.query(
      `INSERT INTO pr_advisory_link (repository, number, advisory_id, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT (repository, number, advisory_id) DO UPDATE SET dismissed = false, reason = EXCLUDED.reason WHERE pr_advisory_link.dismissed`,
      [repository, number, advisoryId, reason],
    );
    return (rowCount ?? 0) > 0;
  }

  /** Unlinks for good: the row stays, dismissed, so later mentions do not link it again. */
  async dismiss(client: PoolClient, repository: string, number: number, advisoryId: number, reason: string): Promise<boolean> {
    const { rowCount } = await client.query(
      `INSERT INTO pr_advisory_link (repository, number, advisory_id, reason, dismissed) VALUES ($1, $2, $3, $4, true)
       ON CONFLICT (repository, number, advisory_id) DO UPDATE SET dismissed = true, reason = EXCLUDED.reason WHERE NOT pr_advisory_link.dismissed`,
      [repository, number, advisoryId, reason],
    );
    return (rowCount ?? 0) > 0;
  }

  /** The advisories a PR is linked to (not dismissed), oldest link first. */
  async advisoriesOf(repository: string, number: number): Promise<Array<{ advisoryId: number; reason: string }>> {
    const { rows } = await this.pool.query<{ advisoryId: number; reason: string }>(
      `SELECT advisory_id AS "advisoryId", reason FROM pr_advisory_link WHERE repository = $1 AND number = $2 AND NOT dismissed ORDER BY created_at, advisory_id`,
      [repository, number],
    );
    return rows;
  }

  /** The (advisory, channel) pairs whose fix was announced already, as "advisoryId channel". */
  async announcedFixes(advisoryIds: number[]): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ key: string }>(
      `SELECT advisory_id || ' ' || channel AS key FROM pr_fix_notification WHERE advisory_id = ANY ($1::int[])`,
      [advisoryIds],
    );
    return new Set(rows.map((r) => r.key));
  }

  /** Records fixes as announced (a pair announced before keeps its first record). */
  async recordAnnounced(repository: string, fixes: ReadonlyArray<{ advisoryId: number; channel: string; pr: number; firstSeen: Date }>): Promise<number> {
    if (fixes.length === 0) return 0;
    const { rowCount } = await this.pool.query(
      `INSERT INTO pr_fix_notification (advisory_id, channel, repository, number, first_seen_at)
       SELECT a, c, $1, n, s FROM unnest($2::int[], $3::text[], $4::int[], $5::timestamptz[]) AS x(a, c, n, s)
       ON CONFLICT DO NOTHING`,
      [repository, fixes.map((f) => f.advisoryId), fixes.map((f) => f.channel), fixes.map((f) => f.pr), fixes.map((f) => f.firstSeen)],
    );
    return rowCount ?? 0;
  }

  /** Landings of the PRs linked to the given advisories (all advisories when null). */
  async fixes(repository: string, advisoryIds: number[] | null): Promise<AdvisoryFixRow[]> {
    const { rows } = await this.pool.query<AdvisoryFixRow>(
      `SELECT k.advisory_id AS "advisoryId", l.number AS pr, l.branch, l.first_seen_at AS "firstSeen"
       FROM pr_advisory_link k JOIN pr_landing l ON l.repository = k.repository AND l.number = k.number
       WHERE k.repository = $1 AND NOT k.dismissed AND ($2::int[] IS NULL OR k.advisory_id = ANY($2::int[]))
       ORDER BY k.advisory_id, l.first_seen_at, l.branch, l.number`,
      [repository, advisoryIds],
    );
    return rows;
  }

  /** The channels nixsec marked fixed and has not handed back (pr_channel_fix). */
  async channelMarks(): Promise<ChannelFixMark[]> {
    const { rows } = await this.pool.query<ChannelFixMark>(
      `SELECT advisory_id AS "advisoryId", channel, number AS pr, previous_status AS "previousStatus", activity_id::text AS "activityId"
       FROM pr_channel_fix ORDER BY advisory_id, channel`,
    );
    return rows;
  }

  /**
   * Records that nixsec marked the channel fixed because of `pr`, replacing `previousStatus`: the
   * mark is its latest `advisory.channel-status` entry for the channel (the change just made).
   */
  async recordMark(repository: string, advisoryId: number, channel: string, pr: number, previousStatus: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO pr_channel_fix (advisory_id, channel, repository, number, previous_status, activity_id)
       SELECT $1::int, $2::text, $3, $4, $5, max(l.id) FROM activity_log l
       WHERE l.subject_type = 'advisory' AND l.subject_id = $1::int::text AND l.actor = 'nixsec' AND l.action = 'advisory.channel-status' AND l.details ->> 'channel' = $2
       HAVING max(l.id) IS NOT NULL
       ON CONFLICT (advisory_id, channel) DO UPDATE SET repository = EXCLUDED.repository, number = EXCLUDED.number,
         previous_status = EXCLUDED.previous_status, activity_id = EXCLUDED.activity_id, marked_at = now()`,
      [advisoryId, channel, repository, pr, previousStatus],
    );
  }

  /** The linked PRs nixsec has applied per (advisory, channel), keyed "advisoryId channel". */
  async appliedFixes(advisoryIds: number[]): Promise<Map<string, Set<number>>> {
    const { rows } = await this.pool.query<{ key: string; number: number }>(
      `SELECT advisory_id || ' ' || channel AS key, number FROM pr_fix_applied WHERE advisory_id = ANY ($1::int[])`,
      [advisoryIds],
    );
    const applied = new Map<string, Set<number>>();
    for (const { key, number } of rows) applied.set(key, (applied.get(key) ?? new Set()).add(number));
    return applied;
  }

  /** These PRs' landings on the channel are acted on: the same landings never change the channel again. */
  async recordApplied(repository: string, advisoryId: number, channel: string, prs: number[]): Promise<void> {
    await this.pool.query(
      `INSERT INTO pr_fix_applied (advisory_id, channel, repository, number) SELECT $1, $2, $3, n FROM unnest($4::int[]) AS n ON CONFLICT DO NOTHING`,
      [advisoryId, channel, repository, prs],
    );
  }

  /** nixsec took its own fix back: a landing that returns is a new one. */
  async forgetApplied(advisoryId: number, channel: string): Promise<void> {
    await this.pool.query(`DELETE FROM pr_fix_applied WHERE advisory_id = $1 AND channel = $2`, [advisoryId, channel]);
  }

  async forgetMark(advisoryId: number, channel: string): Promise<void> {
    await this.pool.query(`DELETE FROM pr_channel_fix WHERE advisory_id = $1 AND channel = $2`, [advisoryId, channel]);
  }

  /**
   * Whether anyone but nixsec changed the channel after nixsec's mark (activity entry `after`): set
   * its status (even to `fixed` again), changed it through another edit, or merged a draft in.
   */
  async changedByOthersSince(advisoryId: number, channel: string, after: string): Promise<boolean> {
    const { rows } = await this.pool.query(
      `SELECT 1 FROM activity_log l
       WHERE l.subject_type = 'advisory' AND l.subject_id = $1::int::text AND l.id > $3::bigint AND l.actor <> 'nixsec'
         AND ((l.action = 'advisory.channel-status' AND l.details ->> 'channel' = $2::text)
              OR l.action = 'advisory.merged'
              OR (l.details -> 'before' -> 'channels') ->> $2::text IS DISTINCT FROM (l.details -> 'after' -> 'channels') ->> $2::text)
       LIMIT 1`,
      [advisoryId, channel, after],
    );
    return rows.length > 0;
  }

  /** Asks for the advisory's GitHub issue to be rewritten (kept until done; a later ask moves the time). */
  async requestIssueSync(advisoryId: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO pr_fix_issue_sync (advisory_id) VALUES ($1) ON CONFLICT (advisory_id) DO UPDATE SET requested_at = clock_timestamp()`,
      [advisoryId],
    );
  }

  // requestedAt as text: a Date would lose the microseconds the comparison below needs.
  async pendingIssueSyncs(): Promise<Array<{ advisoryId: number; requestedAt: string }>> {
    const { rows } = await this.pool.query<{ advisoryId: number; requestedAt: string }>(
      `SELECT advisory_id AS "advisoryId", requested_at::text AS "requestedAt" FROM pr_fix_issue_sync ORDER BY requested_at, advisory_id`,
    );
    return rows;
  }

  /** Done: removed unless asked again since (then the next sync rewrites it once more). */
  async issueSynced(advisoryId: number, requestedAt: string): Promise<void> {
    await this.pool.query(`DELETE FROM pr_fix_issue_sync WHERE advisory_id = $1 AND requested_at = $2::timestamptz`, [advisoryId, requestedAt]);
  }
}
