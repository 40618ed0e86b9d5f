import { DynamicModule, INestApplication, INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import { trustProxySetting } from '../auth/trust-proxy';
import { AppConfig } from '../config/app-config';
import { GITHUB_WEBHOOK_PATH, githubWebhookRawBody } from '../github/webhooks/webhook-raw-body';

/** The HTTP application exactly as production runs it; tests use this too. */
export async function createHttpApp(
  config: AppConfig,
  extraModules: Array<Type<unknown> | DynamicModule> = [],
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, 'serve', extraModules), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Before Nest's body parsers: webhook signatures cover the exact bytes GitHub sent.
  app.use(GITHUB_WEBHOOK_PATH, githubWebhookRawBody());
  const express = app.getHttpAdapter().getInstance();
  express.disable('x-powered-by');
  // Client addresses and HTTPS as the reverse proxy reports them (rate limits per IP, Secure cookies).
  express.set('trust proxy', trustProxySetting(config.get('NIXSEC_TRUST_PROXY')));
  return app;
}

/** A process that runs jobs without serving HTTP. */
export async function createWorkerContext(
  config: AppConfig,
  extraModules: Array<Type<unknown> | DynamicModule> = [],
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, 'worker', extraModules), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  return app;
}
