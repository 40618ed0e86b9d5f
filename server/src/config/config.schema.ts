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

// Classic (ghp_…), fine-grained (github_pat_…) or any other token: one line without spaces.
const githubToken = z.string().regex(/^\S+$/, 'expected a GitHub token (ghp_…, github_pat_…) on one line without spaces');

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
  // PR tracking (issue 8): where Nixpkgs pull requests have landed. The graph is chains such as
  // "staging -> master -> nixos-unstable" (YY.MM for any release); unset: the Nixpkgs default in code.
  NIXSEC_BRANCH_GRAPH: z.string().min(1).optional(),
  // The bare mirror of NIXSEC_NIXPKGS_REMOTE that landings are computed in (relative to NIXSEC_DATA_DIR).
  NIXSEC_NIXPKGS_MIRROR: z.string().min(1).default('nixpkgs-mirror.git'),
  NIXSEC_PR_REPOSITORY: z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'expected OWNER/REPO, e.g. NixOS/nixpkgs').default('NixOS/nixpkgs'),
  NIXSEC_PR_SYNC_CRON: cron.default('*/10 * * * *'),
  // The first sync reads pull requests updated this many days back; later ones follow a checkpoint.
  NIXSEC_PR_LOOKBACK_DAYS: positiveInt(3650).default(30),
  // Release branches older than this (YY.MM) are not fetched nor tracked.
  // Labels whose PRs are listed with their landings (GraphQL labeledPullRequests); comma-separated.
  NIXSEC_PR_LABELS: z.string().default('1.severity: security'),
  NIXSEC_PR_OLDEST_RELEASE: z.string().regex(/^\d{2}\.\d{2}$/, 'expected a release as YY.MM, e.g. 24.05').default('24.05'),
  // Boot chain: Nix programs, the store derivations are instantiated into (default: Nix's own), the
  // stage rule table (JSON, replaces the default) and how many distinct builders make "reproduced".
  NIXSEC_NIX: z.string().min(1).default('nix'),
  NIXSEC_NIX_INSTANTIATE: z.string().min(1).default('nix-instantiate'),
  NIXSEC_NIX_STORE: z.string().min(1).default('nix-store'),
  NIXSEC_BOOT_CHAIN_EVAL_STORE: z.string().optional(),
  NIXSEC_BOOT_CHAIN_STAGE_RULES_FILE: z.string().optional(),
  NIXSEC_BOOT_CHAIN_MIN_BUILDERS: positiveInt(64).default(2),
  // Advisories (issue 7): where published advisories become GitHub issues.
  NIXSEC_ADVISORY_REPOSITORY: z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'expected OWNER/REPO, e.g. NixOS/nixpkgs').default('NixOS/nixpkgs'),
  NIXSEC_ADVISORY_LABELS: z.string().default('1.severity: security'),
  NIXSEC_ADVISORY_PING_MAINTAINERS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  // In-app notifications fan-out (issue 7): every minute by default; "off" leaves it to explicit enqueues.
  NIXSEC_NOTIFY_CRON: cron.default('* * * * *'),
  // E-mail digest of notifications (issue 7): on only when SMTP_URL is set and the cron is not "off".
  // The password goes in SMTP_PASSWORD(_FILE), never in the URL; the URL is a secret all the same, so
  // a configuration error never echoes one that has a password in it.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/?#]+(:\d+)?\/?$/, 'expected smtp://[user@]host[:port] (STARTTLS when offered) or smtps://[user@]host[:port] (TLS)')
    .refine((v) => !/^smtps?:\/\/[^@/]*:[^@/]*@/.test(v), 'put the password in SMTP_PASSWORD or SMTP_PASSWORD_FILE, not in the URL')
    .optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  NIXSEC_EMAIL_FROM: z
    .string()
    .regex(/^([^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, 'expected an address, e.g. nixsec@example.org or "nixsec <nixsec@example.org>"')
    .optional(),
  NIXSEC_DIGEST_CRON: cron.default('0 7 * * *'),
  // Auth (issue 6). GitHub OAuth is configured when both the client id and secret are set.
  GITHUB_URL: z.string().url('expected the base URL of GitHub (for /login/oauth/…), e.g. https://github.com').default('https://github.com'),
  // GITHUB_API_URL (below, with the GitHub client's settings) is also where login reads /user and team memberships.
  GITHUB_CLIENT_ID: z.string().min(1).optional(),
  GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
  SESSION_SECRET: z.string().min(32, 'expected at least 32 characters (e.g. `openssl rand -hex 32`)').optional(),
  NIXSEC_TRUST_PROXY: z.string().min(1).default('loopback'),
  NIXSEC_SECURITY_TEAM: z
    .string()
    .regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'expected ORG/TEAM-SLUG, e.g. NixOS/security')
    .default('NixOS/security'),
  NIXSEC_ROLE_TTL_MINUTES: positiveInt(1440).default(10),
  NIXSEC_ADMIN_GITHUB_IDS: z
    .string()
    .regex(/^\s*(\d+(\s*,\s*\d+)*)?\s*$/, 'expected comma-separated GitHub user ids, e.g. 1234,5678')
    .default(''),
  NIXSEC_RATE_LIMIT_PER_IP: positiveInt(1_000_000).default(600),
  NIXSEC_RATE_LIMIT_PER_TOKEN: positiveInt(1_000_000).default(300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GITHUB_API_URL: z
    .string()
    .url('expected the GitHub REST API base URL, e.g. https://api.github.com or https://ghe.example.org/api/v3')
    .default('https://api.github.com'),
  GITHUB_TOKEN: githubToken.optional(),
  GITHUB_APP_ID: positiveInt(2_147_483_647).optional(),
  GITHUB_APP_PRIVATE_KEY: z
    .string()
    .regex(/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'expected the PEM private key downloaded from the GitHub App settings')
    .optional(),
  GITHUB_APP_INSTALLATION_ID: positiveInt(Number.MAX_SAFE_INTEGER).optional(),
  GITHUB_WEBHOOK_SECRET: z.string().min(8, 'expected the webhook secret entered in the GitHub webhook settings (8 characters or more)').optional(),
  // Replays are recognised only while their delivery row exists, and GitHub redelivers deliveries up
  // to 3 days old: keeping less than a week would let a redelivered success run twice.
  NIXSEC_WEBHOOK_RETENTION_DAYS: z.coerce
    .number({ invalid_type_error: 'expected a number of days between 7 and 3650' })
    .int('expected a number of days between 7 and 3650')
    .min(7, 'expected a number of days between 7 and 3650 (at least a week: replays are recognised only while their record is kept)')
    .max(3650, 'expected a number of days between 7 and 3650')
    .default(30),
  NIXSEC_WEBHOOK_PRUNE_CRON: cron.default('40 2 * * *'),
}).superRefine((values, ctx) => {
  checkGithubCredentials(values, ctx);
  checkSmtp(values, ctx);
});

export type AppConfigValues = z.infer<typeof configSchema>;

/** GitHub credentials are a personal token or a complete GitHub App installation, never half of one. */
function checkGithubCredentials(
  values: { GITHUB_TOKEN?: string; GITHUB_APP_ID?: number; GITHUB_APP_PRIVATE_KEY?: string; GITHUB_APP_INSTALLATION_ID?: number },
  ctx: z.RefinementCtx,
): void {
  const app = {
    GITHUB_APP_ID: values.GITHUB_APP_ID,
    GITHUB_APP_PRIVATE_KEY: values.GITHUB_APP_PRIVATE_KEY,
    GITHUB_APP_INSTALLATION_ID: values.GITHUB_APP_INSTALLATION_ID,
  };
  const given = Object.entries(app).filter(([, v]) => v !== undefined).map(([k]) => k);
  if (given.length === 0) return;
  const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
  if (values.GITHUB_TOKEN) {
    issue('GITHUB_TOKEN', `set either GITHUB_TOKEN(_FILE) or the GitHub App settings (${given.join(', ')}), not both`);
  } else if (given.length < 3) {
    const missing = Object.keys(app)
      .filter((k) => !given.includes(k))
      .map((k) => (k === 'GITHUB_APP_PRIVATE_KEY' ? 'GITHUB_APP_PRIVATE_KEY_FILE' : k));
    issue(given[0], `a GitHub App also needs ${missing.join(' and ')}`);
  }
}

/** SMTP is the URL, the sender and, when the URL names a user, the password: all of them or none. */
function checkSmtp(values: { SMTP_URL?: string; SMTP_PASSWORD?: string; NIXSEC_EMAIL_FROM?: string }, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
  if (!values.SMTP_URL) {
    if (values.SMTP_PASSWORD) issue('SMTP_PASSWORD', 'set SMTP_URL too (smtp://user@host:587), or unset SMTP_PASSWORD(_FILE)');
    return;
  }
  const user = /^smtps?:\/\/([^@/]+)@/.exec(values.SMTP_URL)?.[1];
  if (!values.NIXSEC_EMAIL_FROM) issue('SMTP_URL', 'e-mail also needs NIXSEC_EMAIL_FROM, the sender address (e.g. nixsec@example.org)');
  else if (user && !values.SMTP_PASSWORD) issue('SMTP_URL', `the URL names the user ${user}: set SMTP_PASSWORD_FILE (or SMTP_PASSWORD) too`);
  else if (!user && values.SMTP_PASSWORD) issue('SMTP_PASSWORD', 'SMTP_URL names no user to log in as: write it as smtp://user@host:port');
}

export const SECRET_VARIABLES = [
  'DATABASE_URL',
  'NVD_API_KEY',
  'GITHUB_TOKEN',
  'GITHUB_APP_PRIVATE_KEY',
  'GITHUB_WEBHOOK_SECRET',
  'GITHUB_CLIENT_SECRET',
  'SESSION_SECRET',
  'SMTP_URL',
  'SMTP_PASSWORD',
] as const;
