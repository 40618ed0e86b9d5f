import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import connectPgSimple from 'connect-pg-simple';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { pgPool } from '../../database/pg-pool';
import { AuthSettings } from '../auth-settings';
import { resolveSessionSecret } from './session-secret';

export const SESSION_COOKIE = 'nixsec_session';
export const SESSION_MAX_AGE_MS = 14 * 24 * 3600 * 1000;

/**
 * express-session with sessions in PostgreSQL (connect-pg-simple, table `http_session` from the
 * auth migration). Sessions last 14 days from login: touching them on every request would cost a
 * write per request, so `disableTouch` is on and the cookie has a fixed lifetime.
 * Anonymous visitors get no session row (saveUninitialized: false) until they start a login.
 * Built when an HTTP server starts (so a missing production SESSION_SECRET stops `serve` at
 * start-up), never in a worker, which has no sessions.
 */
@Injectable()
export class HttpSession implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(HttpSession.name);
  private built?: { store: InstanceType<ReturnType<typeof connectPgSimple>>; handler: RequestHandler };

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly settings: AuthSettings,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    if (this.adapterHost.httpAdapter) this.build();
  }

  /** Loads (or prepares) `req.session`. */
  load(req: Request, res: Response): Promise<void> {
    const { handler } = this.build();
    return new Promise((resolve, reject) => handler(req, res, ((err?: unknown) => (err ? reject(err) : resolve())) as NextFunction));
  }

  async onModuleDestroy(): Promise<void> {
    await this.built?.store.close();
  }

  private build() {
    if (this.built) return this.built;
    const PgStore = connectPgSimple(session);
    const store = new PgStore({
      pool: pgPool(this.dataSource),
      tableName: 'http_session',
      createTableIfMissing: false,
      disableTouch: true,
      pruneSessionInterval: 15 * 60,
      errorLog: (...args: unknown[]) => this.logger.error(`session store: ${args.map(String).join(' ')}`),
    });
    const handler = session({
      name: SESSION_COOKIE,
      secret: resolveSessionSecret(this.config),
      store,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: this.settings.secureCookies, maxAge: SESSION_MAX_AGE_MS, path: '/' },
    });
    this.built = { store, handler };
    return this.built;
  }
}

export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}

export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}

export function destroySession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
}
