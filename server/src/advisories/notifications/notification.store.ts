import type { Pool, PoolClient } from 'pg';
import type { NotifiableEvent, PlannedNotification, SubscriptionTarget, Switches } from './notification-plan';

export type CheckpointName = 'suggestions' | 'advisories';

/** A keyset position in an event source: the event's creation time (as PostgreSQL prints it, microseconds kept) and id. */
export interface EventCursor {
  at: string;
  id: number;
}

export interface NotificationRow {
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  message: string;
  link: string;
  createdAt: Date;
  readAt: Date | null;
}

/** A user's switches and e-mail digest settings, as stored (or the defaults). */
export interface PreferencesRow extends Switches {
  emailDigest: boolean;
  email: string | null;
}

export interface SubscriptionRow extends SubscriptionTarget {
  createdAt: Date;
}

type Db = Pick<Pool | PoolClient, 'query'>;

/**
 * Every query of notifications: the event sources the fan-out follows (new suggestions, the
 * `advisory.published` entries of the activity log), the inbox, subscriptions, preferences and
 * the fan-out's checkpoints.
 */
export class NotificationStore {
  constructor(private readonly db: Db) {}

  // ── fan-out ────────────────────────────────────────────────────────────────────────────────

  /** The checkpoint moved back by `overlapSeconds`: where a run starts reading (see notification-fanout.ts). */
  async startOf(name: CheckpointName, overlapSeconds: number): Promise<EventCursor> {
    const { rows } = await this.db.query<{ at: string }>(
      `SELECT (coalesce((SELECT value FROM notification_checkpoint WHERE name = $1), now()) - make_interval(secs => $2))::text AS at`,
      [name, overlapSeconds],
    );
    return { at: rows[0].at, id: 0 };
  }

  /** Moves a checkpoint forward (never back: two runs may overlap). */
  async advance(name: CheckpointName, at: string): Promise<void> {
    await this.db.query(
      `INSERT INTO notification_checkpoint AS c (name, value) VALUES ($1, $2::timestamptz)
       ON CONFLICT (name) DO UPDATE SET value = greatest(c.value, EXCLUDED.value), updated_at = now()`,
      [name, at],
    );
  }

  /**
   * Suggestions created after `after`, oldest first, that people should hear about: pending (the
   * linker's automatic dismissals are not news) or already accepted into a draft.
   */
  async newSuggestions(after: EventCursor, limit: number): Promise<Array<NotifiableEvent & { cursor: EventCursor }>> {
    const { rows } = await this.db.query<{ id: number; cve_id: string; at: string; channels: string[]; attrs: string[]; display: string[] }>(
      `SELECT s.id, s.cve_id, s.created_at::text AS at, s.channels,
              coalesce((SELECT array_agg(DISTINCT a.attr) FROM suggestion_package p CROSS JOIN LATERAL unnest(p.attrs) AS a(attr) WHERE p.suggestion_id = s.id), '{}') AS attrs,
              coalesce((SELECT array_agg(p.display_attr ORDER BY p.confidence DESC, p.display_attr) FROM suggestion_package p WHERE p.suggestion_id = s.id), '{}') AS display
       FROM suggestion s
       WHERE s.status IN ('pending', 'accepted') AND (s.created_at, s.id) > ($1::timestamptz, $2::int)
       ORDER BY s.created_at, s.id LIMIT $3`,
      [after.at, after.id, limit],
    );
    return rows.map((r) => ({
      kind: 'suggestion.new' as const,
      subjectType: 'suggestion' as const,
      subjectId: String(r.id),
      name: r.cve_id,
      title: null,
      attrs: r.attrs,
      displayAttrs: r.display,
      channels: r.channels,
      cursor: { at: r.at, id: r.id },
    }));
  }

  /** Advisories published after `after` (by their `advisory.published` activity entry), oldest first. */
  async publishedAdvisories(after: EventCursor, limit: number): Promise<Array<NotifiableEvent & { cursor: EventCursor }>> {
    const { rows } = await this.db.query<{ log_id: string; at: string; id: number; public_id: string; title: string; attrs: string[]; display: string[]; channels: string[] }>(
      `SELECT l.id::text AS log_id, l.at::text AS at, a.id, a.public_id, a.title,
              coalesce((SELECT array_agg(DISTINCT x.attr) FROM advisory_package p CROSS JOIN LATERAL unnest(p.attrs) AS x(attr) WHERE p.advisory_id = a.id), '{}') AS attrs,
              coalesce((SELECT array_agg(p.attr ORDER BY p.attr) FROM advisory_package p WHERE p.advisory_id = a.id), '{}') AS display,
              coalesce((SELECT array_agg(c.channel ORDER BY c.channel) FROM advisory_channel c WHERE c.advisory_id = a.id AND c.status <> 'not-affected'), '{}') AS channels
       FROM activity_log l
       JOIN advisory a ON a.id::text = l.subject_id AND a.public_id IS NOT NULL
       WHERE l.action = 'advisory.published' AND l.subject_type = 'advisory' AND (l.at, l.id) > ($1::timestamptz, $2::bigint)
       ORDER BY l.at, l.id LIMIT $3`,
      [after.at, after.id, limit],
    );
    return rows.map((r) => ({
      kind: 'advisory.published' as const,
      subjectType: 'advisory' as const,
      subjectId: String(r.id),
      name: r.public_id,
      title: r.title,
      attrs: r.attrs,
      displayAttrs: r.display,
      channels: r.channels,
      cursor: { at: r.at, id: Number(r.log_id) },
    }));
  }

  /**
   * Published advisories as events about them (kind given by the caller): public id, title,
   * packages, and the maintainers the advisory names (pinged ones). Unpublished ones are left out.
   */
  async advisoriesByIds(ids: readonly number[]): Promise<Map<number, Omit<NotifiableEvent, 'kind' | 'channels'> & { watchers: number[] }>> {
    const { rows } = await this.db.query<{ id: number; public_id: string; title: string; attrs: string[]; display: string[]; watchers: number[] }>(
      `SELECT a.id, a.public_id, a.title,
              coalesce((SELECT array_agg(DISTINCT x.attr) FROM advisory_package p CROSS JOIN LATERAL unnest(p.attrs) AS x(attr) WHERE p.advisory_id = a.id), '{}') AS attrs,
              coalesce((SELECT array_agg(p.attr ORDER BY p.attr) FROM advisory_package p WHERE p.advisory_id = a.id), '{}') AS display,
              coalesce((SELECT array_agg(m.github_id::float8 ORDER BY m.github_id) FROM advisory_maintainer m WHERE m.advisory_id = a.id AND m.ping), '{}') AS watchers
       FROM advisory a WHERE a.id = ANY ($1::int[]) AND a.public_id IS NOT NULL`,
      [ids],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        { subjectType: 'advisory' as const, subjectId: String(r.id), name: r.public_id, title: r.title, attrs: r.attrs, displayAttrs: r.display, watchers: r.watchers.map(Number) },
      ]),
    );
  }

  /** Subscriptions to any of these packages or channels. */
  async subscribersOf(attrs: readonly string[], channels: readonly string[]): Promise<SubscriptionTarget[]> {
    const { rows } = await this.db.query<SubscriptionTarget>(
      `SELECT github_id::float8 AS "githubId", target_type AS "targetType", target FROM subscription
       WHERE (target_type = 'package' AND target = ANY ($1::text[])) OR (target_type = 'channel' AND target = ANY ($2::text[]))`,
      [attrs, channels],
    );
    return rows;
  }

  /** The switches of the users that have set theirs (the others have the defaults). */
  async switchesOf(githubIds: readonly number[]): Promise<Map<number, Switches>> {
    const { rows } = await this.db.query<Switches & { githubId: number }>(
      `SELECT github_id::float8 AS "githubId", maintained_packages AS "maintainedPackages", subscriptions FROM notification_preference WHERE github_id = ANY ($1::bigint[])`,
      [githubIds],
    );
    return new Map(rows.map((r) => [r.githubId, { maintainedPackages: r.maintainedPackages, subscriptions: r.subscriptions }]));
  }

  /** Inserts what is not there yet (by user and dedupe key); returns how many were new. */
  async insert(notifications: readonly PlannedNotification[]): Promise<number> {
    if (notifications.length === 0) return 0;
    const { rowCount } = await this.db.query(
      `INSERT INTO notification (github_id, kind, subject_type, subject_id, message, link, dedupe_key)
       SELECT x.github_id, x.kind, x.subject_type, x.subject_id, x.message, x.link, x.dedupe_key
       FROM json_to_recordset($1::json) AS x(github_id bigint, kind text, subject_type text, subject_id text, message text, link text, dedupe_key text)
       ON CONFLICT (github_id, dedupe_key) DO NOTHING`,
      [
        JSON.stringify(
          notifications.map((n) => ({
            github_id: n.githubId, kind: n.kind, subject_type: n.subjectType, subject_id: n.subjectId, message: n.message, link: n.link, dedupe_key: n.dedupeKey,
          })),
        ),
      ],
    );
    return rowCount ?? 0;
  }

  // ── inbox ──────────────────────────────────────────────────────────────────────────────────

  /** A user's notifications, newest first, before notification id `before`. */
  async list(githubId: number, filter: { unreadOnly: boolean; before: string | null }, limit: number): Promise<NotificationRow[]> {
    const { rows } = await this.db.query<NotificationRow>(
      `SELECT id::text AS id, kind, subject_type AS "subjectType", subject_id AS "subjectId", message, link, created_at AS "createdAt", read_at AS "readAt"
       FROM notification
       WHERE github_id = $1 AND ($2::boolean IS FALSE OR read_at IS NULL) AND ($3::bigint IS NULL OR id < $3)
       ORDER BY id DESC LIMIT $4`,
      [githubId, filter.unreadOnly, filter.before, limit],
    );
    return rows;
  }

  async unreadCount(githubId: number): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification WHERE github_id = $1 AND read_at IS NULL`, [githubId]);
    return rows[0].n;
  }

  /** Marks these (or, with null, all) unread notifications of the user read; others' ids are ignored. */
  async markRead(githubId: number, ids: readonly string[] | null): Promise<number> {
    const { rowCount } = await this.db.query(
      `UPDATE notification SET read_at = now() WHERE github_id = $1 AND read_at IS NULL AND ($2::bigint[] IS NULL OR id = ANY ($2::bigint[]))`,
      [githubId, ids],
    );
    return rowCount ?? 0;
  }

  // ── subscriptions and preferences ──────────────────────────────────────────────────────────

  async subscriptions(githubId: number): Promise<SubscriptionRow[]> {
    const { rows } = await this.db.query<SubscriptionRow>(
      `SELECT github_id::float8 AS "githubId", target_type AS "targetType", target, created_at AS "createdAt"
       FROM subscription WHERE github_id = $1 ORDER BY target_type, target`,
      [githubId],
    );
    return rows;
  }

  async subscriptionCount(githubId: number): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM subscription WHERE github_id = $1`, [githubId]);
    return rows[0].n;
  }

  /** Idempotent: subscribing twice keeps the first subscription. */
  async subscribe(target: SubscriptionTarget): Promise<SubscriptionRow> {
    await this.db.query(`INSERT INTO subscription (github_id, target_type, target) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [target.githubId, target.targetType, target.target]);
    const { rows } = await this.db.query<SubscriptionRow>(
      `SELECT github_id::float8 AS "githubId", target_type AS "targetType", target, created_at AS "createdAt"
       FROM subscription WHERE github_id = $1 AND target_type = $2 AND target = $3`,
      [target.githubId, target.targetType, target.target],
    );
    return rows[0];
  }

  async unsubscribe(target: SubscriptionTarget): Promise<boolean> {
    const { rowCount } = await this.db.query(`DELETE FROM subscription WHERE github_id = $1 AND target_type = $2 AND target = $3`, [target.githubId, target.targetType, target.target]);
    return (rowCount ?? 0) > 0;
  }

  /** The user's stored preferences, locked for an update in the caller's transaction when asked; null when never set. */
  async preferencesOf(githubId: number, lock = false): Promise<PreferencesRow | null> {
    const { rows } = await this.db.query<PreferencesRow>(
      `SELECT maintained_packages AS "maintainedPackages", subscriptions, email_digest AS "emailDigest", email
       FROM notification_preference WHERE github_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [githubId],
    );
    return rows[0] ?? null;
  }

  async setPreferences(githubId: number, p: PreferencesRow): Promise<void> {
    await this.db.query(
      `INSERT INTO notification_preference AS p (github_id, maintained_packages, subscriptions, email_digest, email) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (github_id) DO UPDATE SET maintained_packages = $2, subscriptions = $3, email_digest = $4, email = $5`,
      [githubId, p.maintainedPackages, p.subscriptions, p.emailDigest, p.email],
    );
  }
}
