import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import type { AppConfig } from '../../../config/app-config';
import { withTransaction } from '../../../database/transaction';
import { renderDigest } from './digest-message';
import { ClaimedDigest, DigestOutcome, EmailDigestStore } from './email-digest.store';
import { classifySmtpFailure, createMailer, describeSmtpFailure, Mailer, SmtpSettings, smtpSettings } from './smtp-mailer';

/** A digest still `sending` after this long belongs to a run that died (SMTP timeouts are a minute). */
const INTERRUPTED_AFTER_SECONDS = 60 * 60;
/** Consecutive users whose SMTP server could not be reached before a run stops trying (the next run resumes). */
const GIVE_UP_AFTER = 3;

export interface DigestFailure {
  githubId: number;
  error: string;
}

export interface DigestSummary {
  users: number;
  sent: number;
  notifications: number;
  failed: number;
  uncertain: number;
  /** Users left for the next run after SMTP failed several times in a row. */
  skipped: number;
  interrupted: number;
  /** The first 20 failures, for the job's error. */
  failures: DigestFailure[];
}

/**
 * One plain-text message per user with the digest on, listing their unread notifications that no
 * digest carried yet. Each user's notifications are claimed in a committed transaction before SMTP
 * is asked, so reruns and concurrent runs never mail one twice; a refusal releases the claim for
 * the next run. One user's failure is logged and the others still get theirs.
 */
export class EmailDigest {
  private readonly logger = new Logger(EmailDigest.name);

  constructor(
    private readonly pool: Pool,
    private readonly config: AppConfig,
    private readonly mailerFor: (settings: SmtpSettings) => Mailer = createMailer,
  ) {}

  async run(): Promise<DigestSummary> {
    const summary: DigestSummary = { users: 0, sent: 0, notifications: 0, failed: 0, uncertain: 0, skipped: 0, interrupted: 0, failures: [] };
    const settings = smtpSettings(this.config);
    if (!settings) return summary;
    const store = new EmailDigestStore(this.pool);
    summary.interrupted = await store.markInterrupted(INTERRUPTED_AFTER_SECONDS);
    if (summary.interrupted > 0) this.logger.warn(`${summary.interrupted} e-mail digest(s) of an earlier run never heard back from SMTP; their notifications are not mailed again`);
    const recipients = await store.recipients();
    const mailer = this.mailerFor(settings);
    let unreachable = 0;
    try {
      for (const [index, { githubId }] of recipients.entries()) {
        if (unreachable >= GIVE_UP_AFTER) {
          summary.skipped = recipients.length - index;
          this.logger.warn(`SMTP ${settings.host}:${settings.port} failed ${unreachable} times in a row: ${summary.skipped} digest(s) left for the next run`);
          break;
        }
        const digest = await withTransaction(this.pool, (client) => new EmailDigestStore(client).claim(githubId));
        if (!digest) continue;
        summary.users++;
        const { outcome, error } = await this.send(mailer, settings, githubId, digest);
        if (error !== null && summary.failures.length < 20) summary.failures.push({ githubId, error });
        if (outcome === 'sent') {
          summary.sent++;
          summary.notifications += digest.items.length;
          unreachable = 0;
        } else {
          summary[outcome]++;
          unreachable = outcome === 'failed' ? unreachable + 1 : 0;
        }
      }
    } finally {
      mailer.close();
    }
    return summary;
  }

  private async send(mailer: Mailer, settings: SmtpSettings, githubId: number, digest: ClaimedDigest): Promise<{ outcome: DigestOutcome; error: string | null }> {
    const message = renderDigest(digest.items, this.config.publicUrl);
    try {
      await mailer.send(digest.email, message);
    } catch (err) {
      const outcome = classifySmtpFailure(err);
      const error = describeSmtpFailure(err, settings.password);
      await withTransaction(this.pool, (client) => new EmailDigestStore(client).finish(digest.id, outcome, error));
      this.logger.warn(
        `e-mail digest ${digest.id} for GitHub user ${githubId} via ${settings.host}:${settings.port} ${outcome === 'failed' ? 'failed (the next run retries)' : 'may or may not have been delivered (not retried)'}: ${error}`,
      );
      return { outcome, error };
    }
    await new EmailDigestStore(this.pool).finish(digest.id, 'sent', null);
    return { outcome: 'sent', error: null };
  }
}
