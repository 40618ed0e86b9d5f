import * as path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], {
    errorMap: () => ({ message: 'expected one of true, false, 1, 0, yes, no' }),
  })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce
  .number({ invalid_type_error: 'expected an integer between 1 and 65535' })
  .int('expected an integer between 1 and 65535')
  .min(1, 'expected an integer between 1 and 65535')
  .max(65535, 'expected an integer between 1 and 65535');

const positiveInt = (max: number) =>
  z.coerce
    .number({ invalid_type_error: `expected an integer between 1 and ${max}` })
    .int(`expected an integer between 1 and ${max}`)
    .min(1, `expected an integer between 1 and ${max}`)
    .max(max, `expected an integer between 1 and ${max}`);

// Five fields (minute hour day month weekday) or "off"; checked again by the cron library at start-up.
const cron = z
  .string()
  .regex(/^(off|(\S+\s+){4}\S+)$/, 'expected a cron expression with five fields, e.g. "0 3 * * *", or "off"');

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// connection URL');

/**
 * Every environment variable the server reads. Keys are the variable names so that an error can
 * name exactly what to fix. Variables listed in SECRET_VARIABLES may also be given as `<NAME>_FILE`
 * (systemd credentials, NixOS `*File` options) and are never logged.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_URL: z.string().url('expected an absolute URL such as https://nixsec.example.org').optional(),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: positiveInt(200).default(10),
  NIXSEC_DATA_DIR: z.string().min(1).default(path.resolve(process.cwd(), '.data')),
  NIXSEC_EMBEDDED_PG_PORT: port.default(54320),
  NIXSEC_RUN_JOBS: bool.default('true'),
  NIXSEC_WEB_DIST: z.string().min(1).optional(),
  NIXSEC_DEMO_DATA: bool.default('true'),
  GRAPHQL_MAX_DEPTH: positiveInt(50).default(12),
  GRAPHQL_MAX_COMPLEXITY: positiveInt(100000).default(5000),
  NVD_API_URL: z.string().url('expected the URL of the NVD CVE API 2.0 endpoint').default('https://services.nvd.nist.gov/rest/json/cves/2.0'),
  NVD_API_KEY: z.string().min(1).optional(),
  NIXSEC_NVD_CRON: cron.optional(),
  NIXSEC_CVE_LIST_PATH: z.string().min(1).optional(),
  NIXSEC_CVE_LIST_CRON: cron.default('0 3 * * *'),
  NIXSEC_CHANNELS: z.string().default('nixos-unstable,nixos-unstable-small,nixpkgs-unstable,nixos-*,nixpkgs-*-darwin'),
  NIXSEC_MONITORING_URL: z.string().url('expected the base URL of the NixOS monitoring Prometheus API').default('https://prometheus.nixos.org'),
  NIXSEC_STATIC_CHANNEL_HEADS: z.string().optional(),
  NIXSEC_CHANNELS_CRON: cron.optional(),
  NIXSEC_NIXPKGS_REPO: z.string().min(1).optional(),
  NIXSEC_NIXPKGS_REMOTE: z.string().min(1).default('https://github.com/NixOS/nixpkgs.git'),
  NIXSEC_NIX_EVAL_JOBS: z.string().min(1).default('nix-eval-jobs'),
  NIXSEC_EVAL_WORKERS: positiveInt(64).default(2),
  NIXSEC_EVAL_ARGS: z.string().default(''),
  NIXSEC_EVAL_MAX_MEMORY_MIB: positiveInt(1_048_576).default(4096),
  NIXSEC_EVAL_CONCURRENCY: positiveInt(16).default(1),
  NIXSEC_EVALUATIONS_KEEP: positiveInt(1000).default(5),
  NIXSEC_LINKAGE_CRON: cron.default('*/5 * * * *'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type AppConfigValues = z.infer<typeof configSchema>;

export const SECRET_VARIABLES = ['DATABASE_URL', 'NVD_API_KEY'] as const;
