import { DataSource, MigrationExecutor } from 'typeorm';
import { MIGRATIONS_TABLE } from './data-source-options';

// Arbitrary but fixed: several servers/workers starting at once must not migrate concurrently.
const MIGRATION_LOCK_ID = 7_243_101;

/** Runs pending migrations under an advisory lock; returns the names that were applied. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    // The executor runs on the connection that holds the lock, so a pool of one connection suffices.
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    const applied = await executor.executePendingMigrations();
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
}

/** Names of migrations known to this build but not yet applied to the database. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const [{ exists }] = await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [
    `public.${MIGRATIONS_TABLE}`,
  ]);
  const known = dataSource.migrations.map((m) => m.name ?? m.constructor.name);
  if (!exists) return known;
  const rows: { name: string }[] = await dataSource.query(`SELECT name FROM ${MIGRATIONS_TABLE}`);
  const done = new Set(rows.map((r) => r.name));
  return known.filter((name) => !done.has(name));
}
