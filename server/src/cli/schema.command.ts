import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { createHttpApp } from '../bootstrap/create-app';
import { prepareProcess } from '../bootstrap/run-process';
import { printAppSchema } from '../graphql/print-schema';

export const SCHEMA_FILE = path.resolve(__dirname, '..', '..', 'schema.graphql');

export function schemaCommand(): Command {
  return new Command('schema')
    .description('print the GraphQL schema (SDL); --write updates server/schema.graphql')
    .option('--write', `write it to ${path.relative(process.cwd(), SCHEMA_FILE)}`)
    .action(async (options: { write?: boolean }) => {
      const { config, database } = await prepareProcess({ NIXSEC_RUN_JOBS: 'false', LOG_LEVEL: 'warn' });
      const app = await createHttpApp(config);
      await app.init();
      const sdl = printAppSchema(app);
      await app.close();
      await database.stop();
      if (options.write) {
        fs.writeFileSync(SCHEMA_FILE, sdl);
        process.stderr.write(`Wrote ${SCHEMA_FILE}\n`);
      } else {
        process.stdout.write(sdl);
      }
    });
}
