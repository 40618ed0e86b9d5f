import { Body, Controller, Get, HttpCode, Logger, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type passport from 'passport';
import { AuthSettings } from './auth-settings';
import { AuthError } from './auth.error';
import { clearCsrfCookie, newCsrfToken, setCsrfCookie } from './csrf';
import { createGithubPassport, GithubLogin } from './github-login/github-passport';
import { DEMO_ROLES, DemoRole } from './policy';
import type { AuthUser } from './principal';
import { destroySession, regenerateSession, saveSession, SESSION_COOKIE, SESSION_MAX_AGE_MS } from './session/http-session';
import { UserService } from './users/user.service';

/** Only same-site paths: "/triage", not "//evil.example" or "https://…". */
function safeReturnTo(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && value.length <= 2000 ? value : undefined;
}

function publicUser(user: AuthUser) {
  return { id: String(user.id), login: user.login, githubId: user.githubId, name: user.name, avatarUrl: user.avatarUrl, roles: user.roles, demo: user.demo };
}

/** GitHub OAuth login, demo login, logout and "who am I" for the SPA. */
@Controller('auth')
export class AuthController {
  private readonly logger = new Logger(AuthController.name);
  private readonly passport: passport.Authenticator | null;

  constructor(
    private readonly settings: AuthSettings,
    private readonly users: UserService,
  ) {
    this.passport = settings.oauth ? createGithubPassport(settings.oauth) : null;
  }

  /** Starts the GitHub OAuth web flow; `returnTo` is where the browser lands afterwards. */
  @Get('github')
  github(@Req() req: Request, @Res() res: Response, @Query('returnTo') returnTo?: string): void {
    const github = this.requireGithub();
    req.session.returnTo = safeReturnTo(returnTo) ?? '/';
    github.authenticate('github', { session: false })(req, res, (err?: unknown) => this.failLogin(res, err));
  }

  @Get('github/callback')
  githubCallback(@Req() req: Request, @Res() res: Response): void {
    const github = this.requireGithub();
    github.authenticate('github', { session: false }, (err: unknown, login: GithubLogin | false, info: { message?: string } | undefined) => {
      if (err || !login) return this.failLogin(res, err ?? info?.message ?? 'refused');
      void this.users
        .loginWithGithub(login.identity, login.accessToken)
        .then(async (user) => {
          const returnTo = req.session.returnTo ?? '/';
          await this.startSession(req, res, user);
          res.redirect(303, returnTo);
        })
        .catch((e: unknown) => this.failLogin(res, e));
    })(req, res, (err?: unknown) => this.failLogin(res, err));
  }

  /** Logs in a local demo user; only in demo mode (no GitHub OAuth configured, not production). */
  @Post('demo')
  @HttpCode(200)
  async demo(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: { role?: unknown }) {
    if (this.settings.demoDisabledReason) throw new AuthError('NOT_FOUND', this.settings.demoDisabledReason);
    const role = body?.role;
    if (typeof role !== 'string' || !(DEMO_ROLES as readonly string[]).includes(role)) {
      throw new AuthError('BAD_USER_INPUT', `Choose a demo role: {"role": "${DEMO_ROLES.join('" or "')}"}.`);
    }
    const user = await this.users.loginDemo(role as DemoRole);
    const csrfToken = await this.startSession(req, res, user);
    return { user: publicUser(user), csrfToken };
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    if (req.session) await destroySession(req);
    res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: this.settings.secureCookies });
    clearCsrfCookie(res, this.settings.secureCookies);
  }

  /** The caller, the CSRF token to send as X-CSRF-Token, and which logins this server offers. */
  @Get('me')
  me(@Req() req: Request) {
    const principal = req.principal;
    return {
      user: principal ? { ...publicUser(principal.user), roles: principal.roles } : null,
      via: principal?.via ?? null,
      csrfToken: principal?.via === 'session' ? (req.session.csrfToken ?? null) : null,
      login: {
        github: this.settings.oauth !== null,
        demo: this.settings.demoEnabled,
        demoRoles: this.settings.demoEnabled ? DEMO_ROLES : [],
      },
    };
  }

  /** A fresh session id at login (no session fixation), holding the user and a new CSRF token. */
  private async startSession(req: Request, res: Response, user: AuthUser): Promise<string> {
    await regenerateSession(req);
    const csrfToken = newCsrfToken();
    req.session.userId = user.id;
    req.session.csrfToken = csrfToken;
    await saveSession(req);
    setCsrfCookie(res, csrfToken, this.settings.secureCookies, SESSION_MAX_AGE_MS);
    return csrfToken;
  }

  private requireGithub(): passport.Authenticator {
    if (!this.passport) {
      throw new AuthError(
        'NOT_FOUND',
        'GitHub login is not configured: set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET (or GITHUB_CLIENT_SECRET_FILE).' +
          (this.settings.demoEnabled ? ' Meanwhile demo login is available: POST /auth/demo.' : ''),
      );
    }
    return this.passport;
  }

  /**
   * Back to the SPA with a reason it can show (passport's message for a refusal, e.g. "The user
   * has denied your application access."; a generic one for errors, whose details go to the log).
   */
  private failLogin(res: Response, err: unknown): void {
    const shown = err instanceof Error ? 'GitHub login failed: try again, or ask an admin to check the server log.' : String(err ?? 'refused');
    this.logger.warn(`GitHub login failed: ${err instanceof Error ? err.message : shown}`);
    if (!res.headersSent) res.redirect(303, `/?loginError=${encodeURIComponent(shown.slice(0, 200))}`);
  }
}
