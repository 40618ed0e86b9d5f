import { Pool, PoolClient } from 'pg';
import { withTransaction } from '../../database/transaction';
import { UpdatedCursor } from './updated-cursor';

export type PullRequestState = 'open' | 'closed' | 'merged';

/** A pull request as GitHub describes it (REST list or webhook payload). */
export interface PullRequestRecord {
  repository: string;
  number: number;
  title: string;
  /** undefined: not known from this source (the REST list carries no body), keep the stored one. */
  body?: string | null;
  state: PullRequestState;
  draft: boolean;
  base: string;
  mergeCommit: string | null;
  mergedAt: Date | null;
  labels: string[];
  author: string | null;
  updatedAt: Date;
}

export interface PullRequestRow extends Omit<PullRequestRecord, 'body'> {
  body: string | null;
}

export interface LandingRow {
  number: number;
  branch: string;
  firstSeen: Date;
}

const COLUMNS = `repository, number, title, body, state, draft, base, merge_commit AS "mergeCommit", merged_at AS "mergedAt",
  labels, author, github_updated_at AS "updatedAt"`;

/** Every query of the PR-tracking module. */
export class PullRequestStore {
  constructor(readonly pool: Pool) {}

  /**
   * Inserts or updates the pull request unless the stored copy is newer (a late webhook or a
   * redelivery never rolls a PR back). Returns whether anything was written.
   */
  async upsert(pr: PullRequestRecord, client: Pick<PoolClient, 'query'> = this.pool): Promise<boolean> {
    const { rowCount } = await client.query(
      `INSERT INTO pull_request (repository, number, title, body, state, draft, base, merge_commit, merged_at, labels, author, github_updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (repository, number) DO UPDATE SET
         title = EXCLUDED.title, body = CASE WHEN $13 THEN EXCLUDED.body ELSE pull_request.body END,
         state = EXCLUDED.state, draft = EXCLUDED.draft, base = EXCLUDED.base, merge_commit = EXCLUDED.merge_commit,
         merged_at = EXCLUDED.merged_at, labels = EXCLUDED.labels, author = EXCLUDED.author,
         github_updated_at = EXCLUDED.github_updated_at, updated_at = now()
       WHERE pull_request.github_updated_at <= EXCLUDED.github_updated_at`,
      [
        pr.repository, pr.number, pr.title, pr.body ?? null, pr.state, pr.draft, pr.base, pr.mergeCommit, pr.mergedAt,
        pr.labels, pr.author, pr.updatedAt, pr.body !== undefined,
      ],
    );
    return (rowCount ?? 0) > 0;
  }

  async get(repository: string, number: number): Promise<PullRequestRow | null> {
    const { rows } = await this.pool.query<PullRequestRow>(
      `SELECT ${COLUMNS} FROM pull_request WHERE repository = $1 AND number = $2`,
      [repository, number],
    );
    return rows[0] ?? null;
  }

  async getMany(repository: string, numbers: number[]): Promise<Map<number, PullRequestRow>> {
    const { rows } = await this.pool.query<PullRequestRow>(`SELECT ${COLUMNS} FROM pull_request WHERE repository = $1 AND number = ANY($2::int[])`, [repository, numbers]);
    return new Map(rows.map((r) => [r.number, r]));
  }

  /** PRs carrying any of `labels`, most recently updated first: `first` of them after the cursor, and whether more follow. */
  async withLabels(repository: string, labels: string[], first: number, after: UpdatedCursor | null = null): Promise<{ rows: PullRequestRow[]; hasNext: boolean }> {
    const { rows } = await this.pool.query<PullRequestRow>(
      `SELECT ${COLUMNS} FROM pull_request WHERE repository = $1 AND labels && $2::text[]
         AND ($4::timestamptz IS NULL OR (github_updated_at, number) < ($4::timestamptz, $5::int))
       ORDER BY github_updated_at DESC, number DESC LIMIT $3`,
      [repository, labels, first + 1, after?.updatedAt ?? null, after?.number ?? null],
    );
    return { rows: rows.slice(0, first), hasNext: rows.length > first };
  }

  /** Landings of the given PRs, by the order branches were reached. */
  async landings(repository: string, numbers: number[]): Promise<LandingRow[]> {
    const { rows } = await this.pool.query<LandingRow>(
      `SELECT number, branch, first_seen_at AS "firstSeen" FROM pr_landing
       WHERE repository = $1 AND number = ANY($2::int[]) ORDER BY first_seen_at, branch`,
      [repository, numbers],
    );
    return rows;
  }

  async checkpoint(repository: string): Promise<Date | null> {
    const { rows } = await this.pool.query<{ updated_since: Date }>(`SELECT updated_since FROM pr_sync_checkpoint WHERE repository = $1`, [repository]);
    return rows[0]?.updated_since ?? null;
  }

  async setCheckpoint(repository: string, since: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO pr_sync_checkpoint (repository, updated_since) VALUES ($1, $2)
       ON CONFLICT (repository) DO UPDATE SET updated_since = GREATEST(pr_sync_checkpoint.updated_since, EXCLUDED.updated_since), updated_at = now()`,
      [repository, since],
    );
  }

  async branchHeads(): Promise<Map<string, string>> {
    const { rows } = await this.pool.query<{ branch: string; sha: string }>(`SELECT branch, sha FROM branch_head`);
    return new Map(rows.map((r) => [r.branch, r.sha]));
  }

  /** Branches no longer tracked (deleted upstream, or an older release than configured): forget the head, keep the landings. */
  async forgetBranchHeads(keep: string[]): Promise<void> {
    await this.pool.query(`DELETE FROM branch_head WHERE NOT (branch = ANY($1::text[]))`, [keep]);
  }

  /** Merge commits whose ancestry was checked against every head before: these are followed incrementally. */
  async checkedMergeCommits(repository: string): Promise<Map<string, number[]>> {
    const { rows } = await this.pool.query<{ commit: string; numbers: number[] }>(
      `SELECT merge_commit AS commit, array_agg(number) AS numbers FROM pull_request
       WHERE repository = $1 AND merge_commit IS NOT NULL AND landings_checked_commit = merge_commit GROUP BY merge_commit`,
      [repository],
    );
    return new Map(rows.map((r) => [r.commit, r.numbers]));
  }

  /** Merged PRs whose merge commit was never checked (new, or merged again with another commit). */
  uncheckedMergeCommits(repository: string): Promise<Array<{ number: number; commit: string }>> {
    return this.mergedPendingOn(repository, 'landings_checked_commit');
  }

  /**
   * One branch moved to `head`: adds the landings of `added`, removes those of `removed` (a
   * force-push took their commits away) or, with `exact`, makes the branch's landings exactly
   * `added` (a full check). A landing that stays keeps its first-seen time.
   */
  async moveBranch(
    client: PoolClient,
    repository: string,
    branch: string,
    head: string,
    change: { added: number[]; removed: number[]; exact: boolean },
  ): Promise<{ added: number; removed: number }> {
    const removed = change.exact
      ? await client.query(`DELETE FROM pr_landing WHERE repository = $1 AND branch = $2 AND NOT (number = ANY($3::int[]))`, [repository, branch, change.added])
      : await client.query(`DELETE FROM pr_landing WHERE repository = $1 AND branch = $2 AND number = ANY($3::int[])`, [repository, branch, change.removed]);
    const added = await insertLandings(client, repository, branch, change.added);
    await client.query(
      `INSERT INTO branch_head (branch, sha) VALUES ($1, $2) ON CONFLICT (branch) DO UPDATE SET sha = EXCLUDED.sha, fetched_at = now()`,
      [branch, head],
    );
    return { added, removed: removed.rowCount ?? 0 };
  }

  /** The full check of newly merged PRs: their landings are exactly `landed` (branch → numbers). */
  async recordChecked(client: PoolClient, repository: string, checked: Array<{ number: number; commit: string }>, landed: Map<string, number[]>): Promise<number> {
    const numbers = checked.map((c) => c.number);
    await client.query(`DELETE FROM pr_landing WHERE repository = $1 AND number = ANY($2::int[])`, [repository, numbers]);
    let added = 0;
    for (const [branch, prs] of landed) added += await insertLandings(client, repository, branch, prs);
    // Only if the merge commit is still the one checked: a webhook may have changed it meanwhile.
    await client.query(
      `UPDATE pull_request p SET landings_checked_commit = c.commit
       FROM unnest($2::int[], $3::text[]) AS c(number, commit)
       WHERE p.repository = $1 AND p.number = c.number AND p.merge_commit = c.commit`,
      [repository, numbers, checked.map((c) => c.commit)],
    );
    return added;
  }

  /** Merged PRs whose commits were not read from the mirror for their current merge commit. */
  unreadCommits(repository: string): Promise<Array<{ number: number; commit: string }>> {
    return this.mergedPendingOn(repository, 'commits_read_commit');
  }

  async recordCommits(repository: string, number: number, mergeCommit: string, read: { commits: string[]; cherryPickedFrom: string[]; messages: string }): Promise<void> {
    await this.pool.query(
      `UPDATE pull_request SET commits = $4, cherry_picked_from = $5, commit_messages = $6, commits_read_commit = $3
       WHERE repository = $1 AND number = $2 AND merge_commit = $3`,
      [repository, number, mergeCommit, read.commits, read.cherryPickedFrom, read.messages],
    );
  }

  /** Merged PRs whose `marker` column does not name their current merge commit: work left for it. */
  private async mergedPendingOn(repository: string, marker: 'landings_checked_commit' | 'commits_read_commit'): Promise<Array<{ number: number; commit: string }>> {
    const { rows } = await this.pool.query<{ number: number; commit: string }>(
      `SELECT number, merge_commit AS commit FROM pull_request
       WHERE repository = $1 AND merge_commit IS NOT NULL AND ${marker} IS DISTINCT FROM merge_commit`,
      [repository],
    );
    return rows;
  }

  transaction<T>(run: (client: PoolClient) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, run);
  }

}

async function insertLandings(client: PoolClient, repository: string, branch: string, numbers: number[]): Promise<number> {
  if (numbers.length === 0) return 0;
  const { rowCount } = await client.query(
    `INSERT INTO pr_landing (repository, number, branch) SELECT $1, n, $2 FROM unnest($3::int[]) AS n ON CONFLICT DO NOTHING`,
    [repository, branch, numbers],
  );
  return rowCount ?? 0;
}
