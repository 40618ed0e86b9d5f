import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every request to POST /webhooks/github, verified or not (issue 6). A redelivery from GitHub
 * keeps its X-GitHub-Delivery id, so one delivery id can have several rows: the partial unique
 * index lets only one of them be in flight or done, which is what makes replays harmless while a
 * failed delivery can still be redelivered and processed.
 */
export class GithubWebhooks1732406900000 implements MigrationInterface {
  name = 'GithubWebhooks1732406900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE github_webhook_delivery (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id text,
        event text,
        action text,
        repository text,
        sender text,
        received_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        signature_ok boolean NOT NULL,
        outcome text NOT NULL CHECK (outcome IN
          ('processing', 'processed', 'ignored', 'duplicate', 'failed', 'rejected', 'not_configured')),
        error text,
        payload_bytes integer NOT NULL
      )`);
    await q.query(`
      CREATE UNIQUE INDEX github_webhook_delivery_claim_idx ON github_webhook_delivery (delivery_id)
        WHERE outcome IN ('processing', 'processed', 'ignored')`);
    await q.query(`CREATE INDEX github_webhook_delivery_delivery_idx ON github_webhook_delivery (delivery_id)`);
    await q.query(`CREATE INDEX github_webhook_delivery_received_idx ON github_webhook_delivery (received_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE github_webhook_delivery`);
  }
}
