import * as fs from 'node:fs';
import * as path from 'node:path';
import { printAppSchema } from '../server/src/graphql/print-schema';
import { startTestApp, TestApp } from '../server/src/testing/test-app';

describe('checked-in GraphQL schema', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('server/schema.graphql matches the schema the server serves (run "pnpm schema" after changing it)', () => {
    const checkedIn = fs.readFileSync(path.join(__dirname, '..', 'server', 'schema.graphql'), 'utf8');
    expect(printAppSchema(t.app)).toBe(checkedIn);
  });
});
