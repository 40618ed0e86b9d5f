import * as nodemailer from 'nodemailer';
import type { AppConfig } from '../../../config/app-config';
import type { DigestMessage } from './digest-message';

export interface SmtpSettings {
  host: string;
  port: number;
  /** smtps://: TLS from the first byte; smtp://: STARTTLS whenever the server offers it. */
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
}

/** Why the digest is off, for the preferences' error message; null when it is on. */
export function digestUnavailableReason(config: AppConfig): string | null {
  if (!config.get('SMTP_URL')) return 'E-mail digests are off on this server (no SMTP_URL is configured): ask its administrators, or use the in-app notifications.';
  if (config.get('NIXSEC_DIGEST_CRON') === 'off') return 'E-mail digests are off on this server (NIXSEC_DIGEST_CRON=off): ask its administrators, or use the in-app notifications.';
  return null;
}

/** The SMTP server from SMTP_URL, SMTP_PASSWORD(_FILE) and NIXSEC_EMAIL_FROM (the schema checked they go together); null when not configured. */
export function smtpSettings(config: AppConfig): SmtpSettings | null {
  const raw = config.get('SMTP_URL');
  const from = config.get('NIXSEC_EMAIL_FROM');
  if (!raw || !from) return null;
  const url = new URL(raw);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    user: url.username ? decodeURIComponent(url.username) : null,
    password: config.get('SMTP_PASSWORD') ?? null,
    from,
  };
}

export interface Mailer {
  send(to: string, message: DigestMessage): Promise<void>;
  close(): void;
}

/** One connection per message (a daily digest is a handful of messages), so one user's failure never spills into the next. */
export function createMailer(settings: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
  return {
    async send(to, message) {
      await transport.sendMail({ from: settings.from, to, subject: message.subject, text: message.text });
    },
    close: () => transport.close(),
  };
}

type SmtpError = Error & { code?: string; responseCode?: number; syscall?: string; command?: string };

/**
 * `failed` when the server certainly did not take the message (it answered with a refusal, or no
 * connection was ever made), so the next run may send it; `uncertain` when the connection broke
 * or timed out mid-conversation, possibly after the server accepted it: those are not retried.
 */
export function classifySmtpFailure(err: unknown): 'failed' | 'uncertain' {
  const e = err as SmtpError;
  if (typeof e?.responseCode === 'number') return 'failed';
  if (e?.syscall === 'connect' || e?.syscall === 'getaddrinfo') return 'failed';
  if (['EDNS', 'ETLS', 'EAUTH', 'EENVELOPE', 'EMESSAGE', 'EPROTOCOL'].includes(e?.code ?? '')) return 'failed';
  if (e?.command && e.command !== 'CONN' && e.command !== 'DATA') return 'failed';
  return 'uncertain';
}

/** The error for logs and the digest row, never with the password in it. */
export function describeSmtpFailure(err: unknown, password: string | null): string {
  const e = err as SmtpError;
  const text = `${e?.code ? `${e.code}: ` : ''}${e instanceof Error ? e.message : String(err)}`.replace(/\s+/g, ' ').slice(0, 500);
  return password ? text.split(password).join('[redacted]') : text;
}
