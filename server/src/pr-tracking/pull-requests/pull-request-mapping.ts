import type { GithubPullRequest } from '../../github/client/github.types';
import type { PullRequestRecord } from '../store/pull-request.store';

/** The `pull_request` object of a webhook payload, as far as PR tracking reads it. */
export interface WebhookPullRequest {
  number: number;
  title: string;
  body?: string | null;
  state: 'open' | 'closed';
  draft?: boolean;
  merged?: boolean;
  merged_at?: string | null;
  merge_commit_sha?: string | null;
  base: { ref: string };
  labels?: Array<{ name?: string } | string>;
  user?: { login: string } | null;
  updated_at: string;
}

export function fromRest(repository: string, pr: GithubPullRequest): PullRequestRecord {
  return {
    repository,
    number: pr.number,
    title: pr.title,
    state: pr.merged ? 'merged' : pr.state,
    draft: pr.draft,
    base: pr.baseRef,
    mergeCommit: pr.merged ? pr.mergeCommitSha : null,
    mergedAt: pr.mergedAt,
    labels: pr.labels,
    author: pr.author,
    updatedAt: pr.updatedAt,
  };
}

/** On an open PR GitHub's `merge_commit_sha` is a test merge that never lands: only a merged PR's counts. */
export function fromWebhook(repository: string, pr: WebhookPullRequest): PullRequestRecord {
  // The delivery is recorded as failed with this message (and GitHub can redeliver it).
  const missing: string[] = (['number', 'title', 'state', 'updated_at'] as const).filter((f) => pr[f] === undefined || pr[f] === null);
  if (!pr.base?.ref) missing.push('base.ref');
  if (missing.length) throw new Error(`pull_request #${pr.number ?? '?'}: the payload has no ${missing.join(', ')}; not stored`);
  const merged = pr.merged === true || !!pr.merged_at;
  return {
    repository,
    number: pr.number,
    title: pr.title,
    body: pr.body ?? null,
    state: merged ? 'merged' : pr.state,
    draft: pr.draft ?? false,
    base: pr.base.ref,
    mergeCommit: merged ? (pr.merge_commit_sha ?? null) : null,
    mergedAt: pr.merged_at ? new Date(pr.merged_at) : null,
    labels: (pr.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
    author: pr.user?.login ?? null,
    updatedAt: new Date(pr.updated_at),
  };
}
