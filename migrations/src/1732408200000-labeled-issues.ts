import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PR tracking: GitHub issues (not pull requests) carrying a tracked label (NIXSEC_PR_LABELS), so
 * the security team sees them next to the labelled PRs, with the PRs that mention them.
 */
export class LabeledIssues1732408200000 implements MigrationInterface {
  name = 'LabeledIssues1732408200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE labeled_issue (
        repository text NOT NULL,
        number integer NOT NULL CHECK (number > 0),
        title text NOT NULL,
        body text,
        state text NOT NULL CHECK (state IN ('open', 'closed')),
        labels text[] NOT NULL DEFAULT '{}',
        html_url text NOT NULL,
        github_updated_at timestamptz NOT NULL,
        PRIMARY KEY (repository, number)
      )`);
    await q.query(`CREATE INDEX labeled_issue_labels ON labeled_issue USING gin (labels)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS labeled_issue`);
  }
}
