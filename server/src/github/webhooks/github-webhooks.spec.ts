import { randomUUID } from 'node:crypto';
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import request from 'supertest';
import { startTestApp, TestApp } from '../../testing/test-app';
import { GithubModule } from '../github.module';
import { GithubWebhookRegistry } from './github-webhook.registry';
import { GithubWebhookEvent } from './github-webhook.types';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { signWebhookBody } from './webhook-signature';

const SECRET = 'whsec-3b1f0c2e9a7d4c58';

// What the subscribing test module saw, and how its handlers should behave.
const seen: GithubWebhookEvent[] = [];
const behaviour = { failPullRequests: false, slowMs: 0 };

@Injectable()
class TestSubscriber implements OnModuleInit {
  constructor(private readonly webhooks: GithubWebhookRegistry) {}

  onModuleInit(): void {
    this.webhooks.onEvent('pull_request', (event) => void seen.push(event), 'recorder');
    this.webhooks.onEvent(
      'pull_request',
      async () => {
        await new Promise((resolve) => setTimeout(resolve, behaviour.slowMs));
        if (behaviour.failPullRequests) throw new Error('pr-tracking is down');
      },
      'flaky',
    );
    this.webhooks.onEvent('membership', (event) => void seen.push(event), 'roles');
  }
}

@Module({ imports: [GithubModule], providers: [TestSubscriber] })
class WebhookSubscriberModule {}

// Shaped like GitHub's pull_request.closed delivery for a merged nixpkgs PR (trimmed).
const pullRequestClosed = {
  action: 'closed',
  number: 300028,
  pull_request: {
    number: 300028, title: 'xz: 5.6.1 -> 5.4.6', state: 'closed', merged: true, merged_at: '2024-03-29T17:40:07Z',
    merge_commit_sha: '1c1a9bbbd8b3b4b5e5b5bd1b4f5d9c2e0b6a7f31', base: { ref: 'staging' }, labels: [{ name: '1.severity: security' }],
    user: { login: 'JohnRTitor' }, updated_at: '2024-03-29T17:40:08Z',
  },
  repository: { id: 4542716, full_name: 'NixOS/nixpkgs' },
  sender: { id: 1131571, login: 'JohnRTitor' },
};

interface Delivery {
  event?: string;
  id?: string | null;
  body?: string;
  signature?: string | null;
  contentType?: string;
}

function deliver(t: TestApp, d: Delivery = {}) {
  const body = d.body ?? JSON.stringify(pullRequestClosed);
  const req = request(t.url)
    .post('/webhooks/github')
    .set('Content-Type', d.contentType ?? 'application/json')
    .set('User-Agent', 'GitHub-Hookshot/5c6f1a2')
    .set('X-GitHub-Event', d.event ?? 'pull_request');
  if (d.id !== null) req.set('X-GitHub-Delivery', d.id ?? randomUUID());
  if (d.signature !== null) req.set('X-Hub-Signature-256', d.signature ?? signWebhookBody(SECRET, body));
  return req.send(body);
}

const deliveries = (t: TestApp, deliveryId?: string) => t.app.get(WebhookDeliveryRepository).recent(50, deliveryId);

describe('POST /webhooks/github', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { GITHUB_WEBHOOK_SECRET: SECRET }, modules: [WebhookSubscriberModule] });
  });
  afterAll(() => t.close());
  beforeEach(() => {
    seen.length = 0;
    Object.assign(behaviour, { failPullRequests: false, slowMs: 0 });
  });

  it('verifies the signature, dispatches to the registered handlers and records the delivery', async () => {
    const id = randomUUID();
    const res = await deliver(t, { id }).expect(200);
    expect(res.body).toEqual({ outcome: 'processed', deliveryId: id });

    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ deliveryId: id, name: 'pull_request', action: 'closed', payload: pullRequestClosed });
    expect(await deliveries(t, id)).toEqual([
      expect.objectContaining({
        deliveryId: id,
        event: 'pull_request',
        action: 'closed',
        repository: 'NixOS/nixpkgs',
        sender: 'JohnRTitor',
        signatureOk: true,
        outcome: 'processed',
        error: null,
        payloadBytes: JSON.stringify(pullRequestClosed).length,
        finishedAt: expect.any(Date),
      }),
    ]);
  });

  it.each([
    ['missing', null, /missing X-Hub-Signature-256/],
    ['made with another secret', signWebhookBody('not-the-secret', JSON.stringify(pullRequestClosed)), /does not match/],
    ['over other bytes', signWebhookBody(SECRET, JSON.stringify({ ...pullRequestClosed, action: 'opened' })), /does not match/],
    ['malformed', 'sha256=not-hex', /does not match/],
  ])('rejects a signature that is %s with 401 and records it', async (_name, signature, message) => {
    const id = randomUUID();
    const res = await deliver(t, { id, signature }).expect(401);
    expect(res.body).toMatchObject({ outcome: 'rejected', deliveryId: id, message: expect.stringMatching(message) });
    expect(seen).toHaveLength(0);
    expect(await deliveries(t, id)).toEqual([
      expect.objectContaining({ signatureOk: false, outcome: 'rejected', action: null, repository: null, error: expect.stringMatching(message) }),
    ]);
  });

  it('answers a replayed delivery id 200 "duplicate" without dispatching it again', async () => {
    const id = randomUUID();
    await deliver(t, { id }).expect(200);
    const replay = await deliver(t, { id }).expect(200);
    expect(replay.body).toEqual({ outcome: 'duplicate', deliveryId: id, message: 'this delivery was already processed' });
    expect(seen).toHaveLength(1);
    expect((await deliveries(t, id)).map((d) => d.outcome)).toEqual(['duplicate', 'processed']);
  });

  it('processes one of two simultaneous copies of a delivery', async () => {
    behaviour.slowMs = 200;
    const id = randomUUID();
    const answers = await Promise.all([deliver(t, { id }), deliver(t, { id })]);
    expect(answers.map((r) => r.body.outcome).sort()).toEqual(['duplicate', 'processed']);
    expect(seen).toHaveLength(1);
  });

  it('isolates a failing handler: the others run, the failure is recorded, 500 lets GitHub redeliver', async () => {
    behaviour.failPullRequests = true;
    const id = randomUUID();
    const res = await deliver(t, { id }).expect(500);
    expect(res.body).toEqual({
      outcome: 'failed',
      deliveryId: id,
      message: '1 of 3 handlers failed (flaky); redeliver to retry', // recorder, flaky, and PR tracking's own
    });
    expect(seen).toHaveLength(1);
    expect(await deliveries(t, id)).toEqual([
      expect.objectContaining({ outcome: 'failed', error: 'flaky: pr-tracking is down', signatureOk: true }),
    ]);

    // GitHub's "Redeliver" sends the same delivery id: once the handler works again it is processed.
    behaviour.failPullRequests = false;
    await deliver(t, { id }).expect(200, { outcome: 'processed', deliveryId: id });
    expect(seen).toHaveLength(2);
    expect((await deliveries(t, id)).map((d) => d.outcome)).toEqual(['processed', 'failed']);
  });

  it('records events nothing subscribes to as ignored (ping, push here)', async () => {
    const ping = await deliver(t, { event: 'ping', body: JSON.stringify({ zen: 'Design for failure.', hook_id: 1 }) }).expect(200);
    expect(ping.body).toMatchObject({ outcome: 'ignored', message: 'nothing handles "ping" events' });
    await deliver(t, { event: 'push', body: JSON.stringify({ ref: 'refs/heads/master', repository: pullRequestClosed.repository }) }).expect(200);
    expect((await deliveries(t)).slice(0, 2).map((d) => [d.event, d.outcome, d.repository])).toEqual([
      ['push', 'ignored', 'NixOS/nixpkgs'],
      ['ping', 'ignored', null],
    ]);
  });

  it('dispatches membership events and accepts form-encoded deliveries', async () => {
    const payload = { action: 'added', scope: 'team', member: { login: 'alice', id: 1 }, team: { slug: 'security' } };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    await deliver(t, { event: 'membership', body, contentType: 'application/x-www-form-urlencoded' }).expect(200);
    expect(seen).toEqual([expect.objectContaining({ name: 'membership', action: 'added', payload })]);
  });

  it('accepts payloads far beyond the 100 kB JSON limit of other routes, signed over the exact bytes', async () => {
    const commits = Array.from({ length: 3000 }, (_, i) => ({ id: i.toString(16).padStart(40, '0'), message: `commit ${i}` }));
    // Key order and spacing as sent: re-encoding the parsed JSON would not match the signature.
    const body = JSON.stringify({ ref: 'refs/heads/staging', commits }, null, 2);
    expect(body.length).toBeGreaterThan(200_000);
    await deliver(t, { event: 'push', body }).expect(200);

    const graphql = await request(t.url).post('/graphql').send({ query: '{ health { database } }' }).expect(200);
    expect(graphql.body.data.health.database).toBe('OK');
  });

  it('answers 400 to a signed request without delivery id or with a body that is not JSON', async () => {
    await deliver(t, { id: null }).expect(400);
    const res = await deliver(t, { body: '{"action": "opened"' }).expect(400);
    expect(res.body.message).toBe('the payload is not a JSON object');
  });
});

describe('POST /webhooks/github without a secret', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers 503 naming the setting, and records the delivery', async () => {
    const id = randomUUID();
    const res = await deliver(t, { id }).expect(503);
    expect(res.body).toEqual({
      outcome: 'not_configured',
      deliveryId: id,
      message:
        'GitHub webhooks are not configured: set GITHUB_WEBHOOK_SECRET_FILE (or GITHUB_WEBHOOK_SECRET) to the secret of the GitHub webhook',
    });
    expect(await deliveries(t, id)).toEqual([expect.objectContaining({ outcome: 'not_configured', signatureOk: false })]);
  });
});
