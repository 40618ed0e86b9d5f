import request from 'supertest';
import { startTestApp, TestApp } from '../../server/src/testing/test-app';
import { graphql, query } from '../auth/support';

const CREATE = `mutation ($input: MappingRuleInput!) { createMappingRule(input: $input) { id vendor product action packages note createdBy } }`;
const FLEX = { vendor: 'apache', product: 'flex', action: 'never', packages: ['flex'], note: 'Apache Flex is not GNU flex' };

describe('curated mapping rules through the GraphQL API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  async function demo(role: 'security-team' | 'maintainer') {
    const agent = request.agent(t.url);
    const res = await agent.post('/auth/demo').send({ role }).expect(200);
    return { agent, csrf: res.body.csrfToken as string };
  }

  it('refuses anonymous callers and maintainers, server-side', async () => {
    const anonymous = await graphql(request.agent(t.url), CREATE, { input: FLEX });
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const { agent, csrf } = await demo('maintainer');
    const maintainer = await graphql(agent, CREATE, { input: FLEX }, { 'x-csrf-token': csrf });
    expect(maintainer.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await query(t, 'SELECT * FROM mapping_rule')).toEqual([]);
  });

  it('lets the security team create, edit and delete rules, each change in the activity log with who made it', async () => {
    const { agent, csrf } = await demo('security-team');
    const created = await graphql(agent, CREATE, { input: FLEX }, { 'x-csrf-token': csrf });
    expect(created.data.createMappingRule).toMatchObject({ ...FLEX, createdBy: 'demo-security' });
    const id = created.data.createMappingRule.id;

    const duplicate = await graphql(agent, CREATE, { input: FLEX }, { 'x-csrf-token': csrf });
    expect(duplicate.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/already exists/) });

    const updated = await graphql(
      agent,
      `mutation ($id: ID!, $input: MappingRuleInput!) { updateMappingRule(id: $id, input: $input) { note } }`,
      { id, input: { ...FLEX, note: 'Apache Flex (the SDK) is not the flex scanner generator' } },
      { 'x-csrf-token': csrf },
    );
    expect(updated.data.updateMappingRule.note).toMatch(/scanner generator/);
    expect((await graphql(agent, '{ mappingRules { product note } }')).data.mappingRules).toEqual([{ product: 'flex', note: updated.data.updateMappingRule.note }]);

    const deleted = await graphql(agent, `mutation ($id: ID!) { deleteMappingRule(id: $id) }`, { id }, { 'x-csrf-token': csrf });
    expect(deleted.data.deleteMappingRule).toBe(true);

    const log = await query(t, `SELECT actor, action FROM activity_log WHERE subject_type = 'mapping-rule' ORDER BY id`);
    expect(log).toEqual([
      { actor: 'demo-security', action: 'mapping-rule.created' },
      { actor: 'demo-security', action: 'mapping-rule.updated' },
      { actor: 'demo-security', action: 'mapping-rule.deleted' },
    ]);
  });

  it('refuses a cookie-authenticated change without the CSRF token', async () => {
    const { agent } = await demo('security-team');
    const res = await graphql(agent, CREATE, { input: { ...FLEX, product: 'other' } });
    expect(res.errors?.[0].extensions.code).toBe('CSRF_TOKEN_INVALID');
  });
});
