import * as path from 'node:path';
import { Command } from 'commander';
import { withPool } from '../../cli/with-pool';
import { ChainDiscovery } from '../discovery/chain-discovery';
import { loadStageRules } from '../discovery/stage-rules';
import { NixPrograms } from '../nix/nix-programs';
import { ChainStore } from '../store/chain.store';
import { ChainReports } from '../verdicts/chain-reports';
import { TrustReport } from '../verdicts/trust-report';

function printReport(report: TrustReport): void {
  const out = process.stdout;
  out.write(`${report.statement}\n\n`);
  out.write(`seed anchored: ${report.seedAnchored ? 'yes' : `no — ${report.seedProblems.join('; ')}`}\n`);
  out.write(`reproduced by ≥ ${report.minBuilders} builders: ${report.reproducedOutputs}/${report.outputs} outputs\n\n`);
  out.write(`${'stage'.padEnd(14)}${'outputs'.padStart(8)}${'reproduced'.padStart(12)}  worst\n`);
  for (const s of report.stages) out.write(`${s.stage.padEnd(14)}${String(s.outputs).padStart(8)}${String(s.reproducedOutputs).padStart(12)}  ${s.worst}\n`);
  if (report.weakestLink) out.write(`\nweakest link: ${report.weakestLink.name} (${report.weakestLink.stage}): ${report.weakestLink.verdict}\n`);
}

/** `nixsec boot-chain discover|report`: the same as the GraphQL mutations, for scripts and air-gapped hosts. */
export function bootChainCommand(): Command {
  const command = new Command('boot-chain').description('full-source bootstrap chains: discover a chain, print its trust report');
  command
    .command('discover <nixpkgs>')
    .description('instantiate the target in a Nixpkgs checkout and store its derivation graph with stages')
    .option('--revision <commit>', "the Nixpkgs commit (default: the checkout's git HEAD)")
    .option('--system <system>', 'system to instantiate for', 'x86_64-linux')
    .option('--attr <attr>', 'attribute of the chain', 'minimal-bootstrap.tests.full')
    .action(async (nixpkgs: string, options: { revision?: string; system: string; attr: string }) => {
      await withPool(async (pool, config) => {
        const discovery = new ChainDiscovery(
          NixPrograms.fromConfig(config),
          new ChainStore(pool),
          loadStageRules(config.get('NIXSEC_BOOT_CHAIN_STAGE_RULES_FILE')),
          config.get('NIXSEC_BOOT_CHAIN_EVAL_STORE'),
        );
        const chain = await discovery.discover({ nixpkgs: path.resolve(nixpkgs), revision: options.revision, system: options.system, attr: options.attr });
        process.stdout.write(
          `target ${chain.targetId}: ${options.attr} on ${options.system} at ${chain.revision}\n` +
            `${chain.derivations} derivations (${chain.fixedOutputs} fixed-output), root ${chain.rootDrvPath}\n` +
            `stages: ${Object.entries(chain.stages).map(([stage, n]) => `${stage} ${n}`).join(', ')}\n`,
        );
      });
    });
  command
    .command('report <revision>')
    .description('print the trust report of the newest chain discovered for this revision (or a prefix of it)')
    .option('--system <system>', 'system', 'x86_64-linux')
    .option('--attr <attr>', 'attribute of the chain', 'minimal-bootstrap.tests.full')
    .option('--json', 'print the report as JSON (the same as GET /api/v1/boot-chain/report)')
    .action(async (revision: string, options: { system: string; attr: string; json?: boolean }) => {
      const report = await withPool((pool, config) => new ChainReports(pool, config.get('NIXSEC_BOOT_CHAIN_MIN_BUILDERS')).reportFor(revision, options.system, options.attr));
      if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else printReport(report);
      // Scripts can gate on it: 0 only when anchored and every output reproduced.
      process.exitCode = report.seedAnchored && report.allReproduced ? 0 : 4;
    });
  return command;
}
