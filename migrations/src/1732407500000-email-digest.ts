import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The e-mail digest of notifications (server/src/advisories/notifications/email-digest): one
 * `email_digest` row per message, and on each notification the digest that carries it.
 *
 * A run claims a user's unread, unmailed notifications (sets `email_digest_id`) and commits before
 * it talks to SMTP, so a rerun or a second worker never mails them again. A refused or unreachable
 * server releases the claim (status failed, the next run retries); a crash or a connection lost
 * after the message was handed over keeps it (sending/uncertain): at most once, never twice.
 */
export class EmailDigest1732407500000 implements MigrationInterface {
  name = 'EmailDigest1732407500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_digest (
        id bigserial PRIMARY KEY,
        github_id bigint NOT NULL,
        email text NOT NULL,
        status text NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent', 'failed', 'uncertain', 'interrupted')),
        notification_count int NOT NULL,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX email_digest_user_idx ON email_digest (github_id, id DESC)`);
    await q.query(`CREATE INDEX email_digest_sending_idx ON email_digest (created_at) WHERE status = 'sending'`);
    await q.query(`ALTER TABLE notification ADD COLUMN email_digest_id bigint REFERENCES email_digest (id)`);
    // What the next digest of each user picks up, and releasing a failed digest's notifications.
    await q.query(`CREATE INDEX notification_digest_pending_idx ON notification (github_id, id) WHERE read_at IS NULL AND email_digest_id IS NULL`);
    await q.query(`CREATE INDEX notification_email_digest_idx ON notification (email_digest_id) WHERE email_digest_id IS NOT NULL`);
    await q.query(`ALTER TABLE notification_preference ADD CONSTRAINT notification_preference_email_check CHECK (NOT email_digest OR email IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_preference DROP CONSTRAINT notification_preference_email_check`);
    await q.query(`ALTER TABLE notification DROP COLUMN email_digest_id`);
    await q.query(`DROP TABLE email_digest`);
  }
}
