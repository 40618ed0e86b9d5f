import { Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { GithubClient } from '../../github/client/github-client';
import { githubAuthFromConfig } from '../../github/client/github-client.config';

/** Answers "is this GitHub user an active member of ORG/TEAM?" with the server's GitHub credentials. */
export interface TeamMembership {
  /** null when the server has no GitHub credentials to ask with. Throws when GitHub cannot be reached. */
  isMember(org: string, team: string, login: string): Promise<boolean | null>;
}

export const TEAM_MEMBERSHIP = Symbol('TeamMembership');

/**
 * GET {api}/orgs/{org}/teams/{team}/memberships/{login}: 200 with state "active" is a member
 * ("pending" is an invitation not yet accepted), 404 is not. Used at login with the user's own
 * OAuth token (scope read:org lets a member see their own membership). A plain fetch: the GitHub
 * client would treat the 404 a non-member gets for a team hidden from them as a configuration error.
 */
export async function fetchTeamMembership(
  apiUrl: string,
  token: string,
  org: string,
  team: string,
  login: string,
): Promise<'member' | 'not-member' | 'denied'> {
  const url = `${apiUrl}/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(team)}/memberships/${encodeURIComponent(login)}`;
  const res = await fetch(url, {
    headers: {
      Accept: 'application/vnd.github+json',
      Authorization: `Bearer ${token}`,
      'User-Agent': 'nixsec',
      'X-GitHub-Api-Version': '2022-11-28',
    },
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status === 404) return 'not-member';
  // A user token that was revoked, or may not see the team (e.g. not in the org); a server token without access.
  if (res.status === 401 || res.status === 403) return 'denied';
  if (!res.ok) throw new Error(`GitHub answered ${res.status} for the membership of ${login} in ${org}/${team}`);
  const body = (await res.json()) as { state?: string };
  return body.state === 'active' ? 'member' : 'not-member';
}

/**
 * TeamMembership on the GitHub module's client, with the server's credentials (GITHUB_TOKEN or the
 * GitHub App). A client of its own rather than the shared one: role checks run inside a user's
 * request, so they retry once and never wait out a rate limit (the shared client may wait up to
 * 15 minutes); on failure UserService keeps the last answer and asks again a minute later.
 */
export class GithubClientTeamMembership implements TeamMembership {
  private readonly client: GithubClient | null;

  constructor(config: AppConfig) {
    const auth = githubAuthFromConfig(config);
    const logger = new Logger(GithubClientTeamMembership.name);
    this.client =
      auth.kind === 'none'
        ? null
        : new GithubClient({
            baseUrl: config.get('GITHUB_API_URL'),
            auth,
            retries: 1,
            retryUnitMs: 250,
            rateLimitRetries: 0,
            maxRateLimitWaitSeconds: 0,
            requestTimeoutMs: 10_000,
            log: (line) => logger.warn(line),
          });
  }

  async isMember(org: string, team: string, login: string): Promise<boolean | null> {
    return this.client ? this.client.isTeamMember(org, team, login) : null;
  }
}
