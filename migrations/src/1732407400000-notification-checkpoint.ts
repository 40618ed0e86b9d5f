import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How far the notifications fan-out (server/src/advisories/notifications) has followed new
 * suggestions and published advisories: one row per source, holding the creation time of the
 * last event it fanned out. Both start at the moment this migration runs, so an existing install
 * is not flooded with notifications about everything already in its queue.
 */
export class NotificationCheckpoint1732407400000 implements MigrationInterface {
  name = 'NotificationCheckpoint1732407400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE notification_checkpoint (name text PRIMARY KEY, value timestamptz NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`INSERT INTO notification_checkpoint (name, value) VALUES ('suggestions', now()), ('advisories', now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_checkpoint`);
  }
}
