import request from 'supertest';
import { startTestApp, TestApp } from '../server/src/testing/test-app';

describe('health endpoints', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('GET /healthz answers 200 while the process is alive', async () => {
    const res = await request(t.url).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /readyz is 200 with the database reachable and migrations current', async () => {
    const res = await request(t.url).get('/readyz').expect(200);
    expect(res.body).toMatchObject({ ready: true, database: 'ok', migrationsPending: 0 });
    expect(res.body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('GraphQL health reports version, database and pending migrations', async () => {
    const res = await request(t.url)
      .post('/graphql')
      .send({ query: '{ health { version database migrationsPending } }' })
      .expect(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.health).toMatchObject({ database: 'OK', migrationsPending: 0 });
  });

  it('echoes a caller-supplied request id and generates one otherwise', async () => {
    const given = await request(t.url).get('/healthz').set('X-Request-Id', 'trace-123');
    expect(given.headers['x-request-id']).toBe('trace-123');
    const generated = await request(t.url).get('/healthz');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('GET /readyz turns 503 when this build has a migration the database lacks', async () => {
    const dataSource = t.app.get(require('typeorm').DataSource);
    const [last] = await dataSource.query('SELECT name FROM typeorm_migrations ORDER BY id DESC LIMIT 1');
    await dataSource.query('DELETE FROM typeorm_migrations WHERE name = $1', [last.name]);
    try {
      const res = await request(t.url).get('/readyz').expect(503);
      expect(res.body).toMatchObject({ ready: false, database: 'ok', migrationsPending: 1 });
    } finally {
      await dataSource.query('INSERT INTO typeorm_migrations (timestamp, name) VALUES ($1, $2)', [
        Number(last.name.match(/\d+$/)[0]),
        last.name,
      ]);
    }
  });
});
