// Bench databases come from the same place as test databases (TEST_DATABASE_URL, the local server
// on 127.0.0.1:5432, or an embedded PostgreSQL), cloned from a migrated template.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import globalSetup, { withDatabase } from '../../test/global-setup.mjs';
import globalTeardown from '../../test/global-teardown.mjs';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const { Client, Pool } = require(require.resolve('pg', { paths: [path.join(ROOT, 'server')] }));

let counter = 0;

export async function startBenchDatabases() {
  process.env.CI_QUIET = '1';
  await globalSetup();
  return {
    async create() {
      const name = `${process.env.NIXSEC_TEST_DB_PREFIX}bench_${counter++}`;
      const admin = new Client({ connectionString: process.env.NIXSEC_TEST_ADMIN_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${process.env.NIXSEC_TEST_TEMPLATE_DB}"`);
      await admin.end();
      return withDatabase(process.env.NIXSEC_TEST_ADMIN_URL, name);
    },
    stop: () => globalTeardown(),
  };
}

/** Runs `fn` in a child process (bench/support/run-phase.mjs) so its peak RSS is its own. */
export async function runPhase(module, args) {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(ROOT, 'bench', 'support', 'run-phase.mjs'), module, ...args],
      { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
        if (err) return reject(new Error(`${module} failed: ${stderr || err.message}`));
        resolve(JSON.parse(stdout.trim().split('\n').pop()));
      });
  });
}
