import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

export const CSRF_COOKIE = 'nixsec_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export const CSRF_MESSAGE =
  'CSRF token missing or wrong: send the X-CSRF-Token header with the value of the nixsec_csrf cookie ' +
  '(also returned as csrfToken by GET /auth/me). API scripts should use an API token (Authorization: Bearer) instead.';

/**
 * A per-session synchronizer token: kept in the server-side session, mirrored in a readable (not
 * HttpOnly) cookie for the SPA, and required as a header on every cookie-authenticated mutation.
 * Another site can make the browser send the session cookie but can neither read the cookie nor
 * set the header. Bearer-token requests carry no ambient credentials and are exempt.
 */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

export function csrfTokenMatches(req: Request): boolean {
  const expected = req.session?.csrfToken;
  const given = req.headers[CSRF_HEADER];
  if (!expected || typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Sets the readable CSRF cookie; same lifetime and flags as the session cookie except HttpOnly. */
export function setCsrfCookie(res: Response, token: string, secure: boolean, maxAgeMs: number): void {
  res.cookie(CSRF_COOKIE, token, { httpOnly: false, sameSite: 'lax', secure, path: '/', maxAge: maxAgeMs });
}

export function clearCsrfCookie(res: Response, secure: boolean): void {
  res.clearCookie(CSRF_COOKIE, { httpOnly: false, sameSite: 'lax', secure, path: '/' });
}

export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
