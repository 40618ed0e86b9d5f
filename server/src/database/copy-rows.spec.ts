import { Client, Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '../testing/test-database';
import { copyRows, Json } from './copy-rows';

describe('copyRows', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    pool = new Pool({ connectionString: db.url, max: 2 });
    await pool.query(`CREATE TABLE t (s text, n numeric, b boolean, d timestamptz, raw bytea, tags text[], j jsonb)`);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('round-trips awkward values exactly: tabs, newlines, backslashes, quotes, NULs, arrays, JSON, bytes', async () => {
    const client = await pool.connect();
    const awkward = 'tab\there\nnew line\\back "quoted" \r end';
    try {
      await copyRows(client, 't', ['s', 'n', 'b', 'd', 'raw', 'tags', 'j'], [
        [awkward, 9.8, true, new Date('2024-03-29T16:51:12.588Z'), Buffer.from([0, 1, 255]), ['a,b', 'c"d', 'e\\f', '{x}'], new Json({ k: 'v\tw', n: [1, 2] })],
        [null, null, false, null, null, [], new Json([])],
        ['nul\u0000byte', 0, null, null, null, ['n\u0000ul'], new Json({ s: 'x\u0000y' })],
      ]);
    } finally {
      client.release();
    }
    const { rows } = await pool.query('SELECT * FROM t ORDER BY n NULLS FIRST');
    expect(rows[0]).toEqual({ s: null, n: null, b: false, d: null, raw: null, tags: [], j: [] });
    expect(rows[1]).toMatchObject({ s: 'nulbyte', n: '0', tags: ['nul'], j: { s: 'xy' } });
    expect(rows[2]).toEqual({
      s: awkward,
      n: '9.8',
      b: true,
      d: new Date('2024-03-29T16:51:12.588Z'),
      raw: Buffer.from([0, 1, 255]),
      tags: ['a,b', 'c"d', 'e\\f', '{x}'],
      j: { k: 'v\tw', n: [1, 2] },
    });
  });

  it('is transactional: a failing COPY inside a transaction leaves nothing behind', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query(`INSERT INTO t (s) VALUES ('before')`);
    await expect(
      copyRows(client as never, 't', ['n'], [[1], ['not a number']]),
    ).rejects.toThrow(/invalid input syntax for type numeric/);
    await client.query('ROLLBACK');
    await client.end();
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM t WHERE s = 'before'`);
    expect(rows[0].n).toBe(0);
  });
});
