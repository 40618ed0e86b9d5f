/**
 * What the rest of nixsec sees of GitHub: the few fields we use, camelCased, with dates parsed.
 * GitHub's full REST shapes stay inside the client (github-client.ts maps them).
 */

export interface GithubUser {
  /** The stable numeric id (logins can be renamed; `maintainer.github_id` stores this). */
  id: number;
  login: string;
  name: string | null;
  type: string;
  avatarUrl: string;
  htmlUrl: string;
}

export interface GithubTeamMember {
  id: number;
  login: string;
}

export type GithubIssueState = 'open' | 'closed';
export type GithubCloseReason = 'completed' | 'not_planned';

export interface GithubIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: GithubIssueState;
  stateReason: string | null;
  labels: string[];
  htmlUrl: string;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

export interface GithubIssueInput {
  title: string;
  body?: string;
  labels?: string[];
  assignees?: string[];
}

export interface GithubIssueUpdate {
  title?: string;
  body?: string;
  labels?: string[];
  assignees?: string[];
  state?: GithubIssueState;
  stateReason?: GithubCloseReason | 'reopened';
}

export interface GithubPullRequest {
  id: number;
  number: number;
  title: string;
  state: GithubIssueState;
  draft: boolean;
  merged: boolean;
  mergedAt: Date | null;
  /** On a merged PR, the commit that landed on the base branch (merge, squash or rebase head). */
  mergeCommitSha: string | null;
  author: string | null;
  baseRef: string;
  headRef: string;
  headSha: string;
  labels: string[];
  htmlUrl: string;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

export interface PullRequestsQuery {
  /** Only PRs targeting this branch, e.g. `staging-24.11`. */
  base?: string;
  /** Defaults to `all`. */
  state?: 'open' | 'closed' | 'all';
}

/** The last rate-limit headers GitHub sent (core resource, or whichever the request used). */
export interface GithubRateLimit {
  limit: number;
  remaining: number;
  resetAt: Date;
  resource: string;
}

/** Personal token (classic or fine-grained), GitHub App installation, or none (60 requests/hour). */
export type GithubAuth =
  | { kind: 'token'; token: string }
  | { kind: 'app'; appId: number; privateKey: string; installationId: number }
  | { kind: 'none' };
