import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { FakeGithubOAuth, startFakeGithubOAuth } from '../../server/src/auth/__tests__/fake-github-oauth';
import { signWebhookBody } from '../../server/src/github/webhooks/webhook-signature';
import { createTestDatabase, TestDatabase } from '../../server/src/testing/test-database';
import { tripToGithub } from './support';
import { freePort } from '../support/free-port';

const MAIN = path.join(__dirname, '..', '..', 'server', 'dist', 'main.js');


/** The real `nixsec serve` process, logging every request, through a login, token use and refusals. */
describe('secrets stay out of the logs', () => {
  let fake: FakeGithubOAuth;
  let db: TestDatabase;
  let child: ChildProcess;
  let output = '';
  const sessionSecret = `session-${'9'.repeat(40)}`;
  const webhookSecret = 'whsec-logs-4c1d9e7a2b';

  beforeAll(async () => {
    fake = await startFakeGithubOAuth({ users: [{ login: 'lena', id: 9101 }], teamMembers: ['lena'] });
    db = await createTestDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-secrets-'));
    fs.writeFileSync(path.join(dir, 'client-secret'), fake.clientSecret);
    fs.writeFileSync(path.join(dir, 'session-secret'), sessionSecret);
    fs.writeFileSync(path.join(dir, 'webhook-secret'), webhookSecret);
    const port = await freePort();
    child = spawn(process.execPath, [MAIN, 'serve'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'debug',
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        DATABASE_URL: db.url,
        NIXSEC_DATA_DIR: dir,
        NIXSEC_RUN_JOBS: 'false',
        GITHUB_URL: fake.url,
        GITHUB_API_URL: fake.url,
        GITHUB_CLIENT_ID: fake.clientId,
        GITHUB_CLIENT_SECRET_FILE: path.join(dir, 'client-secret'),
        GITHUB_TOKEN: fake.serverToken,
        SESSION_SECRET_FILE: path.join(dir, 'session-secret'),
        GITHUB_WEBHOOK_SECRET_FILE: path.join(dir, 'webhook-secret'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const deadline = Date.now() + 60_000;
    while (!output.includes('nixsec is running')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`serve did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    (globalThis as { serveUrl?: string }).serveUrl = `http://127.0.0.1:${port}`;
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await db?.drop();
    await fake?.close();
  });

  it('logs requests without the client secret, OAuth tokens, codes or states, cookies, CSRF tokens, API tokens or webhook signatures', async () => {
    const url = (globalThis as { serveUrl?: string }).serveUrl!;
    const agent = request.agent(url);
    // The state travels in our redirect to GitHub (Location) and back in GitHub's redirect to the callback.
    const callback = await tripToGithub(agent, fake, 'lena');
    const params = new URLSearchParams(callback.split('?')[1]);
    const code = params.get('code')!;
    const state = params.get('state')!;
    expect(state.length).toBeGreaterThanOrEqual(16);
    const done = await agent.get(callback).expect(303);
    const cookies = (done.headers['set-cookie'] as unknown as string[]).map((c) => decodeURIComponent(c.split(';')[0].split('=')[1]));
    const me = await agent.get('/auth/me').expect(200);
    expect(me.body.user.roles).toEqual(['security-team']);
    const csrf: string = me.body.csrfToken;
    const created = await agent
      .post('/graphql')
      
      .set('X-CSRF-Token', csrf)
      .send({ query: 'mutation { createApiToken(name: "logs", scope: triage) { secret } }' })
      .expect(200);
    const secret: string = created.body.data.createApiToken.secret;
    await request(url).post('/graphql').set('Authorization', `Bearer ${secret}`).send({ query: '{ me { login } }' }).expect(200);
    await request(url).post('/graphql').set('Authorization', 'Bearer nixsec_wrong-token-value').send({ query: '{ me { login } }' }).expect(401);
    await request(url).get(`/auth/github/callback?code=${code}&state=forged`).expect(303);
    // A refusal at GitHub comes back with an error and the state; the error may be logged.
    await request(url).get(`/auth/github/callback?error=access_denied&state=${state}`).expect(303);
    const body = JSON.stringify({ action: 'ping', zen: 'Keep it logically awesome.' });
    const signature = signWebhookBody(webhookSecret, body);
    await request(url)
      .post('/webhooks/github')
      .set('Content-Type', 'application/json')
      .set('X-GitHub-Event', 'ping')
      .set('X-GitHub-Delivery', 'b1f4e0c2-logs')
      .set('X-Hub-Signature-256', signature)
      .send(body)
      .expect(200);
    await new Promise((r) => setTimeout(r, 300));

    expect(output).toMatch(/"url":"\/graphql"|"path":"\/graphql"/);
    // The callback's query is logged, with its values redacted; so is the authorize URL in Location.
    expect(output).toContain('"path":"/auth/github/callback","query":"?code=[redacted]&state=[redacted]"');
    expect(output).toContain('"query":"?error=access_denied&state=[redacted]"');
    expect(output).toMatch(/"location":"[^"]*\/login\/oauth\/authorize\?[^"]*state=\[redacted\]/);
    const secrets = {
      clientSecret: fake.clientSecret,
      sessionSecret,
      code,
      state,
      csrf,
      webhookSecret,
      webhookSignature: signature.replace('sha256=', ''),
      apiToken: secret,
      wrongToken: 'nixsec_wrong-token-value',
      ...Object.fromEntries(cookies.map((c, i) => [`cookie${i}`, c])),
      ...Object.fromEntries(fake.issuedTokens().map((tok, i) => [`oauthToken${i}`, tok])),
    };
    const leaked = Object.entries(secrets).filter(([, value]) => output.includes(value));
    expect(leaked.map(([name]) => name)).toEqual([]);
  });
});
