import type { Role, TokenScope } from './policy';

/** A user as the rest of the server sees them. */
export interface AuthUser {
  id: number;
  githubId: number;
  login: string;
  name: string | null;
  avatarUrl: string | null;
  demo: boolean;
  /** Every role the user holds (lowest first), before any token scope. */
  roles: Role[];
}

/** Who is calling, resolved once per request by AuthenticationMiddleware. */
export interface Principal {
  user: AuthUser;
  via: 'session' | 'token';
  /** Set when `via` is 'token'. */
  token: { id: number; scope: TokenScope } | null;
  /** The roles this request acts with: the user's, capped by the token scope. */
  roles: Role[];
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    userId: number;
    csrfToken: string;
    returnTo: string;
  }
}

/** The activity-log actor for changes made by a principal: the handle, or "token:<id>" for tokens. */
export function actorOf(principal: Principal): string {
  return principal.token ? `token:${principal.token.id}` : principal.user.login;
}
