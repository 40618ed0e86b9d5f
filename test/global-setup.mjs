// Finds a real PostgreSQL for the test run and prepares a migrated template database that each
// test file clones (CREATE DATABASE … TEMPLATE), so files run in parallel on their own databases.
// Order: TEST_DATABASE_URL, else 127.0.0.1:5432 when reachable, else an embedded PostgreSQL.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverDist = path.join(root, 'server', 'dist');
const STALE_AFTER_SECONDS = 2 * 3600;

async function canConnect(Client, url) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function findServer(Client) {
  if (process.env.TEST_DATABASE_URL) return { adminUrl: process.env.TEST_DATABASE_URL, kind: 'TEST_DATABASE_URL' };
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (process.env.NIXSEC_TEST_EMBEDDED !== '1' && (await canConnect(Client, local))) {
    return { adminUrl: local, kind: 'local server 127.0.0.1:5432' };
  }
  const { startEmbeddedPostgres } = require(path.join(serverDist, 'database', 'embedded-postgres.js'));
  const dataDir = path.join(os.tmpdir(), `nixsec-test-pg-${process.getuid?.() ?? 'user'}`);
  const port = Number(process.env.NIXSEC_TEST_PG_PORT ?? 54329);
  const pg = await startEmbeddedPostgres({ dataDir, port, database: 'postgres' });
  globalThis.__nixsecEmbeddedPg = pg;
  return { adminUrl: pg.adminUrl, kind: `embedded PostgreSQL on 127.0.0.1:${port}` };
}

async function dropStaleDatabases(admin) {
  const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname ~ '^nixsec_test_[0-9]+_'`);
  const now = Math.floor(Date.now() / 1000);
  for (const { datname } of rows) {
    const created = Number(datname.split('_')[2]);
    if (now - created > STALE_AFTER_SECONDS) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}

export default async function globalSetup() {
  if (!fs.existsSync(path.join(serverDist, 'main.js'))) {
    throw new Error('server/dist is missing: build first (pnpm build), or run the whole suite with npm test');
  }
  const { Client } = require(require.resolve('pg', { paths: [path.join(root, 'server')] }));
  const { adminUrl, kind } = await findServer(Client);
  const prefix = `nixsec_test_${Math.floor(Date.now() / 1000)}_${process.pid}_`;
  const template = `${prefix}template`;

  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await dropStaleDatabases(admin);
    await admin.query(`CREATE DATABASE "${template}"`);
  } finally {
    await admin.end();
  }

  const templateUrl = withDatabase(adminUrl, template);
  const { DataSource } = require(require.resolve('typeorm', { paths: [path.join(root, 'server')] }));
  const { dataSourceOptions } = require(path.join(serverDist, 'database', 'data-source-options.js'));
  const { runMigrations } = require(path.join(serverDist, 'database', 'migration-runner.js'));
  const dataSource = new DataSource(dataSourceOptions(templateUrl, 2));
  await dataSource.initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();

  process.env.NIXSEC_TEST_ADMIN_URL = adminUrl;
  process.env.NIXSEC_TEST_DB_PREFIX = prefix;
  process.env.NIXSEC_TEST_TEMPLATE_DB = template;
  if (!process.env.CI_QUIET) process.stderr.write(`\nTests use ${kind}; databases ${prefix}*\n`);
}

export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
