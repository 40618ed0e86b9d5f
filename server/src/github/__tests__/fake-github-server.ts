import { createPublicKey, KeyObject, randomBytes, verify } from 'node:crypto';
import { createServer, IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGithubState, FakeIssue, FakePull, FakeUser, registerFakeGithubRoutes } from './fake-github-routes';

export type { FakeIssue, FakePull, FakeUser } from './fake-github-routes';

/**
 * A small GitHub REST API on 127.0.0.1 for tests: real HTTP, GitHub's JSON shapes and headers
 * (rate limits, Link pagination, error bodies) for exactly the endpoints nixsec calls, in-memory
 * data, recorded requests and injectable failures. Later features add endpoints with `route()`
 * (or in fake-github-routes.ts when they are part of the client).
 */

export interface FakeGithubRequest {
  method: string;
  /** Path below the API base (without `basePath`), e.g. `/users/octocat`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless a string. */
  body?: unknown;
}

/** Who a request authenticated as; `undefined` for anonymous requests. */
export interface FakeCaller {
  token: string;
  login?: string;
  /** Installation tokens of a GitHub App. */
  installationId?: number;
  /** A read-only token gets 403 on writes, like a token without the `repo`/`issues:write` grant. */
  readOnly?: boolean;
}

export interface FakeRouteContext {
  params: Record<string, string>;
  request: FakeGithubRequest;
  caller: FakeCaller | undefined;
  state: FakeGithubState;
  /** Absolute URL of a path below the API base, for `url`/`html_url` fields and Link headers. */
  urlFor(path: string): string;
}

export type FakeRouteHandler = (context: FakeRouteContext) => FakeReply | Promise<FakeReply>;

export type FakeFailure =
  /** Primary limit: 403 with `x-ratelimit-remaining: 0` and a reset `resetInSeconds` ahead. */
  | 'rate-limit'
  /** The same limit signalled with 429, as GitHub also does. */
  | 'rate-limit-429'
  /** Secondary (abuse) limit: 403 "You have exceeded a secondary rate limit" with `retry-after`. */
  | 'secondary-rate-limit'
  /** 502 Bad Gateway, as GitHub's front end answers when a backend times out. */
  | 'bad-gateway'
  /** The connection is closed without an answer. */
  | 'disconnect'
  | FakeReply;

export interface FailOptions {
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Which requests; default any. */
  match?: (request: FakeGithubRequest) => boolean;
  retryAfterSeconds?: number;
  resetInSeconds?: number;
  /** The request is carried out and only its answer is replaced (a timeout after GitHub acted). */
  afterHandling?: boolean;
}

export interface FakeGithubApp {
  id: number;
  installationId: number;
  /** Public half of the app's key (PEM or KeyObject); installation-token requests must be signed with it. */
  publicKey: string | KeyObject;
}

export interface FakeGithubServerOptions {
  /** Accepted personal tokens. */
  tokens?: Record<string, Omit<FakeCaller, 'token'>>;
  app?: FakeGithubApp;
  /** e.g. `/api/v3` to look like GitHub Enterprise Server. */
  basePath?: string;
  /** `x-ratelimit-limit` for authenticated callers (anonymous: 60). */
  rateLimit?: number;
}

export interface FakeGithubServer {
  /** What to configure as GITHUB_API_URL. */
  url: string;
  requests: FakeGithubRequest[];
  state: FakeGithubState;
  addUser(user: Partial<FakeUser> & { login: string }): FakeUser;
  addRepo(fullName: string): void;
  addTeam(org: string, slug: string, members: string[], options?: { pending?: string[] }): void;
  addPull(fullName: string, pull: Partial<FakePull> & { number: number }): FakePull;
  issues(fullName: string): FakeIssue[];
  /** Accepts another token from now on (e.g. one a fake OAuth flow hands out). */
  addToken(token: string, caller?: Omit<FakeCaller, 'token'>): void;
  /** Makes the next matching request(s) fail. */
  fail(failure: FakeFailure, options?: FailOptions): void;
  /** Adds or replaces an endpoint; `:name` segments become params. */
  route(method: string, pattern: string, handler: FakeRouteHandler): void;
  close(): Promise<void>;
}

interface Route {
  method: string;
  source: string;
  pattern: RegExp;
  names: string[];
  handler: FakeRouteHandler;
}

interface PendingFailure {
  failure: FakeFailure;
  remaining: number;
  options: FailOptions;
}

const DOCS = 'https://docs.github.com/rest';

export async function startFakeGithubServer(options: FakeGithubServerOptions = {}): Promise<FakeGithubServer> {
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const requests: FakeGithubRequest[] = [];
  const failures: PendingFailure[] = [];
  const routes: Route[] = [];
  const tokens = new Map<string, FakeCaller>(
    Object.entries(options.tokens ?? {}).map(([token, caller]) => [token, { ...caller, token }]),
  );
  const state = new FakeGithubState();
  const used = new Map<string, number>();
  const resetAt = Math.floor(Date.now() / 1000) + 3600;
  let origin = '';

  const route = (method: string, pattern: string, handler: FakeRouteHandler) => {
    const names: string[] = [];
    const source = pattern.replace(/:([a-z_]+)/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    const existing = routes.findIndex((r) => r.method === method && r.source === source);
    const entry = { method, source, pattern: new RegExp(`^${source}$`), names, handler };
    if (existing >= 0) routes[existing] = entry;
    else routes.push(entry);
  };

  const rateHeaders = (caller: FakeCaller | undefined): Record<string, string> => {
    const key = caller?.token ?? 'anonymous';
    const limit = caller ? (options.rateLimit ?? 5000) : 60;
    const count = (used.get(key) ?? 0) + 1;
    used.set(key, count);
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - count)),
      'x-ratelimit-reset': String(resetAt),
      'x-ratelimit-used': String(count),
      'x-ratelimit-resource': 'core',
    };
  };

  const failureReply = (pending: PendingFailure): FakeReply | 'disconnect' => {
    const { failure, options: o } = pending;
    const now = Math.floor(Date.now() / 1000);
    switch (failure) {
      case 'rate-limit':
      case 'rate-limit-429':
        return {
          status: failure === 'rate-limit' ? 403 : 429,
          headers: {
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(now + (o.resetInSeconds ?? 1)),
          },
          body: { message: 'API rate limit exceeded for user ID 1.', documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api` },
        };
      case 'secondary-rate-limit':
        return {
          status: 403,
          headers: { 'retry-after': String(o.retryAfterSeconds ?? 1) },
          body: {
            message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
          },
        };
      case 'bad-gateway':
        return { status: 502, body: { message: 'Server Error' } };
      case 'disconnect':
        return 'disconnect';
      default:
        return failure;
    }
  };

  const authenticate = (req: IncomingMessage, path: string): FakeCaller | undefined | FakeReply => {
    const header = req.headers.authorization;
    if (!header) return undefined;
    const [scheme, credential] = header.split(/\s+/, 2);
    if (/^bearer$/i.test(scheme) && path.startsWith('/app/')) {
      return verifyAppJwt(credential, options.app)
        ? { token: 'app-jwt' }
        : { status: 401, body: { message: 'A JSON web token could not be decoded', documentation_url: DOCS } };
    }
    return tokens.get(credential ?? '') ?? badCredentials();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, rawBody: string) => {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) || '/' : url.pathname;
    const request: FakeGithubRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers: req.headers,
      body: rawBody ? safeJson(rawBody) : undefined,
    };
    requests.push(request);
    const pending = failures.find((f) => f.remaining > 0 && (f.options.match?.(request) ?? true));
    const failAfterHandling = pending?.options.afterHandling ? pending : undefined;
    if (pending && !failAfterHandling) {
      pending.remaining--;
      const reply = failureReply(pending);
      if (reply === 'disconnect') {
        req.socket.destroy();
        return;
      }
      send(res, { ...reply, headers: { ...rateHeaders(undefined), ...reply.headers } });
      return;
    }
    const auth = authenticate(req, path);
    if (auth && 'status' in auth) {
      send(res, { ...auth, headers: rateHeaders(undefined) });
      return;
    }
    const caller = auth;
    const headers = rateHeaders(caller);
    if (caller?.readOnly && request.method !== 'GET') {
      send(res, {
        status: 403,
        headers: { ...headers, 'x-accepted-github-permissions': 'issues=write' },
        body: { message: 'Resource not accessible by personal access token', documentation_url: DOCS },
      });
      return;
    }
    for (const r of routes) {
      const match = r.method === request.method ? r.pattern.exec(path) : null;
      if (!match) continue;
      const params = Object.fromEntries(r.names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
      const urlFor = (p: string) => `${origin}${basePath}${p}`;
      const reply = await r.handler({ params, request, caller, state, urlFor });
      if (failAfterHandling) {
        failAfterHandling.remaining--;
        const lost = failureReply(failAfterHandling);
        if (lost === 'disconnect') req.socket.destroy();
        else send(res, { ...lost, headers: { ...headers, ...lost.headers } });
        return;
      }
      send(res, { ...reply, headers: { ...headers, ...reply.headers } });
      return;
    }
    send(res, { status: 404, headers, body: { message: 'Not Found', documentation_url: DOCS } });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) => {
        send(res, { status: 500, body: { message: `fake GitHub failed: ${String(error)}` } });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  registerFakeGithubRoutes(route, {
    issueInstallationToken: (installationId) => {
      if (!options.app || installationId !== options.app.installationId) return undefined;
      const token = `ghs_${randomBytes(18).toString('base64url')}`;
      tokens.set(token, { token, installationId });
      return token;
    },
  });

  return {
    url: `${origin}${basePath}`,
    requests,
    state,
    addUser: (user) => state.addUser(user),
    addRepo: (fullName) => state.addRepo(fullName),
    addTeam: (org, slug, members, o) => state.addTeam(org, slug, members, o?.pending ?? []),
    addPull: (fullName, pull) => state.addPull(fullName, pull),
    issues: (fullName) => state.repo(fullName)?.issues ?? [],
    addToken: (token, caller = {}) => void tokens.set(token, { ...caller, token }),
    fail: (failure, o = {}) => failures.push({ failure, remaining: o.times ?? 1, options: o }),
    route,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function badCredentials(): FakeReply {
  return { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS } };
}

/** Checks an app JWT the way GitHub does: RS256 with the app's public key, `iss` = app id, not expired. */
function verifyAppJwt(jwt: string | undefined, app: FakeGithubApp | undefined): boolean {
  if (!jwt || !app) return false;
  const [header, payload, signature] = jwt.split('.');
  if (!header || !payload || !signature) return false;
  const key = typeof app.publicKey === 'string' ? createPublicKey(app.publicKey) : app.publicKey;
  const signed = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'));
  const claims = safeJson(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown; exp?: number };
  return signed && String(claims?.iss) === String(app.id) && (claims?.exp ?? 0) > Date.now() / 1000;
}

function send(res: ServerResponse, reply: FakeReply): void {
  const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'x-github-media-type': 'github.v3; format=json',
    'x-github-request-id': randomBytes(8).toString('hex').toUpperCase(),
    ...reply.headers,
  });
  res.end(body);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
