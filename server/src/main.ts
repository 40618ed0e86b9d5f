#!/usr/bin/env node
import 'reflect-metadata';
import { buildProgram } from './cli/program';
import { ConfigError } from './config/load-config';

buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`nixsec: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
