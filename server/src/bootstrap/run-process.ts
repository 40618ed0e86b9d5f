import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { loadConfig } from '../config/load-config';
import { dataSourceOptions } from '../database/data-source-options';
import { runMigrations } from '../database/migration-runner';
import { resolveDatabase, ResolvedDatabase } from './resolve-database';

export interface StartedProcess {
  config: AppConfig;
  database: ResolvedDatabase;
}

/** Loads configuration, finds or starts the database and applies pending migrations. */
export async function prepareProcess(overrides: Record<string, string> = {}): Promise<StartedProcess> {
  const values = loadConfig({ ...process.env, ...overrides });
  const database = await resolveDatabase(values);
  const dataSource = new DataSource(dataSourceOptions(database.url, 2));
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    if (applied.length) process.stderr.write(`Applied migrations: ${applied.join(', ')}\n`);
  } finally {
    await dataSource.destroy();
  }
  return { config: new AppConfig({ ...values, DATABASE_URL: database.url }), database };
}

/** Closes the app and the embedded database once, on SIGINT/SIGTERM. */
export function closeOnSignals(app: INestApplicationContext, database: ResolvedDatabase): void {
  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`\n${signal} received: stopping nixsec…\n`);
    await app.close().catch((err) => process.stderr.write(`error while stopping: ${String(err)}\n`));
    await database.stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
}
