import * as fs from 'node:fs';
import { ZodError } from 'zod';
import { AppConfigValues, configSchema, SECRET_VARIABLES } from './config.schema';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Resolves `<NAME>_FILE` indirections for secrets; a value and a file for the same name is ambiguous. */
function resolveSecretFiles(env: Env): Env {
  const resolved: Env = { ...env };
  for (const name of SECRET_VARIABLES) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name]) {
      throw new ConfigError(`${name} and ${name}_FILE are both set: set only one of them`);
    }
    try {
      resolved[name] = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new ConfigError(`${name}_FILE=${file}: cannot read the file (${reason})`);
    }
  }
  return resolved;
}

function describeIssue(error: ZodError, env: Env): string {
  const issue = error.issues[0];
  const name = String(issue.path[0]);
  const isSecret = (SECRET_VARIABLES as readonly string[]).includes(name);
  const shown = isSecret ? '<secret>' : JSON.stringify(env[name] ?? '');
  return `${name}=${shown}: ${issue.message}`;
}

/** Reads and validates configuration; throws ConfigError with one line naming the variable. */
export function loadConfig(env: Env = process.env): AppConfigValues {
  const resolved = resolveSecretFiles(env);
  // Empty strings mean "unset" so that `FOO= npm start` behaves like not setting FOO.
  const present = Object.fromEntries(Object.entries(resolved).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(`Invalid configuration: ${describeIssue(result.error, resolved)}`);
  }
  return result.data;
}
