import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PR tracking: the (advisory, channel) pairs whose fix reaching the channel has been announced to
 * the advisory's audience (server/src/pr-tracking/advisory-fixes), with the pull request that
 * brought it — so a channel is announced once, even when a force-push takes the landing away and
 * brings it back. Fixes already landed when this migration runs count as announced: the first
 * sync after an upgrade does not send news of old fixes.
 */
export class PrFixNotifications1732408000000 implements MigrationInterface {
  name = 'PrFixNotifications1732408000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pr_fix_notification (
        advisory_id integer NOT NULL REFERENCES advisory (id) ON DELETE CASCADE,
        channel text NOT NULL,
        repository text NOT NULL,
        number integer NOT NULL,
        -- When the PR was first seen on the channel; notified_at: when the audience was told.
        first_seen_at timestamptz NOT NULL,
        notified_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (advisory_id, channel)
      )`);
    await q.query(`
      INSERT INTO pr_fix_notification (advisory_id, channel, repository, number, first_seen_at)
      SELECT DISTINCT ON (k.advisory_id, l.branch) k.advisory_id, l.branch, k.repository, k.number, l.first_seen_at
      FROM pr_advisory_link k
      JOIN pr_landing l ON l.repository = k.repository AND l.number = k.number
      JOIN advisory_channel c ON c.advisory_id = k.advisory_id AND c.channel = l.branch
      WHERE NOT k.dismissed
      ORDER BY k.advisory_id, l.branch, l.first_seen_at, k.number`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pr_fix_notification`);
  }
}
