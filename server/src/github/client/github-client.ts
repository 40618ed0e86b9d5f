import type { Octokit } from '@octokit/rest';
import { GithubError } from '../github.error';
import { attemptsOf, createGithubOctokit, GithubOctokitOptions } from './github-octokit';
import { isInstallationTokenRequest, toGithubError } from './github-request-error';
import {
  GithubAuth,
  GithubCloseReason,
  GithubIssue,
  GithubIssueInput,
  GithubIssueUpdate,
  GithubPullRequest,
  GithubRateLimit,
  GithubTeamMember,
  GithubUser,
  PullRequestsQuery,
} from './github.types';

export const GITHUB_API_URL = 'https://api.github.com';

export interface GithubClientOptions
  extends Partial<Omit<GithubOctokitOptions, 'baseUrl' | 'auth' | 'warn' | 'onRateLimit'>> {
  /** GITHUB_API_URL: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server. */
  baseUrl?: string;
  auth?: GithubAuth;
  /** Warnings (rate-limit waits, Octokit notices); never contains a credential. */
  log?: (line: string) => void;
}

const DEFAULTS = {
  retries: 3,
  retryUnitMs: 1000,
  rateLimitRetries: 2,
  rateLimitUnitMs: 1000,
  maxRateLimitWaitSeconds: 15 * 60,
  writeIntervalMs: 1000,
  notifyingWriteIntervalMs: 3000,
  requestTimeoutMs: 30_000,
  userAgent: 'nixsec',
};

// GitHub's REST shapes, reduced to what we map.
interface RestUser {
  id: number;
  login: string;
  name?: string | null;
  type: string;
  avatar_url: string;
  html_url: string;
}
type RestLabel = string | { name?: string };
interface RestIssue {
  id: number;
  number: number;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  labels: RestLabel[];
  html_url: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}
interface RestPull {
  id: number;
  number: number;
  title: string;
  state: string;
  draft?: boolean;
  merged_at: string | null;
  merge_commit_sha: string | null;
  user: { login: string } | null;
  base: { ref: string };
  head: { ref: string; sha: string };
  labels: RestLabel[];
  html_url: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

/**
 * nixsec's GitHub REST client: the few operations the app needs, on Octokit with retries and
 * rate-limit handling. Lookups answer null for "does not exist"; every failure is a GithubError
 * whose message names the operation and the setting or permission to fix.
 */
export class GithubClient {
  readonly baseUrl: string;
  readonly authKind: GithubAuth['kind'];
  private readonly octokit: Octokit;
  private lastRateLimit: GithubRateLimit | undefined;
  private readonly redactions: string[];

  constructor(options: GithubClientOptions = {}) {
    const auth = options.auth ?? { kind: 'none' };
    const log = options.log ?? (() => undefined);
    this.baseUrl = (options.baseUrl ?? GITHUB_API_URL).replace(/\/+$/, '');
    this.authKind = auth.kind;
    this.redactions = auth.kind === 'token' ? [auth.token] : auth.kind === 'app' ? [auth.privateKey] : [];
    const { log: _log, ...rest } = options;
    this.octokit = createGithubOctokit({
      ...DEFAULTS,
      ...rest,
      baseUrl: this.baseUrl,
      auth,
      warn: (line) => log(this.redact(line)),
      onRateLimit: (rateLimit) => (this.lastRateLimit = rateLimit),
    });
  }

  /** The rate-limit headers of GitHub's latest answer (undefined before the first request). */
  get rateLimit(): GithubRateLimit | undefined {
    return this.lastRateLimit;
  }

  /** A user by login (case-insensitive), or null when no such account exists. */
  async getUser(login: string): Promise<GithubUser | null> {
    return this.call(`look up the GitHub user "${login}"`, async () =>
      orNull(this.octokit.users.getByUsername({ username: login }).then((r) => toUser(r.data as RestUser))),
    );
  }

  /** A user by the numeric id that survives renames, or null. */
  async getUserById(id: number): Promise<GithubUser | null> {
    return this.call(`look up the GitHub user with id ${id}`, async () =>
      orNull(this.octokit.request('GET /user/{account_id}', { account_id: id }).then((r) => toUser(r.data as RestUser))),
    );
  }

  /**
   * Whether `login` is an active member of org/teamSlug (pending invitations do not count). GitHub
   * answers 404 both for non-members and for teams it hides from us, so a 404 is checked against the
   * team itself: a team we cannot see is an error to fix, not "not a member".
   */
  async isTeamMember(org: string, teamSlug: string, login: string): Promise<boolean> {
    return this.call(`check whether ${login} is in the team ${org}/${teamSlug}`, async () => {
      const membership = await orNull(
        this.octokit.teams.getMembershipForUserInOrg({ org, team_slug: teamSlug, username: login }),
      );
      if (membership) return membership.data.state === 'active';
      await this.requireTeam(org, teamSlug);
      return false;
    });
  }

  async listTeamMembers(org: string, teamSlug: string): Promise<GithubTeamMember[]> {
    return this.call(`list the members of the team ${org}/${teamSlug}`, async () => {
      const members = await this.octokit.paginate(this.octokit.teams.listMembersInOrg, {
        org,
        team_slug: teamSlug,
        per_page: 100,
      });
      return members.map((m) => ({ id: m.id, login: m.login }));
    });
  }

  async createIssue(repository: string, input: GithubIssueInput): Promise<GithubIssue> {
    const { owner, repo } = splitRepository(repository);
    return this.call(`create an issue in ${repository}`, async () => {
      // Not retried here: creating is not idempotent, and a lost answer must not make a second
      // issue. Callers that retry look for the issue first (findIssueByBodyMarker).
      const { data } = await this.octokit.issues.create({ owner, repo, ...input, request: { retries: 0 } });
      return toIssue(data as RestIssue);
    });
  }

  /**
   * The issue (not pull request) updated at or after `since` whose body contains `marker`, or null.
   * Lets a caller that lost the answer to createIssue (a timeout) find the issue it created.
   */
  async findIssueByBodyMarker(repository: string, marker: string, since: Date): Promise<GithubIssue | null> {
    const { owner, repo } = splitRepository(repository);
    const operation = `look for an issue in ${repository} created by an earlier attempt`;
    const iterable = this.octokit.paginate.iterator(this.octokit.issues.listForRepo, { owner, repo, state: 'all', since: since.toISOString(), per_page: 100 });
    const pages = iterable[Symbol.asyncIterator]();
    for (;;) {
      const next = await this.call(operation, () => pages.next());
      if (next.done) return null;
      const found = (next.value.data as (RestIssue & { pull_request?: unknown })[]).find((i) => !i.pull_request && i.body?.includes(marker));
      if (found) return toIssue(found);
    }
  }

  /** Issues (not pull requests) with this label updated at or after `since`, newest first. */
  async *issuesWithLabelSince(repository: string, label: string, since: Date): AsyncGenerator<GithubIssue> {
    const { owner, repo } = splitRepository(repository);
    const operation = `list issues of ${repository} labelled "${label}" updated since ${since.toISOString()}`;
    const iterable = this.octokit.paginate.iterator(this.octokit.issues.listForRepo, { owner, repo, state: 'all', labels: label, since: since.toISOString(), per_page: 100 });
    const pages = iterable[Symbol.asyncIterator]();
    for (;;) {
      const next = await this.call(operation, () => pages.next());
      if (next.done) return;
      for (const raw of next.value.data as (RestIssue & { pull_request?: unknown })[]) if (!raw.pull_request) yield toIssue(raw);
    }
  }

  async updateIssue(repository: string, issueNumber: number, update: GithubIssueUpdate): Promise<GithubIssue> {
    const { owner, repo } = splitRepository(repository);
    const { stateReason, ...fields } = update;
    return this.call(`update issue ${repository}#${issueNumber}`, async () => {
      const { data } = await this.octokit.issues.update({
        owner,
        repo,
        issue_number: issueNumber,
        ...fields,
        ...(stateReason ? { state_reason: stateReason } : {}),
      });
      return toIssue(data as RestIssue);
    });
  }

  async closeIssue(repository: string, issueNumber: number, reason: GithubCloseReason = 'completed'): Promise<GithubIssue> {
    return this.updateIssue(repository, issueNumber, { state: 'closed', stateReason: reason });
  }

  async getPullRequest(repository: string, pullNumber: number): Promise<GithubPullRequest | null> {
    const { owner, repo } = splitRepository(repository);
    return this.call(`read pull request ${repository}#${pullNumber}`, async () =>
      orNull(this.octokit.pulls.get({ owner, repo, pull_number: pullNumber }).then((r) => toPull(r.data as RestPull))),
    );
  }

  /**
   * Pull requests updated at or after `since`, most recently updated first. Pages are fetched only
   * while they reach back to `since` (GitHub has no `since` filter for pulls), so a poll costs a
   * page or two however large the repository is.
   */
  async *pullRequestsUpdatedSince(
    repository: string,
    since: Date,
    query: PullRequestsQuery = {},
  ): AsyncGenerator<GithubPullRequest> {
    const { owner, repo } = splitRepository(repository);
    const operation = `list pull requests of ${repository} updated since ${since.toISOString()}`;
    const pages = this.octokit.paginate
      .iterator(this.octokit.pulls.list, {
      owner,
      repo,
      state: query.state ?? 'all',
      ...(query.base ? { base: query.base } : {}),
      sort: 'updated',
      direction: 'desc',
      per_page: 100,
    })[Symbol.asyncIterator]();
    for (;;) {
      const next = await this.call(operation, () => pages.next());
      if (next.done) return;
      for (const raw of next.value.data as RestPull[]) {
        const pull = toPull(raw);
        if (pull.updatedAt < since) return;
        yield pull;
      }
    }
  }

  private async requireTeam(org: string, teamSlug: string): Promise<void> {
    const team = await orNull(this.octokit.teams.getByName({ org, team_slug: teamSlug }));
    if (team) return;
    throw new GithubError(
      `GitHub: the team ${org}/${teamSlug} does not exist or is hidden from nixsec's credentials: check the ` +
        `team name, and that the token in GITHUB_TOKEN_FILE has read:org (or the GitHub App "Members: read").`,
      `read the team ${org}/${teamSlug}`,
      404,
      'not-found',
    );
  }

  private async call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      // Octokit's RequestError (network failures included) has a status; anything else is a bug here.
      if (typeof (error as { status?: unknown })?.status !== 'number') throw error;
      const translated = toGithubError(error, {
        operation,
        baseUrl: this.baseUrl,
        auth: this.authKind,
        attempts: attemptsOf(error),
      });
      translated.message = this.redact(translated.message);
      throw translated;
    }
  }

  /** Credentials never go into messages, but a proxy or GitHub could echo one back. */
  private redact(text: string): string {
    return this.redactions.reduce((t, secret) => (secret ? t.replaceAll(secret, '[redacted]') : t), text);
  }
}

/** 404 → null; everything else propagates (also a 404 for the GitHub App's token: that is a setting). */
async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    const e = error as { status?: number; response?: unknown };
    if (e.status === 404 && e.response && !isInstallationTokenRequest(error)) return null;
    throw error;
  }
}

function splitRepository(repository: string): { owner: string; repo: string } {
  const match = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(repository);
  if (!match) throw new RangeError(`expected a repository as "owner/name", got ${JSON.stringify(repository)}`);
  return { owner: match[1], repo: match[2] };
}

const date = (value: string | null) => (value ? new Date(value) : null);
const labelNames = (labels: RestLabel[]) =>
  labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter((name) => name !== '');

function toUser(data: RestUser): GithubUser {
  return {
    id: data.id,
    login: data.login,
    name: data.name ?? null,
    type: data.type,
    avatarUrl: data.avatar_url,
    htmlUrl: data.html_url,
  };
}

function toIssue(data: RestIssue): GithubIssue {
  return {
    id: data.id,
    number: data.number,
    title: data.title,
    body: data.body ?? null,
    state: data.state === 'closed' ? 'closed' : 'open',
    stateReason: data.state_reason ?? null,
    labels: labelNames(data.labels),
    htmlUrl: data.html_url,
    createdAt: new Date(data.created_at),
    updatedAt: new Date(data.updated_at),
    closedAt: date(data.closed_at),
  };
}

function toPull(data: RestPull): GithubPullRequest {
  return {
    id: data.id,
    number: data.number,
    title: data.title,
    state: data.state === 'closed' ? 'closed' : 'open',
    draft: data.draft ?? false,
    merged: data.merged_at !== null,
    mergedAt: date(data.merged_at),
    mergeCommitSha: data.merged_at !== null ? data.merge_commit_sha : null,
    author: data.user?.login ?? null,
    baseRef: data.base.ref,
    headRef: data.head.ref,
    headSha: data.head.sha,
    labels: labelNames(data.labels),
    htmlUrl: data.html_url,
    createdAt: new Date(data.created_at),
    updatedAt: new Date(data.updated_at),
    closedAt: date(data.closed_at),
  };
}
