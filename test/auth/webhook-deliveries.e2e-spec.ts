import request from 'supertest';
import { FakeGithubOAuth, startFakeGithubOAuth } from '../../server/src/auth/__tests__/fake-github-oauth';
import { signWebhookBody } from '../../server/src/github/webhooks/webhook-signature';
import { TestApp } from '../../server/src/testing/test-app';
import { Agent, graphql, loginWithGithub, startAppWithGithub } from './support';

const SECRET = 'whsec-7d2e91c04b3a';

const LIST = `query ($first: Int!, $after: String, $event: String) {
  webhookDeliveries(first: $first, after: $after, event: $event) {
    edges { cursor node { id deliveryId event action repository sender receivedAt finishedAt signatureOk outcome error payloadBytes } }
    pageInfo { hasNextPage endCursor }
  }
}`;

function deliver(t: TestApp, event: string, deliveryId: string, payload: object, signature?: string) {
  const body = JSON.stringify(payload);
  return request(t.url)
    .post('/webhooks/github')
    .set('Content-Type', 'application/json')
    .set('X-GitHub-Event', event)
    .set('X-GitHub-Delivery', deliveryId)
    .set('X-Hub-Signature-256', signature ?? signWebhookBody(SECRET, body))
    .send(body);
}

/** GraphQL webhookDeliveries: what GitHub sent and how nixsec answered, for admins only. */
describe('webhookDeliveries', () => {
  let fake: FakeGithubOAuth;
  let t: TestApp;
  let admin: Agent;
  let securityTeam: Agent;

  beforeAll(async () => {
    fake = await startFakeGithubOAuth({ users: [{ login: 'ada', id: 8801 }, { login: 'sam', id: 8802 }], teamMembers: ['sam'] });
    t = await startAppWithGithub(fake, { NIXSEC_ADMIN_GITHUB_IDS: '8801', GITHUB_WEBHOOK_SECRET: SECRET });
    admin = (await loginWithGithub(t, fake, 'ada')).agent;
    securityTeam = (await loginWithGithub(t, fake, 'sam')).agent;
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('refuses anonymous callers and every role below admin', async () => {
    const anonymous = await graphql(request(t.url), LIST, { first: 10 });
    expect(anonymous.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    const forbidden = await graphql(securityTeam, LIST, { first: 10 });
    expect(forbidden.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(forbidden.errors![0].message).toBe('Not allowed: this needs the admin role (you have security-team).');
    expect(forbidden.data).toBeNull();
  });

  it('shows an admin each signed delivery and each rejected one, newest first, page by page and by event', async () => {
    const ping = { zen: 'Design for failure.', hook_id: 501, repository: { id: 4542716, full_name: 'NixOS/nixpkgs' }, sender: { id: 1, login: 'octocat' } };
    expect((await deliver(t, 'ping', 'd-ping-1', ping).expect(200)).body.outcome).toBe('ignored');
    const closed = { action: 'closed', number: 7, repository: { id: 4542716, full_name: 'NixOS/nixpkgs' }, sender: { id: 2, login: 'sam' } };
    await deliver(t, 'pull_request', 'd-pr-1', closed).expect(200);
    await deliver(t, 'pull_request', 'd-pr-forged', closed, `sha256=${'0'.repeat(64)}`).expect(401);

    const all = await graphql(admin, LIST, { first: 10 });
    expect(all.errors).toBeUndefined();
    const nodes = all.data.webhookDeliveries.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(nodes.map((n: { deliveryId: string }) => n.deliveryId)).toEqual(['d-pr-forged', 'd-pr-1', 'd-ping-1']);
    expect(nodes[2]).toEqual({
      id: expect.any(String),
      deliveryId: 'd-ping-1',
      event: 'ping',
      action: null,
      repository: 'NixOS/nixpkgs',
      sender: 'octocat',
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      finishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      signatureOk: true,
      outcome: 'ignored',
      error: null,
      payloadBytes: JSON.stringify(ping).length,
    });
    expect(nodes[0]).toMatchObject({ signatureOk: false, outcome: 'rejected', sender: null, error: expect.stringMatching(/does not match/) });
    expect(all.data.webhookDeliveries.pageInfo).toEqual({ hasNextPage: false, endCursor: nodes[2].id });

    const page1 = (await graphql(admin, LIST, { first: 2 })).data.webhookDeliveries;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await graphql(admin, LIST, { first: 2, after: page1.pageInfo.endCursor })).data.webhookDeliveries;
    expect(page2.edges.map((e: { node: { deliveryId: string } }) => e.node.deliveryId)).toEqual(['d-ping-1']);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    const pulls = (await graphql(admin, LIST, { first: 10, event: 'pull_request' })).data.webhookDeliveries;
    expect(pulls.edges.map((e: { node: { outcome: string } }) => e.node.outcome)).toEqual(['rejected', 'processed']); // PR tracking handles pull_request events
  });

  it('says what a cursor is when given something else', async () => {
    const res = await graphql(admin, LIST, { first: 10, after: 'yesterday' });
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/endCursor of the previous page/);
  });
});
