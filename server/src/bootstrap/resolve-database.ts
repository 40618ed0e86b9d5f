import * as path from 'node:path';
import { AppConfigValues } from '../config/config.schema';
import { startEmbeddedPostgres } from '../database/embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  /** Human description for the start-up banner; never contains the password. */
  description: string;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise a real embedded PostgreSQL kept under NIXSEC_DATA_DIR. */
export async function resolveDatabase(
  values: AppConfigValues,
  log: (line: string) => void = () => undefined,
): Promise<ResolvedDatabase> {
  if (values.DATABASE_URL) {
    const { hostname, port, pathname } = new URL(values.DATABASE_URL);
    return {
      url: values.DATABASE_URL,
      description: `PostgreSQL ${hostname || 'local socket'}${port ? `:${port}` : ''}${pathname}`,
      stop: async () => undefined,
    };
  }
  const dataDir = values.NIXSEC_DATA_DIR;
  const port = values.NIXSEC_EMBEDDED_PG_PORT;
  const pg = await startEmbeddedPostgres({ dataDir, port, log });
  return {
    url: pg.url,
    description: `embedded PostgreSQL, data in ${path.join(dataDir, 'postgres')}, 127.0.0.1:${port}`,
    stop: () => pg.stop(),
  };
}
