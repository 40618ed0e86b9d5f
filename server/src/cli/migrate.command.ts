import { Command } from 'commander';
import { prepareProcess } from '../bootstrap/run-process';

export function migrateCommand(): Command {
  return new Command('migrate').description('apply pending database migrations and exit').action(async () => {
    const { database } = await prepareProcess();
    process.stderr.write(`Database is up to date (${database.description}).\n`);
    await database.stop();
  });
}
