import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { redactUrl } from './redact-url';

/** Header and field paths whose values must never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-hub-signature-256"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
  '*.clientSecret',
  '*.databaseUrl',
];

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Structured JSON logs (pino) with a request id per HTTP request, honouring an incoming X-Request-Id. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.get('LOG_LEVEL'),
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          genReqId: (req: IncomingMessage, res) => {
            const incoming = req.headers['x-request-id'];
            const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
            res.setHeader('X-Request-Id', id);
            return id;
          },
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/healthz' || req.url === '/readyz' },
          // URLs carry OAuth codes and states (GitHub's redirect to /auth/github/callback, our redirect
          // to GitHub's authorize page in Location): query values are logged redacted (redact-url.ts).
          serializers: {
            req: (req: { id: string; method: string; url: string }) => {
              const question = req.url.indexOf('?');
              return {
                id: req.id,
                method: req.method,
                path: question === -1 ? req.url : req.url.slice(0, question),
                ...(question === -1 ? {} : { query: redactUrl(req.url.slice(question)) }),
              };
            },
            res: (res: { statusCode: number; headers?: Record<string, unknown> }) => ({
              statusCode: res.statusCode,
              headers: res.headers && {
                ...res.headers,
                ...('location' in res.headers ? { location: redactUrl(res.headers.location) } : {}),
              },
            }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
