import type { FakeReply, FakeRouteContext, FakeRouteHandler } from './fake-github-server';

/** In-memory GitHub data behind the fake server; tests seed it and inspect what the client wrote. */

export interface FakeUser {
  id: number;
  login: string;
  name: string | null;
  type: 'User' | 'Bot' | 'Organization';
}

export interface FakeIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  assignees: string[];
  user: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface FakePull {
  id: number;
  number: number;
  title: string;
  state: 'open' | 'closed';
  draft: boolean;
  merged_at: string | null;
  merge_commit_sha: string | null;
  user: string;
  base: string;
  head: string;
  head_sha: string;
  labels: string[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

interface FakeRepo {
  issues: FakeIssue[];
  pulls: FakePull[];
}

interface FakeTeam {
  id: number;
  members: string[];
  pending: string[];
}

export class FakeGithubState {
  readonly users = new Map<string, FakeUser>();
  readonly repos = new Map<string, FakeRepo>();
  readonly teams = new Map<string, FakeTeam>();
  private nextId = 1000;

  id(): number {
    return this.nextId++;
  }

  addUser(user: Partial<FakeUser> & { login: string }): FakeUser {
    const full: FakeUser = { id: user.id ?? this.id(), name: user.name ?? null, type: user.type ?? 'User', login: user.login };
    this.users.set(full.login.toLowerCase(), full);
    return full;
  }

  user(login: string): FakeUser | undefined {
    return this.users.get(login.toLowerCase());
  }

  addRepo(fullName: string): FakeRepo {
    const key = fullName.toLowerCase();
    if (!this.repos.has(key)) this.repos.set(key, { issues: [], pulls: [] });
    return this.repos.get(key)!;
  }

  repo(fullName: string): FakeRepo | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  addTeam(org: string, slug: string, members: string[], pending: string[]): void {
    for (const login of [...members, ...pending]) if (!this.user(login)) this.addUser({ login });
    this.teams.set(`${org}/${slug}`.toLowerCase(), { id: this.id(), members, pending });
  }

  team(org: string, slug: string): FakeTeam | undefined {
    return this.teams.get(`${org}/${slug}`.toLowerCase());
  }

  addPull(fullName: string, pull: Partial<FakePull> & { number: number }): FakePull {
    const now = new Date().toISOString();
    const full: FakePull = {
      id: this.id(),
      title: `Pull request ${pull.number}`,
      state: 'open',
      draft: false,
      merged_at: null,
      merge_commit_sha: null,
      user: 'octocat',
      base: 'master',
      head: `branch-${pull.number}`,
      head_sha: 'a'.repeat(40),
      labels: [],
      created_at: now,
      updated_at: now,
      closed_at: null,
      ...pull,
    };
    this.addRepo(fullName).pulls.push(full);
    return full;
  }
}

export interface FakeRouteHooks {
  /** Issues an installation token for a valid app JWT; undefined for an unknown installation. */
  issueInstallationToken(installationId: number): string | undefined;
}

const DOCS = 'https://docs.github.com/rest';
const notFound = (): FakeReply => ({ status: 404, body: { message: 'Not Found', documentation_url: DOCS } });
const json = (body: unknown, status = 200): FakeReply => ({ status, body });

function userJson(ctx: FakeRouteContext, user: FakeUser) {
  return {
    login: user.login,
    id: user.id,
    node_id: Buffer.from(`04:User${user.id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    url: ctx.urlFor(`/users/${user.login}`),
    html_url: `https://github.com/${user.login}`,
    type: user.type,
    site_admin: false,
    name: user.name,
  };
}

function labelsJson(labels: string[]) {
  return labels.map((name, i) => ({ id: i + 1, name, color: 'ededed', default: false }));
}

function issueJson(ctx: FakeRouteContext, repo: string, issue: FakeIssue) {
  return {
    id: issue.id,
    number: issue.number,
    url: ctx.urlFor(`/repos/${repo}/issues/${issue.number}`),
    html_url: `https://github.com/${repo}/issues/${issue.number}`,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    state_reason: issue.state_reason,
    labels: labelsJson(issue.labels),
    assignees: issue.assignees.map((login) => ({ login })),
    user: issue.user ? { login: issue.user } : null,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
  };
}

function pullJson(ctx: FakeRouteContext, repo: string, pull: FakePull) {
  return {
    id: pull.id,
    number: pull.number,
    url: ctx.urlFor(`/repos/${repo}/pulls/${pull.number}`),
    html_url: `https://github.com/${repo}/pull/${pull.number}`,
    state: pull.state,
    title: pull.title,
    draft: pull.draft,
    user: { login: pull.user },
    labels: labelsJson(pull.labels),
    base: { ref: pull.base, label: `${repo.split('/')[0]}:${pull.base}` },
    head: { ref: pull.head, sha: pull.head_sha },
    merged: pull.merged_at !== null,
    merged_at: pull.merged_at,
    merge_commit_sha: pull.merge_commit_sha,
    created_at: pull.created_at,
    updated_at: pull.updated_at,
    closed_at: pull.closed_at,
  };
}

/** GitHub's page/per_page slicing with a Link header (`next`/`last`) when more pages follow. */
function page(ctx: FakeRouteContext, items: unknown[]): FakeReply {
  const perPage = Math.min(100, Number(ctx.request.query.get('per_page') ?? 30));
  const current = Math.max(1, Number(ctx.request.query.get('page') ?? 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string) => {
    const query = new URLSearchParams(ctx.request.query);
    query.set('page', String(n));
    return `<${ctx.urlFor(ctx.request.path)}?${query}>; rel="${rel}"`;
  };
  const headers: Record<string, string> = {};
  if (current < last) headers.link = [link(current + 1, 'next'), link(last, 'last')].join(', ');
  return { status: 200, headers, body: items.slice((current - 1) * perPage, current * perPage) };
}

function validationFailed(field: string): FakeReply {
  return {
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [{ resource: 'Issue', code: 'missing_field', field }],
      documentation_url: `${DOCS}/issues/issues#create-an-issue`,
    },
  };
}

/** The REST endpoints GithubClient uses. */
export function registerFakeGithubRoutes(
  route: (method: string, pattern: string, handler: FakeRouteHandler) => void,
  hooks: FakeRouteHooks,
): void {
  const requireCaller = (ctx: FakeRouteContext): FakeReply | undefined =>
    ctx.caller ? undefined : { status: 401, body: { message: 'Requires authentication', documentation_url: DOCS } };

  route('GET', '/users/:username', (ctx) => {
    const user = ctx.state.user(ctx.params.username);
    return user ? json(userJson(ctx, user)) : notFound();
  });

  route('GET', '/user/:account_id', (ctx) => {
    const user = [...ctx.state.users.values()].find((u) => String(u.id) === ctx.params.account_id);
    return user ? json(userJson(ctx, user)) : notFound();
  });

  route('GET', '/user', (ctx) => {
    const user = ctx.caller?.login ? ctx.state.user(ctx.caller.login) : undefined;
    return requireCaller(ctx) ?? (user ? json(userJson(ctx, user)) : notFound());
  });

  route('GET', '/orgs/:org/teams/:team_slug', (ctx) => {
    const team = ctx.state.team(ctx.params.org, ctx.params.team_slug);
    if (!ctx.caller || !team) return notFound();
    return json({ id: team.id, slug: ctx.params.team_slug, name: ctx.params.team_slug, privacy: 'closed' });
  });

  // Like GitHub: 404 both for "not a member" and for a team the caller cannot see.
  route('GET', '/orgs/:org/teams/:team_slug/memberships/:username', (ctx) => {
    const team = ctx.state.team(ctx.params.org, ctx.params.team_slug);
    const login = ctx.params.username.toLowerCase();
    if (!ctx.caller || !team) return notFound();
    const state = team.members.some((m) => m.toLowerCase() === login)
      ? 'active'
      : team.pending.some((m) => m.toLowerCase() === login)
        ? 'pending'
        : undefined;
    return state ? json({ url: ctx.urlFor(ctx.request.path), role: 'member', state }) : notFound();
  });

  route('GET', '/orgs/:org/teams/:team_slug/members', (ctx) => {
    const team = ctx.state.team(ctx.params.org, ctx.params.team_slug);
    if (!ctx.caller || !team) return notFound();
    return page(ctx, team.members.map((login) => userJson(ctx, ctx.state.user(login)!)));
  });

  route('POST', '/repos/:owner/:repo/issues', (ctx) => {
    const full = `${ctx.params.owner}/${ctx.params.repo}`;
    const repo = ctx.state.repo(full);
    if (!repo) return notFound();
    const denied = requireCaller(ctx);
    if (denied) return denied;
    const input = (ctx.request.body ?? {}) as { title?: string; body?: string; labels?: string[]; assignees?: string[] };
    if (!input.title) return validationFailed('title');
    const now = new Date().toISOString();
    const issue: FakeIssue = {
      id: ctx.state.id(),
      number: repo.issues.length + repo.pulls.length + 1,
      title: input.title,
      body: input.body ?? null,
      state: 'open',
      state_reason: null,
      labels: input.labels ?? [],
      assignees: input.assignees ?? [],
      user: ctx.caller?.login ?? (ctx.caller?.installationId ? 'nixsec[bot]' : null),
      created_at: now,
      updated_at: now,
      closed_at: null,
    };
    repo.issues.push(issue);
    return json(issueJson(ctx, full, issue), 201);
  });

  // Issues (not pulls) of a repository, newest first, as GitHub lists them with state/since/creator/labels.
  route('GET', '/repos/:owner/:repo/issues', (ctx) => {
    const full = `${ctx.params.owner}/${ctx.params.repo}`;
    const repo = ctx.state.repo(full);
    if (!repo) return notFound();
    const q = ctx.request.query;
    const state = q.get('state') ?? 'open';
    const since = q.get('since');
    const labels = q.get('labels')?.split(',').filter(Boolean) ?? [];
    const issues = repo.issues
      .filter((i) => state === 'all' || i.state === state)
      .filter((i) => !since || i.updated_at >= new Date(since).toISOString())
      .filter((i) => !q.get('creator') || i.user === q.get('creator'))
      .filter((i) => labels.every((l) => i.labels.includes(l)))
      .sort((a, b) => b.number - a.number);
    return page(ctx, issues.map((i) => issueJson(ctx, full, i)));
  });

  const findIssue = (ctx: FakeRouteContext) =>
    ctx.state.repo(`${ctx.params.owner}/${ctx.params.repo}`)?.issues.find((i) => String(i.number) === ctx.params.number);

  route('GET', '/repos/:owner/:repo/issues/:number', (ctx) => {
    const issue = findIssue(ctx);
    return issue ? json(issueJson(ctx, `${ctx.params.owner}/${ctx.params.repo}`, issue)) : notFound();
  });

  route('PATCH', '/repos/:owner/:repo/issues/:number', (ctx) => {
    const issue = findIssue(ctx);
    if (!issue) return notFound();
    const denied = requireCaller(ctx);
    if (denied) return denied;
    const input = (ctx.request.body ?? {}) as Partial<Pick<FakeIssue, 'title' | 'body' | 'state' | 'state_reason' | 'labels' | 'assignees'>>;
    if (input.title === '') return validationFailed('title');
    const wasOpen = issue.state === 'open';
    Object.assign(issue, input, { updated_at: new Date().toISOString() });
    if (issue.state === 'closed' && wasOpen) {
      issue.closed_at = issue.updated_at;
      issue.state_reason = input.state_reason ?? 'completed';
    }
    if (issue.state === 'open' && !wasOpen) Object.assign(issue, { closed_at: null, state_reason: 'reopened' });
    return json(issueJson(ctx, `${ctx.params.owner}/${ctx.params.repo}`, issue));
  });

  route('GET', '/repos/:owner/:repo/pulls/:number', (ctx) => {
    const full = `${ctx.params.owner}/${ctx.params.repo}`;
    const pull = ctx.state.repo(full)?.pulls.find((p) => String(p.number) === ctx.params.number);
    return pull ? json(pullJson(ctx, full, pull)) : notFound();
  });

  // state/base filters and sort=updated|created, direction=asc|desc, as the real endpoint.
  route('GET', '/repos/:owner/:repo/pulls', (ctx) => {
    const full = `${ctx.params.owner}/${ctx.params.repo}`;
    const repo = ctx.state.repo(full);
    if (!repo) return notFound();
    const q = ctx.request.query;
    const state = q.get('state') ?? 'open';
    const key = q.get('sort') === 'updated' ? 'updated_at' : 'created_at';
    const sign = (q.get('direction') ?? (q.get('sort') ? 'desc' : 'asc')) === 'desc' ? -1 : 1;
    const pulls = repo.pulls
      .filter((p) => (state === 'all' || p.state === state) && (!q.get('base') || p.base === q.get('base')))
      .sort((a, b) => sign * a[key].localeCompare(b[key]) || sign * (a.number - b.number));
    return page(ctx, pulls.map((p) => pullJson(ctx, full, p)));
  });

  route('POST', '/app/installations/:installation_id/access_tokens', (ctx) => {
    if (ctx.caller?.token !== 'app-jwt') {
      return { status: 401, body: { message: 'A JSON web token could not be decoded', documentation_url: DOCS } };
    }
    const token = hooks.issueInstallationToken(Number(ctx.params.installation_id));
    if (!token) return notFound();
    const expiresAt = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return json({ token, expires_at: expiresAt, permissions: { issues: 'write', members: 'read', pull_requests: 'read' }, repository_selection: 'all' }, 201);
  });
}
