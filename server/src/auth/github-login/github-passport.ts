import passport from 'passport';
import { Profile, Strategy as GitHubStrategy } from 'passport-github2';
import type { GithubOAuthSettings } from '../auth-settings';
import type { GithubIdentity } from '../users/user.store';

export interface GithubLogin {
  identity: GithubIdentity;
  /** The user's OAuth token: used once at login to read their team membership, never stored. */
  accessToken: string;
}

export const GITHUB_SCOPES = ['read:user', 'read:org'];

/**
 * A Passport instance of its own (not the global singleton), so that two apps in one process
 * (tests) each keep their GitHub endpoints. `state: true` stores a nonce in the session and
 * checks it on the callback, so a login cannot be started by another site.
 */
export function createGithubPassport(oauth: GithubOAuthSettings): passport.Authenticator {
  const instance = new passport.Passport();
  const options = {
    clientID: oauth.clientId,
    clientSecret: oauth.clientSecret,
    callbackURL: oauth.callbackUrl,
    authorizationURL: oauth.authorizationUrl,
    tokenURL: oauth.tokenUrl,
    userProfileURL: oauth.userProfileUrl,
    scope: GITHUB_SCOPES,
    userAgent: 'nixsec',
    state: true as unknown as string,
  };
  instance.use(
    'github',
    new GitHubStrategy(options, (accessToken: string, _refreshToken: string, profile: Profile, done: (err: null, user: GithubLogin) => void) => {
      const json = (profile as Profile & { _json: { id: number; login: string; name?: string | null; avatar_url?: string | null } })._json;
      done(null, {
        identity: { githubId: Number(json.id), login: json.login, name: json.name ?? null, avatarUrl: json.avatar_url ?? null },
        accessToken,
      });
    }),
  );
  return instance;
}
