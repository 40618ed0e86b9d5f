import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Drops every database this run created, then stops the embedded PostgreSQL if one was started. */
export default async function globalTeardown() {
  const { Client } = require(require.resolve('pg', { paths: [path.join(root, 'server')] }));
  const prefix = process.env.NIXSEC_TEST_DB_PREFIX;
  if (prefix && process.env.NIXSEC_TEST_ADMIN_URL) {
    const admin = new Client({ connectionString: process.env.NIXSEC_TEST_ADMIN_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
  await globalThis.__nixsecEmbeddedPg?.stop();
}
