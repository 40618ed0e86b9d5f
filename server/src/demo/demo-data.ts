import * as fs from 'node:fs';
import * as path from 'node:path';
import { Pool } from 'pg';
import { AppConfig } from '../config/app-config';
import { CveListIngester } from '../ingestion/cve-list/cve-list.ingester';

/** Real public CVE records shipped with the repository (see test/fixtures/cve/README.md). */
export const DEMO_CVE_DIR = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'cve');

/**
 * Fills an empty database with demo data so a fresh `npm start` has something to show. Never in
 * production, never over existing data, and off with NIXSEC_DEMO_DATA=false.
 */
export async function loadDemoDataIfEmpty(config: AppConfig, log: (line: string) => void): Promise<void> {
  if (config.isProduction || !config.get('NIXSEC_DEMO_DATA') || !fs.existsSync(DEMO_CVE_DIR)) return;
  const pool = new Pool({ connectionString: config.get('DATABASE_URL'), max: 2 });
  try {
    const { rows } = await pool.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM cve) AS empty');
    if (!rows[0].empty) return;
    const summary = await new CveListIngester(pool).ingest(DEMO_CVE_DIR);
    log(`Loaded demo data: ${summary.counts.ingested} real CVE records from ${path.relative(process.cwd(), DEMO_CVE_DIR)}`);
  } finally {
    await pool.end();
  }
}
