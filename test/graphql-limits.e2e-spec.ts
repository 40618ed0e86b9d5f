import { Module } from '@nestjs/common';
import { Field, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import request from 'supertest';
import { startTestApp, TestApp } from '../server/src/testing/test-app';

/** A self-nesting type, so that a query can be made as deep as the test needs. */
@ObjectType()
class Nested {
  @Field(() => Int)
  level: number;

  @Field(() => Nested)
  child: Nested;
}

@Resolver()
class NestedResolver {
  @Query(() => Nested)
  nested(): Nested {
    const make = (level: number): Nested => ({ level, get child() { return make(level + 1); } }) as Nested;
    return make(0);
  }
}

@Module({ providers: [NestedResolver] })
class NestedModule {}

describe('GraphQL depth and complexity limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: { GRAPHQL_MAX_DEPTH: '3', GRAPHQL_MAX_COMPLEXITY: '5' },
      modules: [NestedModule],
    });
  });
  afterAll(() => t.close());

  it('accepts a query within the limits', async () => {
    const res = await request(t.url).post('/graphql').send({ query: '{ health { version database } }' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.health.database).toBe('OK');
  });

  it('rejects a query nested deeper than GRAPHQL_MAX_DEPTH', async () => {
    const ok = await request(t.url).post('/graphql').send({ query: '{ nested { child { child { level } } } }' });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.nested.child.child.level).toBe(2);
    const tooDeep = '{ nested { ...F } } fragment F on Nested { child { child { child { level } } } }';
    const res = await request(t.url).post('/graphql').send({ query: tooDeep });
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].message).toMatch(/exceeds maximum operation depth of 3/);
  });

  it('rejects a query costlier than GRAPHQL_MAX_COMPLEXITY before resolving anything', async () => {
    const query = '{ a: health { version database migrationsPending } b: health { version database migrationsPending } }';
    const res = await request(t.url).post('/graphql').send({ query });
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.body.errors[0].message).toMatch(/^Query is too complex: 8 > 5/);
  });
});
