import { DynamicModule, INestApplication, INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import { AppConfig } from '../config/app-config';

/** The HTTP application exactly as production runs it; tests use this too. */
export async function createHttpApp(
  config: AppConfig,
  extraModules: Array<Type<unknown> | DynamicModule> = [],
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, 'serve', extraModules), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.getHttpAdapter().getInstance().disable('x-powered-by');
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
