import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { createHttpApp } from '../bootstrap/create-app';
import { AppConfig } from '../config/app-config';
import { loadConfig } from '../config/load-config';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  config: AppConfig;
  db: TestDatabase;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Extra modules, e.g. one that registers a job handler for a test. */
  modules?: Array<Type<unknown> | DynamicModule>;
}

/** The real HTTP app on a random port of 127.0.0.1, with its own migrated database. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = new AppConfig(
    loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      NIXSEC_RUN_JOBS: 'false',
      ...options.env,
      DATABASE_URL: db.url,
    }),
  );
  const app = await createHttpApp(config, options.modules ?? []);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    config,
    db,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
