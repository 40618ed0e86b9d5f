import { Command } from 'commander';
import { bootChainCommand } from '../boot-chain/cli/boot-chain.command';
import { ingestCommand } from '../ingestion/cli/ingest.command';
import { linkageCommand } from '../linkage/cli/linkage.command';
import { migrateCommand } from './migrate.command';
import { schemaCommand } from './schema.command';
import { serveCommand } from './serve.command';
import { workerCommand } from './worker.command';

/** The `nixsec` command line. Feature modules add their sub-commands here (ingest …, scan …). */
export function buildProgram(): Command {
  return new Command('nixsec')
    .description('nixsec: which Nixpkgs packages in which channels are affected by which CVEs')
    .addCommand(serveCommand(), { isDefault: true })
    .addCommand(workerCommand())
    .addCommand(migrateCommand())
    .addCommand(schemaCommand())
    .addCommand(ingestCommand())
    .addCommand(linkageCommand())
    .addCommand(bootChainCommand())
    .showHelpAfterError('(run "nixsec --help" for the list of commands)');
}
