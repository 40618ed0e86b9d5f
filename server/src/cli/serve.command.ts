import { Command } from 'commander';
import { createHttpApp } from '../bootstrap/create-app';
import { closeOnSignals, prepareProcess } from '../bootstrap/run-process';
import { loadDemoDataIfEmpty } from '../demo/demo-data';

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the GraphQL API and the web UI (and run jobs unless NIXSEC_RUN_JOBS=false)')
    .action(async () => {
      const { config, database } = await prepareProcess();
      await loadDemoDataIfEmpty(config, (line) => process.stderr.write(`${line}\n`));
      const app = await createHttpApp(config);
      closeOnSignals(app, database);
      await app.listen(config.get('PORT'), config.get('HOST'));
      const url = config.publicUrl.replace(/\/$/, '');
      process.stderr.write(
        [
          '',
          'nixsec is running',
          `  Web UI    ${url}/`,
          `  GraphQL   ${url}/graphql`,
          `  Health    ${url}/healthz   ${url}/readyz`,
          `  Database  ${database.description}`,
          'Stop it with Ctrl+C.',
          '',
        ].join('\n'),
      );
    });
}
