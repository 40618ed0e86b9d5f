import type { Pool, PoolClient } from 'pg';
import type { DigestItem } from './digest-message';

type Db = Pick<Pool | PoolClient, 'query'>;

export interface DigestRecipient {
  githubId: number;
  email: string;
}

export interface ClaimedDigest {
  id: string;
  email: string;
  items: DigestItem[];
}

export type DigestOutcome = 'sent' | 'failed' | 'uncertain';

/** Every query of the e-mail digest: who gets one, claiming what it carries, and how it went. */
export class EmailDigestStore {
  constructor(private readonly db: Db) {}

  /** Users with the digest on and something unread that no digest carried yet. */
  async recipients(): Promise<DigestRecipient[]> {
    const { rows } = await this.db.query<DigestRecipient>(
      `SELECT p.github_id::float8 AS "githubId", p.email FROM notification_preference p
       WHERE p.email_digest AND p.email IS NOT NULL
         AND EXISTS (SELECT 1 FROM notification n WHERE n.github_id = p.github_id AND n.read_at IS NULL AND n.email_digest_id IS NULL)
       ORDER BY p.github_id`,
    );
    return rows;
  }

  /**
   * Within the caller's transaction: a new digest carrying the user's unread, unmailed
   * notifications, or null when there are none (any more) or the user switched the digest off.
   * Rows another run is claiming are skipped, not waited for.
   */
  async claim(githubId: number): Promise<ClaimedDigest | null> {
    const pref = await this.db.query<{ email: string }>(
      `SELECT email FROM notification_preference WHERE github_id = $1 AND email_digest AND email IS NOT NULL FOR SHARE`,
      [githubId],
    );
    if (pref.rows.length === 0) return null;
    const email = pref.rows[0].email;
    const { rows: pending } = await this.db.query<{ id: string }>(
      `SELECT id::text FROM notification WHERE github_id = $1 AND read_at IS NULL AND email_digest_id IS NULL ORDER BY id FOR UPDATE SKIP LOCKED`,
      [githubId],
    );
    if (pending.length === 0) return null;
    const { rows: digest } = await this.db.query<{ id: string }>(
      `INSERT INTO email_digest (github_id, email, notification_count) VALUES ($1, $2, $3) RETURNING id::text`,
      [githubId, email, pending.length],
    );
    const { rows: items } = await this.db.query<DigestItem>(
      `UPDATE notification SET email_digest_id = $1 WHERE id = ANY ($2::bigint[]) RETURNING message, link, created_at AS "createdAt"`,
      [digest[0].id, pending.map((p) => p.id)],
    );
    return { id: digest[0].id, email, items };
  }

  /**
   * How a claimed digest went. `failed` (SMTP certainly did not take it) releases its notifications
   * for the next run; `sent` and `uncertain` keep them, so nothing is mailed twice.
   * Within the caller's transaction.
   */
  async finish(digestId: string, outcome: DigestOutcome, error: string | null): Promise<void> {
    if (outcome === 'failed') await this.db.query(`UPDATE notification SET email_digest_id = NULL WHERE email_digest_id = $1`, [digestId]);
    await this.db.query(`UPDATE email_digest SET status = $2, error = $3, finished_at = now() WHERE id = $1`, [digestId, outcome, error]);
  }

  /**
   * Digests still `sending` long after any SMTP conversation would have ended: the run died
   * between claiming and hearing back. Their notifications stay claimed (they may have gone out).
   */
  async markInterrupted(olderThanSeconds: number): Promise<number> {
    const { rowCount } = await this.db.query(
      `UPDATE email_digest SET status = 'interrupted', finished_at = now(), error = 'the run stopped before SMTP answered; not sent again'
       WHERE status = 'sending' AND created_at < now() - make_interval(secs => $1)`,
      [olderThanSeconds],
    );
    return rowCount ?? 0;
  }
}
