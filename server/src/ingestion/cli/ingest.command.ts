import { Command } from 'commander';
import { withPool } from '../../cli/with-pool';
import { progressReporter } from '../../cli/progress';
import { CveListIngester, IngestionSummary } from '../cve-list/cve-list.ingester';
import { parseChannelName } from '../channels/channel-name';
import { CveRenormalizer } from '../cve/cve-renormalizer';
import { readEvalLines } from '../evaluations/eval-lines.reader';
import { EvaluationGc } from '../evaluations/evaluation-gc';
import { EvaluationImporter } from '../evaluations/evaluation-importer';
import { NvdIngester } from '../nvd/nvd.ingester';
import { IngestionCounts } from '../runs/ingestion-run-store';

/** Exit code of an ingestion that finished but had to quarantine records. */
export const EXIT_QUARANTINED = 3;

function describe(c: IngestionCounts): string {
  return `new ${c.ingested}, updated ${c.updated}, unchanged ${c.unchanged}, deleted ${c.deleted}, quarantined ${c.quarantined}`;
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

function parseDate(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`--since ${value}: expected a date such as 2024-10-01 or 2024-10-01T12:00:00Z`);
  return date;
}

function nvdCommand(): Command {
  return new Command('nvd')
    .description('ingest the NVD CVE API 2.0, incrementally since the last run (NVD_API_KEY raises the rate limit)')
    .option('--since <date>', 'fetch records modified since this date instead of since the last run', parseDate)
    .option('--full', 'fetch every record (ignores the bookmark)')
    .action(async (options: { since?: Date; full?: boolean }) => {
      await withPool(async (pool, config) => {
        const progress = progressReporter('nvd');
        const ingester = new NvdIngester(pool, {
          baseUrl: config.get('NVD_API_URL'),
          apiKey: config.get('NVD_API_KEY'),
          onProgress: (p) => progress.setTotal(p.total),
          log: (line) => process.stderr.write(`${line}\n`),
        });
        const summary = await ingester
          .ingest({ ...options, onProgress: (c) => progress.update(c.read, describe(c)) })
          .finally(() => progress.stop());
        report(summary);
        if (summary.failed) {
          process.stderr.write('The NVD run stopped early; what was fetched is stored and the next run resumes from the same point.\n');
          process.exitCode = 1;
        }
      });
    });
}

function renormalizeCommand(): Command {
  return new Command('renormalize')
    .description('rebuild the normalised CVE rows from the raw JSON kept in the database (after an upgrade); no download')
    .option('--source <source>', 'cve-list or nvd', 'cve-list')
    .action(async (options: { source: string }) => {
      if (options.source !== 'cve-list' && options.source !== 'nvd') throw new Error(`--source ${options.source}: expected cve-list or nvd`);
      const source = options.source;
      await withPool(async (pool) => {
        const progress = progressReporter(`renormalize ${source}`);
        const summary = await new CveRenormalizer(pool)
          .run(source, { onProgress: (c) => progress.update(c.read, describe(c)) })
          .finally(() => progress.stop());
        report(summary);
      });
    });
}

function evalCommand(): Command {
  return new Command('eval')
    .description('import a recorded nix-eval-jobs --meta output (jsonl, .gz or .zst) as an evaluation of a channel')
    .requiredOption('--channel <name>', 'channel branch, e.g. nixos-unstable or nixos-24.11')
    .requiredOption('--commit <sha>', 'the Nixpkgs commit that was evaluated (40 hex characters)')
    .requiredOption('--file <path>', 'nix-eval-jobs output: jobs.jsonl, jobs.jsonl.gz or jobs.jsonl.zst')
    .option('--nixpkgs-root <path>', 'path of the Nixpkgs checkout that was evaluated, to make meta.position relative')
    .action(async (options: { channel: string; commit: string; file: string; nixpkgsRoot?: string }) => {
      const channel = parseChannelName(options.channel);
      if (!channel) {
        throw new Error(`--channel ${options.channel}: not a Nixpkgs channel (expected nixos-unstable, nixos-unstable-small, nixpkgs-unstable, nixos-YY.MM, nixos-YY.MM-small or nixpkgs-YY.MM-darwin)`);
      }
      await withPool(async (pool) => {
        const progress = progressReporter(`eval ${channel.name}`);
        const summary = await new EvaluationImporter(pool)
          .import(channel, options.commit, readEvalLines(options.file), {
            source: `file ${options.file}`,
            nixpkgsRoot: options.nixpkgsRoot,
            onProgress: (c) => progress.update(c.lines, `added ${c.added}, changed ${c.changed}, unchanged ${c.unchanged}`),
          })
          .finally(() => progress.stop());
        const c = summary.counts;
        if (summary.status === 'already-completed') {
          process.stderr.write(`${channel.name}@${options.commit} was already imported (evaluation ${summary.evaluationId}); nothing changed.\n`);
          return;
        }
        process.stderr.write(
          `evaluation ${summary.evaluationId} of ${channel.name}: ${c.lines} lines — added ${c.added}, changed ${c.changed}, ` +
            `unchanged ${c.unchanged}, removed ${c.removed}, evaluation errors ${c.evalErrors}, quarantined ${c.quarantined}; ` +
            `new derivations ${c.newDerivations}, new meta ${c.newMeta}\n`,
        );
        if (summary.dependants && 'error' in summary.dependants) {
          process.stderr.write(`reverse dependencies could not be counted (the next import retries): ${summary.dependants.error}\n`);
        }
        if (c.quarantined) process.exitCode = EXIT_QUARANTINED;
      });
    });
}

function gcCommand(): Command {
  return new Command('gc')
    .description('remove evaluations beyond the newest N per channel (default NIXSEC_EVALUATIONS_KEEP) and derivations nothing refers to')
    .option('--keep <n>', 'completed evaluations to keep per channel', (v) => Number(v))
    .action(async (options: { keep?: number }) => {
      await withPool(async (pool, config) => {
        const summary = await new EvaluationGc(pool).collect(options.keep ?? config.get('NIXSEC_EVALUATIONS_KEEP'));
        process.stderr.write(
          `removed ${summary.evaluationsRemoved} evaluations, ${summary.membersRemoved} memberships, ` +
            `${summary.derivationsRemoved} derivations, ${summary.metaRemoved} meta blocks\n`,
        );
      });
    });
}

export function ingestCommand(): Command {
  return new Command('ingest')
    .description('load CVE data (cve-list, nvd) and Nixpkgs evaluations (eval) into the database')
    .addCommand(cveListCommand())
    .addCommand(nvdCommand())
    .addCommand(renormalizeCommand())
    .addCommand(evalCommand())
    .addCommand(gcCommand());
}
