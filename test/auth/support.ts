import request from 'supertest';
import { FakeGithubOAuth } from '../../server/src/auth/__tests__/fake-github-oauth';
import { startTestApp, TestApp, TestAppOptions } from '../../server/src/testing/test-app';

export type Agent = ReturnType<typeof request.agent>;

/** The real app with GitHub OAuth pointed at the fake (and its server token for role refreshes). */
export function startAppWithGithub(fake: FakeGithubOAuth, env: Record<string, string> = {}, modules: TestAppOptions['modules'] = []): Promise<TestApp> {
  return startTestApp({
    env: {
      GITHUB_URL: fake.url,
      GITHUB_API_URL: fake.url,
      GITHUB_CLIENT_ID: fake.clientId,
      GITHUB_CLIENT_SECRET: fake.clientSecret,
      GITHUB_TOKEN: fake.serverToken,
      ...env,
    },
    modules,
  });
}

/**
 * The browser's trip to GitHub and back: `startPath` (/auth/github…) → GitHub's authorize page,
 * approved as `login` (null: denied) → the callback URL GitHub redirects to (path and query).
 */
export async function tripToGithub(agent: Agent, fake: FakeGithubOAuth, login: string | null, startPath = '/auth/github'): Promise<string> {
  const start = await agent.get(startPath).expect(302);
  fake.approveAs(login);
  const authorize = new URL(start.headers.location);
  const approved = await request(authorize.origin).get(authorize.pathname + authorize.search).expect(302);
  const callback = new URL(approved.headers.location);
  return callback.pathname + callback.search;
}

/** The whole browser flow: /auth/github → GitHub authorize (approved as `login`) → callback. */
export async function loginWithGithub(t: TestApp, fake: FakeGithubOAuth, login: string): Promise<{ agent: Agent; csrf: string; cookie: string }> {
  const agent = request.agent(t.url);
  const done = await agent.get(await tripToGithub(agent, fake, login));
  if (done.status !== 303 || done.headers.location.includes('loginError')) {
    throw new Error(`login of ${login} failed: ${done.status} ${done.headers.location}`);
  }
  const me = await agent.get('/auth/me').expect(200);
  const setCookies = done.headers['set-cookie'] as unknown as string[];
  return { agent, csrf: me.body.csrfToken, cookie: setCookies.map((c) => c.split(';')[0]).join('; ') };
}

export async function graphql(
  agent: Agent | ReturnType<typeof request>,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ status: number; data: any; errors: any[] | undefined }> {
  let req = (agent as Agent).post('/graphql');
  for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
  const res = await req.send({ query, variables });
  return { status: res.status, data: res.body.data, errors: res.body.errors };
}

/** Makes the stored roles of `login` older than any TTL, as if NIXSEC_ROLE_TTL_MINUTES had passed. */
export async function ageRoleCheck(t: TestApp, login: string): Promise<void> {
  await query(t, `UPDATE app_user SET roles_checked_at = now() - interval '1 day' WHERE login = $1`, [login]);
}

export async function query<T = any>(t: TestApp, sql: string, params: unknown[] = []): Promise<T[]> {
  const { DataSource } = require('typeorm');
  return t.app.get(DataSource).query(sql, params);
}

let revision = 0;

/**
 * Makes `githubId` a maintainer of `attr` in a channel with one completed evaluation, the way
 * the evaluation importer stores it (maintainer → derivation_meta.maintainer_ids → channel_member).
 */
export async function addMaintainedPackage(t: TestApp, githubId: number, handle: string, attr: string, options: { tracked?: boolean; channel?: string } = {}): Promise<void> {
  const channel = options.channel ?? 'nixos-unstable';
  const rev = (++revision).toString(16).padStart(40, '0');
  await query(t, `INSERT INTO channel (name, release, variant, state, tracked) VALUES ($1, 'unstable', 'nixos', 'unstable', $2) ON CONFLICT (name) DO NOTHING`, [channel, options.tracked ?? true]);
  const [evaluation] = await query(t, `INSERT INTO evaluation (channel, revision, status, source, finished_at) VALUES ($1, $2, 'completed', 'test', now()) RETURNING id`, [channel, rev]);
  const [maintainer] = await query(
    t,
    `INSERT INTO maintainer (github_id, github, name) VALUES ($1, $2, $2) ON CONFLICT (github_id) DO UPDATE SET github = EXCLUDED.github RETURNING id`,
    [githubId, handle],
  );
  const [derivation] = await query(
    t,
    `INSERT INTO derivation (drv_path, name, pname, version, system, outputs, input_drv_paths)
     VALUES ($1, $2 || '-1.0', $2, '1.0', 'x86_64-linux', '{}'::jsonb, '{}') RETURNING id`,
    [`/nix/store/${rev.slice(0, 32)}-${attr}-1.0.drv`, attr],
  );
  const [meta] = await query(
    t,
    `INSERT INTO derivation_meta (sha256, homepages, licenses, known_vulnerabilities, broken, insecure, unfree, unsupported, teams, maintainer_ids, extra_meta)
     VALUES (sha256($1::bytea), '{}', '{}', '{}', false, false, false, false, '{}', ARRAY[$2::int], '{}'::jsonb) RETURNING id`,
    [Buffer.from(`${rev}-${attr}`), maintainer.id],
  );
  await query(
    t,
    `INSERT INTO channel_member (channel, attr, package_attr, derivation_id, meta_id, line_sha256, first_evaluation_id)
     VALUES ($1, $2 || '.x86_64-linux', $2, $3, $4, sha256($5::bytea), $6)`,
    [channel, attr, derivation.id, meta.id, Buffer.from(rev), evaluation.id],
  );
}

export async function activity(t: TestApp, action: string): Promise<any[]> {
  return query(t, `SELECT actor, action, subject_type AS "subjectType", subject_id AS "subjectId", details FROM activity_log WHERE action = $1 ORDER BY id`, [action]);
}
