import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AuthSettings } from './auth-settings';
import { AuthError, sendAuthError } from './auth.error';
import { clearCsrfCookie } from './csrf';
import { capRolesByScope } from './policy';
import { RateLimiter } from './rate-limiter';
import { destroySession, HttpSession, SESSION_COOKIE } from './session/http-session';
import { ApiTokenService } from './tokens/api-token.service';
import { UserService } from './users/user.service';

/** Paths that know callers: the API and the auth routes. Static files, health and webhooks do not. */
const API_PATH = /^\/(graphql|auth|api)(\/|$)/;

function bearerSecret(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/**
 * Resolves who is calling, once per request, into `req.principal`:
 * - `Authorization: Bearer nixsec_…` → the token's owner with roles capped by its scope (the
 *   session cookie is then ignored, so bearer requests are never cookie-authenticated);
 * - otherwise the session cookie → the logged-in user.
 * Roles are refreshed here when older than NIXSEC_ROLE_TTL_MINUTES. Rate limits apply first.
 */
@Injectable()
export class AuthenticationMiddleware implements NestMiddleware {
  constructor(
    private readonly settings: AuthSettings,
    private readonly sessions: HttpSession,
    private readonly tokens: ApiTokenService,
    private readonly users: UserService,
    private readonly limiter: RateLimiter,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const path = req.originalUrl.split('?')[0];
    if (!API_PATH.test(path)) return next();
    try {
      await this.limit(`ip:${req.ip}`, this.settings.rateLimitPerIp, 'IP address', res);
      const secret = bearerSecret(req.headers.authorization);
      if (secret !== undefined) {
        const token = await this.tokens.authenticate(secret);
        await this.limit(`token:${token.id}`, this.settings.rateLimitPerToken, 'API token', res);
        const user = await this.users.forRequest(token.userId);
        if (!user) throw new AuthError('UNAUTHENTICATED', 'The owner of this API token can no longer log in.');
        req.principal = { user, via: 'token', token: { id: token.id, scope: token.scope }, roles: capRolesByScope(user.roles, token.scope) };
        return next();
      }
      await this.sessions.load(req, res);
      const userId = req.session.userId;
      if (userId !== undefined) {
        const user = await this.users.forRequest(userId);
        if (user) {
          req.principal = { user, via: 'session', token: null, roles: user.roles };
        } else {
          // The user is gone, or is a demo user and demo mode is off now: end the session.
          await destroySession(req);
          res.clearCookie(SESSION_COOKIE, { path: '/' });
          clearCsrfCookie(res, this.settings.secureCookies);
        }
      }
      next();
    } catch (err) {
      if (err instanceof AuthError) {
        if (err.code === 'UNAUTHENTICATED') res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
        return sendAuthError(res, path, err);
      }
      next(err);
    }
  }

  private async limit(key: string, perMinute: number, what: string, res: Response): Promise<void> {
    const { allowed, retryAfterSeconds } = await this.limiter.hit(key, perMinute);
    if (allowed) return;
    res.setHeader('Retry-After', String(retryAfterSeconds));
    throw new AuthError('RATE_LIMITED', `Too many requests: at most ${perMinute} a minute per ${what}. Retry in ${retryAfterSeconds} s.`);
  }
}
