import type { CurrentUser } from '../../gql/graphql';
import type { Role } from './roles';

/** The user as GET /auth/me and POST /auth/demo describe them (the fields of GraphQL `CurrentUser`). */
export type SessionUser = Pick<CurrentUser, 'id' | 'login' | 'githubId' | 'name' | 'avatarUrl' | 'roles' | 'demo'>;

/** GET /auth/me: who is calling, the CSRF token of a cookie session, and which logins exist. */
export interface AuthSession {
  user: SessionUser | null;
  via: 'session' | 'token' | null;
  csrfToken: string | null;
  login: { github: boolean; demo: boolean; demoRoles: Role[] };
}

const UNREACHABLE = 'Cannot reach the nixsec server to check your login — is it running?';

export class AuthRequestError extends Error {
  override name = 'AuthRequestError';
}

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init, headers: { Accept: 'application/json', ...init.headers } });
  } catch {
    throw new AuthRequestError(UNREACHABLE);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
    const message = typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`;
    throw new AuthRequestError(response.status >= 500 && !body ? UNREACHABLE : message);
  }
  return response;
}

export async function fetchSession(): Promise<AuthSession> {
  return (await (await request('/auth/me')).json()) as AuthSession;
}

/** Logs in a local demo user (demo mode only); the session cookie and CSRF cookie are set. */
export async function demoLogin(role: Role, csrfToken: string | null): Promise<void> {
  await request('/auth/demo', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...csrfHeader(csrfToken) },
    body: JSON.stringify({ role }),
  });
}

export async function logout(csrfToken: string | null): Promise<void> {
  await request('/auth/logout', { method: 'POST', headers: csrfHeader(csrfToken) });
}

/** Where the browser goes to log in with GitHub, coming back to `returnTo`. */
export function githubLoginUrl(returnTo: string): string {
  return `/auth/github?returnTo=${encodeURIComponent(returnTo)}`;
}

function csrfHeader(csrfToken: string | null): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}
