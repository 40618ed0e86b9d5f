import { randomBytes } from 'node:crypto';
import { FakeGithubServer, FakeUser, startFakeGithubServer } from '../../github/__tests__/fake-github-server';

/**
 * The GitHub OAuth web flow on top of the GitHub module's fake REST server (same origin, so it
 * serves as both GITHUB_URL and GITHUB_API_URL): `/login/oauth/authorize` approves (or denies)
 * as the user the test chose and redirects back with a one-time code, `/login/oauth/access_token`
 * swaps the code for that user's token, and `/user` and team memberships answer for that token.
 */
export interface FakeGithubOAuth {
  github: FakeGithubServer;
  /** GITHUB_URL and GITHUB_API_URL. */
  url: string;
  clientId: string;
  clientSecret: string;
  /** The server's own token (GITHUB_TOKEN), used for role refreshes. */
  serverToken: string;
  users: Record<string, FakeUser>;
  /** Who approves the next authorization request; null makes GitHub answer access_denied. */
  approveAs(login: string | null): void;
  /** Scopes requested by the last authorization request. */
  lastScopes(): string[];
  /** Access tokens that were handed out, to check that none appears where it must not. */
  issuedTokens(): string[];
  close(): Promise<void>;
}

export interface FakeGithubOAuthOptions {
  /** Users who can log in, by login; ids default to 1000, 1001, … */
  users: Array<{ login: string; id?: number; name?: string }>;
  /** Members of the security team (NixOS/security unless `team` is given). */
  teamMembers?: string[];
  team?: string;
}

export async function startFakeGithubOAuth(options: FakeGithubOAuthOptions): Promise<FakeGithubOAuth> {
  const clientId = `Iv1.${randomBytes(8).toString('hex')}`;
  const clientSecret = randomBytes(20).toString('hex');
  const serverToken = `ghp_server${randomBytes(8).toString('hex')}`;
  const userTokens = Object.fromEntries(options.users.map((u) => [u.login, `gho_${u.login}_${randomBytes(8).toString('hex')}`]));
  const github = await startFakeGithubServer({
    tokens: {
      [serverToken]: { login: 'nixsec-bot' },
      ...Object.fromEntries(options.users.map((u) => [userTokens[u.login], { login: u.login }])),
    },
  });
  const users = Object.fromEntries(options.users.map((u) => [u.login, github.addUser({ login: u.login, id: u.id, name: u.name ?? null })]));
  const [org, slug] = (options.team ?? 'NixOS/security').split('/');
  github.addTeam(org, slug, options.teamMembers ?? []);

  let approver: string | null = null;
  let scopes: string[] = [];
  const codes = new Map<string, { login: string; redirectUri: string }>();
  const issued: string[] = [];

  github.route('GET', '/login/oauth/authorize', ({ request }) => {
    const q = request.query;
    if (q.get('client_id') !== clientId) return { status: 404, body: 'unknown client_id' };
    const redirect = new URL(q.get('redirect_uri') ?? '');
    scopes = (q.get('scope') ?? '').split(/[ ,]+/).filter(Boolean);
    const state = q.get('state');
    if (state) redirect.searchParams.set('state', state);
    if (approver === null) {
      redirect.searchParams.set('error', 'access_denied');
      redirect.searchParams.set('error_description', 'The user has denied your application access.');
    } else {
      const code = randomBytes(10).toString('hex');
      codes.set(code, { login: approver, redirectUri: q.get('redirect_uri') ?? '' });
      redirect.searchParams.set('code', code);
    }
    return { status: 302, headers: { location: redirect.toString() }, body: '' };
  });

  github.route('POST', '/login/oauth/access_token', ({ request }) => {
    const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
    if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
      return { status: 200, body: { error: 'incorrect_client_credentials', error_description: 'The client_id and/or client_secret passed are incorrect.' } };
    }
    const grant = codes.get(form.get('code') ?? '');
    codes.delete(form.get('code') ?? '');
    if (!grant || (form.get('redirect_uri') && form.get('redirect_uri') !== grant.redirectUri)) {
      return { status: 200, body: { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.' } };
    }
    const token = userTokens[grant.login];
    issued.push(token);
    return { status: 200, body: { access_token: token, token_type: 'bearer', scope: scopes.join(',') } };
  });

  return {
    github,
    url: github.url,
    clientId,
    clientSecret,
    serverToken,
    users,
    approveAs: (login) => (approver = login),
    lastScopes: () => scopes,
    issuedTokens: () => [...issued],
    close: () => github.close(),
  };
}
