import { Command } from 'commander';
import { Pool } from 'pg';
import { prepareProcess } from '../../bootstrap/run-process';
import { progressReporter } from '../../cli/progress';
import { CveListIngester, IngestionSummary } from '../cve-list/cve-list.ingester';
import { IngestionCounts } from '../runs/ingestion-run-store';

/** Exit code of an ingestion that finished but had to quarantine records. */
export const EXIT_QUARANTINED = 3;

function describe(c: IngestionCounts): string {
  return `new ${c.ingested}, updated ${c.updated}, unchanged ${c.unchanged}, deleted ${c.deleted}, quarantined ${c.quarantined}`;
}

async function withPool<T>(fn: (pool: Pool) => Promise<T>): Promise<T> {
  const { config, database } = await prepareProcess();
  const pool = new Pool({ connectionString: config.get('DATABASE_URL'), max: 4 });
  try {
    return await fn(pool);
  } finally {
    await pool.end();
    await database.stop();
  }
}

function report(summary: IngestionSummary): void {
  const { counts } = summary;
  process.stderr.write(`${summary.input}: read ${counts.read} — ${describe(counts)}${counts.rejected ? `, newly rejected ${counts.rejected}` : ''}\n`);
  if (summary.bookmark) process.stderr.write(`bookmark: ${summary.bookmark}\n`);
  if (counts.quarantined) {
    process.stderr.write(`${counts.quarantined} record(s) were quarantined: see "quarantine" in GraphQL or the admin page (run ${summary.runId}).\n`);
    process.exitCode = EXIT_QUARANTINED;
  }
}

function cveListCommand(): Command {
  return new Command('cve-list')
    .description('ingest CVE List V5 records from a directory, a cvelistV5 git checkout (incremental) or a release zip')
    .argument('<input>', 'directory, git checkout or .zip archive')
    .option('--since <commit>', 'git checkout: read only changes since this commit (default: the stored bookmark)')
    .action(async (input: string, options: { since?: string }) => {
      await withPool(async (pool) => {
        const progress = progressReporter('cve-list');
        try {
          const summary = await new CveListIngester(pool).ingest(input, {
            since: options.since,
            onTotal: (total) => progress.setTotal(total),
            onProgress: (c) => progress.update(c.read, describe(c)),
          });
          progress.stop();
          report(summary);
        } catch (err) {
          progress.stop();
          throw err;
        }
      });
    });
}

export function ingestCommand(): Command {
  return new Command('ingest')
    .description('load CVE data (cve-list, nvd) into the database')
    .addCommand(cveListCommand());
}
