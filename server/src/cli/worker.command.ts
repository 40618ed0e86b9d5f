import { Command } from 'commander';
import { createWorkerContext } from '../bootstrap/create-app';
import { closeOnSignals, prepareProcess } from '../bootstrap/run-process';

export function workerCommand(): Command {
  return new Command('worker').description('run queued jobs without serving HTTP').action(async () => {
    const { config, database } = await prepareProcess({ NIXSEC_RUN_JOBS: 'true' });
    const app = await createWorkerContext(config);
    closeOnSignals(app, database);
    await app.init();
    process.stderr.write(`nixsec worker running against ${database.description}. Stop it with Ctrl+C.\n`);
  });
}
