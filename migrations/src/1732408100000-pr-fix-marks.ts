import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PR tracking (server/src/pr-tracking/advisory-fixes):
 * - pr_channel_fix: the advisory channels nixsec itself marked `fixed` because a linked PR landed
 *   there, with the status it replaced and the activity entry of the change. When the landing goes
 *   (a force-push drops it) the channel goes back to that status — unless someone else changed the
 *   channel since (a later activity entry), in which case the mark is forgotten.
 * - pr_fix_issue_sync: published advisories whose GitHub issue must be rewritten because nixsec
 *   changed a channel status; a row stays until the rewrite succeeded (retried by the next sync).
 * Existing marks are taken from the activity log: nixsec's latest `fixed` on a channel still fixed.
 */
export class PrFixMarks1732408100000 implements MigrationInterface {
  name = 'PrFixMarks1732408100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pr_channel_fix (
        advisory_id integer NOT NULL REFERENCES advisory (id) ON DELETE CASCADE,
        channel text NOT NULL,
        -- The PR whose landing made the channel fixed (null for marks taken from the activity log).
        repository text,
        number integer,
        previous_status text NOT NULL CHECK (previous_status IN ('affected', 'unknown')),
        activity_id bigint NOT NULL,
        marked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (advisory_id, channel)
      )`);
    await q.query(`
      CREATE TABLE pr_fix_issue_sync (
        advisory_id integer PRIMARY KEY REFERENCES advisory (id) ON DELETE CASCADE,
        requested_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`
      INSERT INTO pr_channel_fix (advisory_id, channel, repository, number, previous_status, activity_id, marked_at)
      SELECT m.advisory_id, m.channel, NULL, NULL, m.previous, m.id, m.at
      FROM (
        SELECT DISTINCT ON (l.subject_id, l.details ->> 'channel')
          l.subject_id::int AS advisory_id, l.details ->> 'channel' AS channel, l.id, l.at, l.actor, l.details ->> 'status' AS status,
          coalesce(l.details -> 'before' -> 'channels' ->> (l.details ->> 'channel'), 'unknown') AS previous
        FROM activity_log l
        WHERE l.subject_type = 'advisory' AND l.action = 'advisory.channel-status' AND l.subject_id ~ '^[0-9]+$'
        ORDER BY l.subject_id, l.details ->> 'channel', l.id DESC
      ) m
      JOIN advisory_channel c ON c.advisory_id = m.advisory_id AND c.channel = m.channel AND c.status = 'fixed'
      WHERE m.actor = 'nixsec' AND m.status = 'fixed' AND m.previous IN ('affected', 'unknown')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pr_fix_issue_sync`);
    await q.query(`DROP TABLE pr_channel_fix`);
  }
}
