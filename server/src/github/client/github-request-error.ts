import { GithubError, GithubErrorReason } from '../github.error';
import { limitWaitSeconds } from './rate-limit-headers';
import { GithubAuth } from './github.types';

interface RequestErrorLike {
  status?: number;
  message?: string;
  request?: { url?: string };
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

/** auth-app creates installation tokens on the fly; its failures concern the app settings. */
export function isInstallationTokenRequest(error: unknown): boolean {
  const url = (error as RequestErrorLike).request?.url ?? '';
  return /\/app\/installations\/[^/]+\/access_tokens$/.test(url);
}

export interface ErrorContext {
  operation: string;
  baseUrl: string;
  auth: GithubAuth['kind'];
  /** Requests made, retries included. */
  attempts: number;
}

const APP_SETTINGS = 'GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY_FILE and GITHUB_APP_INSTALLATION_ID';

/** What to fix when GitHub does not accept who we are. */
function credentialAdvice(auth: GithubAuth['kind']): string {
  switch (auth) {
    case 'token':
      return 'check GITHUB_TOKEN_FILE (or GITHUB_TOKEN): the token may be expired, revoked or mistyped';
    case 'app':
      return `check ${APP_SETTINGS} (the app may be suspended or no longer installed)`;
    case 'none':
      return `set GITHUB_TOKEN_FILE (a personal token) or a GitHub App (${APP_SETTINGS})`;
  }
}

function githubMessage(error: RequestErrorLike): string {
  const data: unknown = error.response?.data;
  if (typeof data === 'string') return data.length > 0 && data.length < 200 ? data : (error.message ?? 'no message');
  const body = (data ?? {}) as { message?: unknown; errors?: unknown };
  if (typeof body.message !== 'string') return error.message ?? 'no message';
  const details = Array.isArray(body.errors)
    ? body.errors.map((e: { field?: string; code?: string; message?: string }) =>
        e.message ?? [e.field, e.code].filter(Boolean).join(' '),
      )
    : [];
  return details.length ? `${body.message}: ${details.join(', ')}` : body.message;
}

function isRateLimit(status: number, headers: Record<string, string | number | undefined>, message: string): boolean {
  if (status !== 403 && status !== 429) return false;
  return String(headers['x-ratelimit-remaining']) === '0' || headers['retry-after'] !== undefined || /rate limit/i.test(message);
}

/** Turns an Octokit failure into a GithubError that says what failed and what to do about it. */
export function toGithubError(error: unknown, context: ErrorContext): GithubError {
  if (error instanceof GithubError) return error;
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as RequestErrorLike;
  const prefix = `GitHub: cannot ${context.operation}`;
  const tries = context.attempts > 1 ? ` after ${context.attempts} attempts` : '';
  const make = (reason: GithubErrorReason, status: number | undefined, text: string) =>
    new GithubError(`${prefix}: ${text}`, context.operation, status, reason);

  if (!e.response) {
    return make(
      'unreachable',
      undefined,
      `no answer from GITHUB_API_URL=${context.baseUrl}${tries} (${e.message ?? 'network error'}). ` +
        'Check GITHUB_API_URL and the network, or retry later.',
    );
  }
  const status = Number(e.status ?? e.response.headers?.status);
  const headers = e.response.headers ?? {};
  const said = `HTTP ${status}: ${githubMessage(e)}`;
  if (isRateLimit(status, headers, said)) {
    const wait = limitWaitSeconds(headers);
    const until = wait === undefined ? 'for a while' : `for ${wait} s (until ${new Date(Date.now() + wait * 1000).toISOString()})`;
    const advice =
      context.auth === 'none'
        ? `; set GITHUB_TOKEN_FILE or a GitHub App (${APP_SETTINGS}) for a higher limit`
        : context.auth === 'token'
          ? '; a GitHub App installation has a higher limit than a personal token'
          : '';
    return make('rate-limited', status, `GitHub is rate-limiting nixsec ${until}${tries} (${said}). Retry later${advice}.`);
  }
  if (isInstallationTokenRequest(e) && status < 500) {
    return make(
      'bad-credentials',
      status,
      `GitHub did not issue a GitHub App installation token (${said}): check ${APP_SETTINGS} ` +
        '(the key must belong to the app, and the app must be installed with that installation id).',
    );
  }
  switch (status) {
    case 401:
      return make('bad-credentials', status, `GitHub rejected the credentials (${said}): ${credentialAdvice(context.auth)}.`);
    case 403: {
      const needs = headers['x-accepted-github-permissions'] ?? headers['x-accepted-oauth-scopes'];
      const grant = needs ? ` It needs ${needs}.` : '';
      const who = context.auth === 'app' ? 'the GitHub App (GITHUB_APP_ID)' : 'the token in GITHUB_TOKEN_FILE';
      return make('forbidden', status, `GitHub refused (${said}).${grant} Grant the permission to ${who}.`);
    }
    case 404:
    case 410:
      return make(
        'not-found',
        status,
        `not found (${said}): it does not exist, or the credentials cannot see it (private repositories and ` +
          'teams need a token or app with access to them).',
      );
    case 422:
    case 400:
      return make('invalid-request', status, `GitHub rejected the request (${said}).`);
    default:
      if (status >= 500) {
        return make(
          'unavailable',
          status,
          `GitHub at GITHUB_API_URL=${context.baseUrl} is unavailable (${said})${tries}. Retry later.`,
        );
      }
      return make('unexpected', status, `unexpected answer (${said}).`);
  }
}
