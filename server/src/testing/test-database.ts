import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run tests through jest (test/global-setup.mjs sets it)`);
  return value;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new Client({ connectionString: env('NIXSEC_TEST_ADMIN_URL') });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * pg's Pool.end() resolves once it has asked its clients to close, not once their server processes
 * are gone; dropping WITH (FORCE) at that moment kills a closing connection, whose FATAL error then
 * surfaces as an unhandled pool error in the test file. So wait (briefly) for them to go first.
 */
async function dropWhenIdle(name: string): Promise<void> {
  const admin = new Client({ connectionString: env('NIXSEC_TEST_ADMIN_URL') });
  await admin.connect();
  try {
    const deadline = Date.now() + 2000;
    while (Date.now() < deadline) {
      const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh database for one test file: migrated (cloned from the run's template) or, with
 * `{ migrated: false }`, empty. Real PostgreSQL, never shared with another test file.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `${env('NIXSEC_TEST_DB_PREFIX')}${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const template = options.migrated === false ? 'template0' : env('NIXSEC_TEST_TEMPLATE_DB');
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return {
    name,
    url: withDatabase(env('NIXSEC_TEST_ADMIN_URL'), name),
    drop: () => dropWhenIdle(name),
  };
}
