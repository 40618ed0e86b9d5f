import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { FakeGithubOAuth, startFakeGithubOAuth } from '../../server/src/auth/__tests__/fake-github-oauth';
import { pgPool } from '../../server/src/database/pg-pool';
import { signWebhookBody } from '../../server/src/github/webhooks/webhook-signature';
import { EvaluationImporter } from '../../server/src/ingestion/evaluations/evaluation-importer';
import { Linker } from '../../server/src/linkage/linker';
import { TestApp } from '../../server/src/testing/test-app';
import { addMaintainedPackage, Agent, graphql, loginWithGithub, startAppWithGithub } from '../auth/support';
import { copyFixtures, ingester } from '../ingestion/support';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
export const REPOSITORY = 'NixOS/nixpkgs';
export const WEBHOOK_SECRET = 'whsec-advisories-5c1f';
// thillux (githubId 2171995, from the real openssl meta in the fixtures) maintains openssl.
export const USERS = { sam: 7102, tina: 7103, thillux: 2171995, mia: 7101 } as const;

const readLines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
const channelLines = () => [...readLines(path.join(FIXTURES, 'linkage', 'db', 'nixos-unstable.jsonl')), ...readLines(path.join(FIXTURES, 'nixpkgs', 'eval-sample.jsonl'))];
async function* iterate(lines: string[]) {
  yield* lines;
}

export interface World {
  t: TestApp;
  fake: FakeGithubOAuth;
  /** Logged-in users: sam and tina are in the security team, thillux maintains openssl, mia maintains mia-tool only. */
  as: Record<keyof typeof USERS, (query: string, variables?: Record<string, unknown>) => ReturnType<typeof graphql>>;
  anonymous: (query: string, variables?: Record<string, unknown>) => ReturnType<typeof graphql>;
  suggestionId(cveId: string): Promise<string>;
  webhook(event: string, payload: object, deliveryId?: string): Promise<request.Response>;
  close(): Promise<void>;
}

/** The real app, the fake GitHub (OAuth, users, team, NixOS/nixpkgs), the CVE fixtures, one evaluation, one linker run. */
export async function startWorld(env: Record<string, string> = {}): Promise<World> {
  const fake = await startFakeGithubOAuth({
    users: Object.entries(USERS).map(([login, id]) => ({ login, id })),
    teamMembers: ['sam', 'tina'],
  });
  fake.github.addRepo(REPOSITORY);
  const t = await startAppWithGithub(fake, { GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET, ...env });
  const pool = pgPool(t.app.get(DataSource));
  await ingester(t).ingest(copyFixtures());
  await new EvaluationImporter(pool).import({ name: 'nixos-unstable', release: 'unstable', variant: 'nixos' }, 'a'.repeat(40), iterate(channelLines()), { source: 'test' });
  await new Linker(pool).run();
  // mia maintains a package no CVE of the fixtures concerns.
  await addMaintainedPackage(t, USERS.mia, 'mia', 'mia-tool', { channel: 'nixpkgs-unstable' });
  const sessions: Record<string, { agent: Agent; csrf: string }> = {};
  for (const login of Object.keys(USERS)) sessions[login] = await loginWithGithub(t, fake, login);
  const as = Object.fromEntries(
    Object.keys(USERS).map((login) => [login, (q: string, v: Record<string, unknown> = {}) => graphql(sessions[login].agent, q, v, { 'X-CSRF-Token': sessions[login].csrf })]),
  ) as World['as'];
  let delivery = 0;
  return {
    t,
    fake,
    as,
    anonymous: (q, v = {}) => graphql(request(t.url), q, v),
    async suggestionId(cveId) {
      const { data } = await as.sam(`query ($c: String!) { suggestion(cveId: $c) { id } }`, { c: cveId });
      if (!data?.suggestion) throw new Error(`no suggestion for ${cveId} in the fixtures`);
      return data.suggestion.id;
    },
    webhook(event, payload, deliveryId = `delivery-${++delivery}-${Date.now()}`) {
      const body = JSON.stringify(payload);
      return request(t.url)
        .post('/webhooks/github')
        .set('Content-Type', 'application/json')
        .set('X-GitHub-Event', event)
        .set('X-GitHub-Delivery', deliveryId)
        .set('X-Hub-Signature-256', signWebhookBody(WEBHOOK_SECRET, body))
        .send(body);
    },
    async close() {
      await t.close();
      await fake.close();
    },
  };
}

export const ADVISORY = `
  id publicId state title description severityOverride references notes version repository issueNumber issueUrl publishedAt archivedAt createdBy
  cveIds
  packages { attr attrs source links { attr channel version verdict } }
  channels { channel status }
  maintainers { githubId login source ping }
  comments { author body }
  activity { actor action before after }`;
