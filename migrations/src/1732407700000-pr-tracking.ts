import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PR tracking (server/src/pr-tracking): pull requests of the Nixpkgs repository as GitHub last
 * described them, the branches each merged one has reached (`pr_landing`, with the time nixsec
 * first saw it there; the PR's commits and what they were cherry-picked from), the branch heads the landings were computed against (`branch_head`, the
 * starting point of the next incremental update), the sync checkpoint, and the links from pull
 * requests to the advisories they fix.
 */
export class PrTracking1732407700000 implements MigrationInterface {
  name = 'PrTracking1732407700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pull_request (
        repository text NOT NULL,
        number integer NOT NULL CHECK (number > 0),
        title text NOT NULL,
        body text,
        state text NOT NULL CHECK (state IN ('open', 'closed', 'merged')),
        draft boolean NOT NULL DEFAULT false,
        base text NOT NULL,
        merge_commit text CHECK (merge_commit ~ '^[0-9a-f]{40}$'),
        merged_at timestamptz,
        labels text[] NOT NULL DEFAULT '{}',
        author text,
        github_updated_at timestamptz NOT NULL,
        -- The merge commit whose ancestry was checked against every branch head; a different
        -- merge_commit (new PR, re-merge) is checked in full once, later commits incrementally.
        landings_checked_commit text,
        -- Read from the mirror once the merge commit is there (commits_read_commit = merge_commit):
        -- the PR's own commits (second-parent side of a merge commit, else the commit itself), the
        -- commits they were cherry-picked from (\`git cherry-pick -x\`: backports) and their messages.
        commits text[] NOT NULL DEFAULT '{}',
        cherry_picked_from text[] NOT NULL DEFAULT '{}',
        commit_messages text NOT NULL DEFAULT '',
        commits_read_commit text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (repository, number)
      )`);
    await q.query(`CREATE INDEX pull_request_merge_commit ON pull_request (merge_commit) WHERE merge_commit IS NOT NULL`);
    await q.query(`CREATE INDEX pull_request_labels ON pull_request USING gin (labels)`);
    await q.query(`CREATE INDEX pull_request_commits ON pull_request USING gin (commits)`);
    await q.query(`
      CREATE TABLE pr_landing (
        repository text NOT NULL,
        number integer NOT NULL,
        branch text NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (repository, number, branch),
        FOREIGN KEY (repository, number) REFERENCES pull_request (repository, number) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE branch_head (
        branch text PRIMARY KEY,
        sha text NOT NULL CHECK (sha ~ '^[0-9a-f]{40}$'),
        fetched_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE TABLE pr_sync_checkpoint (repository text PRIMARY KEY, updated_since timestamptz NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`
      CREATE TABLE pr_advisory_link (
        repository text NOT NULL,
        number integer NOT NULL,
        advisory_id integer NOT NULL REFERENCES advisory (id) ON DELETE CASCADE,
        reason text NOT NULL,
        -- Unlinked by the team: kept so that a mention found again does not bring it back.
        dismissed boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (repository, number, advisory_id),
        FOREIGN KEY (repository, number) REFERENCES pull_request (repository, number) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX pr_advisory_link_advisory ON pr_advisory_link (advisory_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pr_advisory_link, pr_sync_checkpoint, branch_head, pr_landing, pull_request`);
  }
}
