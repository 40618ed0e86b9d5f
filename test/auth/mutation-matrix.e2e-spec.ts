import { buildSchema, GraphQLField, GraphQLInputType, GraphQLSchema, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType } from 'graphql';
import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { FakeGithubOAuth, startFakeGithubOAuth } from '../../server/src/auth/__tests__/fake-github-oauth';
import { TestApp } from '../../server/src/testing/test-app';
import { addMaintainedPackage, Agent, graphql, loginWithGithub, startAppWithGithub } from './support';

/**
 * The authorization matrix over every real mutation of the schema: each is called as each role,
 * and must be refused (UNAUTHENTICATED / FORBIDDEN) below its role and pass the guard at and above
 * it (it may still fail on the dummy arguments, with any other code). A new mutation fails this
 * test until it is listed here with the role it needs.
 */
const REQUIRED: Record<string, 'authenticated' | 'maintainer' | 'security-team' | 'admin'> = {
  createApiToken: 'authenticated',
  revokeApiToken: 'authenticated',
  createMappingRule: 'security-team',
  updateMappingRule: 'security-team',
  deleteMappingRule: 'security-team',
  dismissSuggestions: 'security-team',
  restoreSuggestions: 'security-team',
  acceptSuggestions: 'security-team',
  updateAdvisory: 'security-team',
  addAdvisoryPackage: 'security-team',
  removeAdvisoryPackage: 'security-team',
  setAdvisoryChannelStatus: 'security-team',
  linkPullRequest: 'security-team',
  unlinkPullRequest: 'security-team',
  addAdvisoryMaintainer: 'security-team',
  removeAdvisoryMaintainer: 'security-team',
  setAdvisoryMaintainerPing: 'security-team',
  mergeAdvisories: 'security-team',
  splitAdvisory: 'security-team',
  discardDraft: 'security-team',
  publishAdvisory: 'security-team',
  syncAdvisoryIssue: 'security-team',
  undoLastAction: 'security-team',
  addComment: 'maintainer',
  postComment: 'maintainer',
  markNotificationsRead: 'authenticated',
  markAllNotificationsRead: 'authenticated',
  subscribe: 'authenticated',
  unsubscribe: 'authenticated',
  setNotificationPreferences: 'authenticated',
  discoverBootChain: 'security-team',
  registerBootChainBuilder: 'admin',
  startBootChainBuilds: 'security-team',
  cancelBootChainBuilds: 'security-team',
};
const ROLES = ['anonymous', 'nobody', 'maintainer', 'security-team', 'admin'] as const;
const RANK: Record<string, number> = { anonymous: 0, authenticated: 1, nobody: 1, maintainer: 2, 'security-team': 3, admin: 4 };

/** A value of the type that parses (required fields only), so the call reaches the guard. */
function dummy(type: GraphQLInputType): string {
  if (isNonNullType(type)) return dummy(type.ofType);
  if (isListType(type)) return `[${dummy(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${dummy(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(type)) return ({ Int: '1', Float: '1', Boolean: 'true', ID: '"1"' } as Record<string, string>)[type.name] ?? '"x"';
  throw new Error(`no dummy for ${String(type)}`);
}

function call(field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a) => isNonNullType(a.type)).map((a) => `${a.name}: ${dummy(a.type)}`);
  let type = field.type;
  while (isNonNullType(type) || isListType(type)) type = type.ofType;
  const selection = isScalarType(type) || isEnumType(type) ? '' : ' { __typename }';
  return `mutation { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}

describe('authorization matrix: every mutation, every role', () => {
  let fake: FakeGithubOAuth;
  let t: TestApp;
  let schema: GraphQLSchema;
  const users: Record<string, { agent: Agent; csrf: string }> = {};

  beforeAll(async () => {
    schema = buildSchema(fs.readFileSync(path.join(__dirname, '..', '..', 'server', 'schema.graphql'), 'utf8'));
    fake = await startFakeGithubOAuth({
      users: [{ login: 'nia', id: 7300 }, { login: 'mia', id: 7301 }, { login: 'sam', id: 7302 }, { login: 'ada', id: 7303 }],
      teamMembers: ['sam'],
    });
    t = await startAppWithGithub(fake, { NIXSEC_ADMIN_GITHUB_IDS: '7303' });
    await addMaintainedPackage(t, 7301, 'mia', 'hello');
    users.nobody = await loginWithGithub(t, fake, 'nia');
    users.maintainer = await loginWithGithub(t, fake, 'mia');
    users['security-team'] = await loginWithGithub(t, fake, 'sam');
    users.admin = await loginWithGithub(t, fake, 'ada');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('lists every mutation of the schema with the role it needs', () => {
    expect(Object.keys(schema.getMutationType()!.getFields()).sort()).toEqual(Object.keys(REQUIRED).sort());
  });

  it('refuses each mutation below its role and lets it through at and above', async () => {
    const fields = schema.getMutationType()!.getFields();
    const wrong: string[] = [];
    for (const [name, required] of Object.entries(REQUIRED)) {
      const mutation = call(fields[name]);
      for (const role of ROLES) {
        const res = role === 'anonymous' ? await graphql(request(t.url), mutation) : await graphql(users[role].agent, mutation, {}, { 'X-CSRF-Token': users[role].csrf });
        const code = res.errors?.[0]?.extensions?.code ?? 'ok';
        const allowed = RANK[role] >= RANK[required];
        const refused = code === 'UNAUTHENTICATED' || (code === 'FORBIDDEN' && /needs the .* role|Not allowed/.test(res.errors![0].message));
        const expectedCode = role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
        if (allowed ? refused : code !== expectedCode) wrong.push(`${name} as ${role}: ${code} ${res.errors?.[0]?.message ?? ''}`);
        if (code === 'GRAPHQL_VALIDATION_FAILED') wrong.push(`${name}: the dummy call is invalid: ${res.errors![0].message}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
