import * as fs from 'node:fs';
import * as path from 'node:path';
import { Pool } from 'pg';
import { loadDemoBootChain } from '../boot-chain/demo/demo-boot-chain';
import { AppConfig } from '../config/app-config';
import { parseChannelName } from '../ingestion/channels/channel-name';
import { CveListIngester } from '../ingestion/cve-list/cve-list.ingester';
import { EvaluationImporter } from '../ingestion/evaluations/evaluation-importer';
import { Linker } from '../linkage/linker';
import { packageTableLines } from './package-table-lines';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures');
/** Real public CVE records shipped with the repository (see test/fixtures/cve/README.md). */
export const DEMO_CVE_DIR = path.join(FIXTURES, 'cve');
/** The real Nixpkgs package set (see test/fixtures/nixpkgs/README.md). */
export const DEMO_PACKAGES = path.join(FIXTURES, 'nixpkgs', 'universe.tsv.gz');
// Not the real evaluated commit (the package table does not record it): a fixed, recognisable stand-in.
const DEMO_REVISION = 'de3000000000000000000000000000000000d3e0';

/**
 * Fills an empty database with demo data so a fresh `npm start` has something to show: the real
 * CVE fixtures, the real package set as an evaluation of nixos-unstable, and the suggestions the
 * linker makes from them. Never in production, never over existing data, off with NIXSEC_DEMO_DATA=false.
 */
export async function loadDemoDataIfEmpty(config: AppConfig, log: (line: string) => void): Promise<void> {
  if (config.isProduction || !config.get('NIXSEC_DEMO_DATA') || !fs.existsSync(DEMO_CVE_DIR)) return;
  const pool = new Pool({ connectionString: config.get('DATABASE_URL'), max: 2 });
  try {
    const { rows } = await pool.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM cve) AND NOT EXISTS (SELECT 1 FROM evaluation) AS empty');
    if (!rows[0].empty) return;
    const summary = await new CveListIngester(pool).ingest(DEMO_CVE_DIR);
    log(`Loaded demo data: ${summary.counts.ingested} real CVE records from ${path.relative(process.cwd(), DEMO_CVE_DIR)}`);
    if (fs.existsSync(DEMO_PACKAGES)) {
      log('Importing the real Nixpkgs package set as a demo evaluation of nixos-unstable (about 20 seconds, once)…');
      const evaluation = await new EvaluationImporter(pool).import(parseChannelName('nixos-unstable')!, DEMO_REVISION, packageTableLines(DEMO_PACKAGES), {
        source: `demo package table ${path.relative(process.cwd(), DEMO_PACKAGES)}`,
      });
      log(`Demo evaluation ${evaluation.evaluationId}: ${evaluation.counts.lines} packages`);
      const linked = await new Linker(pool).run();
      log(`Linked the demo CVEs: ${linked.suggested} suggestion(s)`);
    }
    const chain = await loadDemoBootChain(pool);
    if (chain) log(`Demo boot chain ${chain.targetId}: recorded builds of the test chain by two builders (see test/fixtures/boot-chain/demo/README.md)`);
  } finally {
    await pool.end();
  }
}
