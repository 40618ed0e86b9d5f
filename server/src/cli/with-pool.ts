import { Pool } from 'pg';
import { prepareProcess } from '../bootstrap/run-process';
import { AppConfig } from '../config/app-config';

/** Runs a CLI command against the configured database (the embedded one is started and stopped around it). */
export async function withPool<T>(fn: (pool: Pool, config: AppConfig) => Promise<T>): Promise<T> {
  const { config, database } = await prepareProcess();
  const pool = new Pool({ connectionString: config.get('DATABASE_URL'), max: 4 });
  try {
    return await fn(pool, config);
  } finally {
    await pool.end();
    await database.stop();
  }
}
