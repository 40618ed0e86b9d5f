import { Pool } from 'pg';
import { GithubIssue } from '../../github/client/github.types';
import { UpdatedCursor } from './updated-cursor';

export interface LabeledIssueRow {
  repository: string;
  number: number;
  title: string;
  state: 'open' | 'closed';
  labels: string[];
  htmlUrl: string;
  updatedAt: Date;
}

const COLUMNS = `repository, number, title, state, labels, html_url AS "htmlUrl", github_updated_at AS "updatedAt"`;

/** Issues with a tracked label, and the pull requests that mention them. */
export class LabeledIssueStore {
  constructor(readonly pool: Pool) {}

  /** Stored unless the stored copy is newer; true when something changed. */
  async upsert(repository: string, issue: GithubIssue): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO labeled_issue AS i (repository, number, title, body, state, labels, html_url, github_updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (repository, number) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, state = EXCLUDED.state,
         labels = EXCLUDED.labels, html_url = EXCLUDED.html_url, github_updated_at = EXCLUDED.github_updated_at
       WHERE i.github_updated_at < EXCLUDED.github_updated_at`,
      [repository, issue.number, issue.title, issue.body, issue.state, issue.labels, issue.htmlUrl, issue.updatedAt],
    );
    return (rowCount ?? 0) > 0;
  }

  /** Issues carrying any of `labels`, most recently updated first: `first` of them after the cursor, and whether more follow. */
  async withLabels(repository: string, labels: string[], first: number, after: UpdatedCursor | null = null): Promise<{ rows: LabeledIssueRow[]; hasNext: boolean }> {
    const { rows } = await this.pool.query<LabeledIssueRow>(
      `SELECT ${COLUMNS} FROM labeled_issue WHERE repository = $1 AND labels && $2::text[]
         AND ($4::timestamptz IS NULL OR (github_updated_at, number) < ($4::timestamptz, $5::int))
       ORDER BY github_updated_at DESC, number DESC LIMIT $3`,
      [repository, labels, first + 1, after?.updatedAt ?? null, after?.number ?? null],
    );
    return { rows: rows.slice(0, first), hasNext: rows.length > first };
  }

  /** Numbers of the PRs whose title, body or commit messages name `#<issue>` (e.g. "fixes #123"). */
  async mentioningPullRequests(repository: string, issues: number[]): Promise<Map<number, number[]>> {
    const { rows } = await this.pool.query<{ issue: number; pr: number }>(
      `SELECT i.number AS issue, p.number AS pr
         FROM unnest($2::int[]) AS i(number)
         JOIN pull_request p ON p.repository = $1
          AND (p.title || ' ' || coalesce(p.body, '') || ' ' || p.commit_messages) ~ ('(^|[^0-9A-Za-z/])#' || i.number || '([^0-9]|$)')
        ORDER BY i.number, p.number`,
      [repository, issues],
    );
    const byIssue = new Map<number, number[]>();
    for (const { issue, pr } of rows) byIssue.set(issue, [...(byIssue.get(issue) ?? []), pr]);
    return byIssue;
  }
}
