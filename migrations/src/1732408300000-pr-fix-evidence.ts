import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PR tracking (server/src/pr-tracking/advisory-fixes):
 * - pr_fix_applied: the (advisory, channel, PR) landings nixsec has acted on. A landing is applied
 *   once — the channel marked fixed, or left as it was when it was not open — so a person who sets
 *   the channel back is not overridden by the same landing at the next sync; only a PR not applied
 *   yet may mark it again. Existing ones: landings on a channel that is no longer open, or that
 *   nixsec marked fixed (its activity entry names the PR).
 * - pr_fix_notification also records fixes shown by evaluation evidence (the channel's evaluation
 *   ships the package outside the affected range): no PR then, but the evaluation.
 * - pr_evaluation_fix_follow: which completed evaluations the evidence announcer has followed.
 *   `baseline_pending` on an upgrade with completed evaluations: the verdict of evidence needs the
 *   server's version comparison (linkage), so the first run after this migration records the
 *   evidence it finds as already told instead of announcing it — no old news.
 */
export class PrFixEvidence1732408300000 implements MigrationInterface {
  name = 'PrFixEvidence1732408300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pr_fix_applied (
        advisory_id integer NOT NULL REFERENCES advisory (id) ON DELETE CASCADE,
        channel text NOT NULL,
        repository text NOT NULL,
        number integer NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (advisory_id, channel, repository, number)
      )`);
    await q.query(`
      INSERT INTO pr_fix_applied (advisory_id, channel, repository, number)
      SELECT DISTINCT k.advisory_id, l.branch, k.repository, k.number
      FROM pr_advisory_link k
      JOIN pr_landing l ON l.repository = k.repository AND l.number = k.number
      JOIN advisory_channel c ON c.advisory_id = k.advisory_id AND c.channel = l.branch
      WHERE NOT k.dismissed
        AND (c.status NOT IN ('affected', 'unknown')
             OR EXISTS (SELECT 1 FROM activity_log a
                        WHERE a.subject_type = 'advisory' AND a.subject_id = k.advisory_id::text AND a.actor = 'nixsec'
                          AND a.action = 'advisory.channel-status' AND a.details ->> 'channel' = l.branch
                          AND a.details ->> 'status' = 'fixed' AND a.details ->> 'pullRequest' = k.repository || '#' || k.number))`);

    await q.query(`ALTER TABLE pr_fix_notification ALTER COLUMN repository DROP NOT NULL, ALTER COLUMN number DROP NOT NULL`);
    await q.query(`ALTER TABLE pr_fix_notification ADD COLUMN evaluation_id integer`);
    await q.query(`ALTER TABLE pr_fix_notification ADD CONSTRAINT pr_fix_notification_evidence CHECK (number IS NOT NULL OR evaluation_id IS NOT NULL)`);

    await q.query(`
      CREATE TABLE pr_evaluation_fix_follow (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        -- "finishedAt|id" of the last completed evaluation followed ('' for none).
        stamp text NOT NULL DEFAULT '',
        baseline_pending boolean NOT NULL DEFAULT false
      )`);
    await q.query(`INSERT INTO pr_evaluation_fix_follow (baseline_pending) SELECT EXISTS (SELECT 1 FROM evaluation WHERE status = 'completed')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pr_evaluation_fix_follow`);
    await q.query(`DELETE FROM pr_fix_notification WHERE number IS NULL`);
    await q.query(`ALTER TABLE pr_fix_notification DROP CONSTRAINT pr_fix_notification_evidence, DROP COLUMN evaluation_id`);
    await q.query(`ALTER TABLE pr_fix_notification ALTER COLUMN repository SET NOT NULL, ALTER COLUMN number SET NOT NULL`);
    await q.query(`DROP TABLE pr_fix_applied`);
  }
}
