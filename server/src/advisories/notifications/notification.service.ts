import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { pgPool } from '../../database/pg-pool';
import { withTransaction } from '../../database/transaction';
import { PackageMaintainersReader } from '../../ingestion/evaluations/package-maintainers.reader';
import { EvaluationQueryRepository } from '../../ingestion/evaluations/graphql/evaluation-query.repository';
import { AdvisoryError } from '../advisory.error';
import { isEmailAddress } from './email-digest/digest-message';
import { digestUnavailableReason } from './email-digest/smtp-mailer';
import { DEFAULT_SWITCHES, Switches } from './notification-plan';
import { NotificationRow, NotificationStore, PreferencesRow, SubscriptionRow } from './notification.store';

const MAX_SUBSCRIPTIONS = 500;
export const TARGET_TYPES = ['package', 'channel'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

export interface Preferences extends PreferencesRow {
  emailDigestAvailable: boolean;
}

export interface PreferencesChange extends Partial<Switches> {
  emailDigest?: boolean;
  /** null or "" clears the address. */
  email?: string | null;
}

/** A user's own notifications, subscriptions and switches: every method takes the caller's githubId and touches nothing else. */
@Injectable()
export class NotificationService {
  private readonly pool: Pool;
  private readonly store: NotificationStore;
  private readonly channels: EvaluationQueryRepository;

  constructor(
    dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    this.pool = pgPool(dataSource);
    this.store = new NotificationStore(this.pool);
    this.channels = new EvaluationQueryRepository(dataSource);
  }

  async list(githubId: number, first: number, after: string | null, unreadOnly: boolean): Promise<{ rows: NotificationRow[]; hasNext: boolean }> {
    if (after !== null && !/^\d{1,18}$/.test(after)) throw new AdvisoryError('BAD_USER_INPUT', `after: "${after}" is not a notification cursor: pass the endCursor of the previous page.`);
    const rows = await this.store.list(githubId, { unreadOnly, before: after }, first + 1);
    return { rows: rows.slice(0, first), hasNext: rows.length > first };
  }

  unreadCount(githubId: number): Promise<number> {
    return this.store.unreadCount(githubId);
  }

  markRead(githubId: number, ids: readonly string[]): Promise<number> {
    const bad = ids.find((id) => !/^\d{1,18}$/.test(id));
    if (bad !== undefined) throw new AdvisoryError('BAD_USER_INPUT', `"${bad}" is not a notification id: the notifications query lists them.`);
    return this.store.markRead(githubId, ids);
  }

  markAllRead(githubId: number): Promise<number> {
    return this.store.markRead(githubId, null);
  }

  subscriptions(githubId: number): Promise<SubscriptionRow[]> {
    return this.store.subscriptions(githubId);
  }

  /** Follows a package attribute that a tracked channel ships now, or a tracked channel. */
  async subscribe(githubId: number, targetType: string, target: string): Promise<SubscriptionRow> {
    const type = targetTypeOf(targetType);
    const name = target.trim();
    if (type === 'package') await this.checkPackage(name);
    else await this.checkChannel(name);
    if ((await this.store.subscriptionCount(githubId)) >= MAX_SUBSCRIPTIONS) {
      throw new AdvisoryError('BAD_USER_INPUT', `You follow ${MAX_SUBSCRIPTIONS} packages and channels already: unsubscribe from some first.`);
    }
    return this.store.subscribe({ githubId, targetType: type, target: name });
  }

  /** True when there was such a subscription. */
  unsubscribe(githubId: number, targetType: string, target: string): Promise<boolean> {
    return this.store.unsubscribe({ githubId, targetType: targetTypeOf(targetType), target: target.trim() });
  }

  async preferences(githubId: number): Promise<Preferences> {
    return this.withAvailability((await this.store.preferencesOf(githubId)) ?? DEFAULT_PREFERENCES);
  }

  /**
   * Changes what is given. The digest can be switched on only when the server sends e-mail, and
   * only with an address (given now or earlier); switching it off keeps the address.
   */
  async setPreferences(githubId: number, change: PreferencesChange): Promise<Preferences> {
    const email = change.email === undefined ? undefined : normaliseEmail(change.email);
    const stored = await withTransaction(this.pool, async (client) => {
      const store = new NotificationStore(client);
      const current = (await store.preferencesOf(githubId, true)) ?? DEFAULT_PREFERENCES;
      const next: PreferencesRow = {
        maintainedPackages: change.maintainedPackages ?? current.maintainedPackages,
        subscriptions: change.subscriptions ?? current.subscriptions,
        emailDigest: change.emailDigest ?? current.emailDigest,
        email: email === undefined ? current.email : email,
      };
      if (change.emailDigest === true && !current.emailDigest) {
        const unavailable = digestUnavailableReason(this.config);
        if (unavailable) throw new AdvisoryError('BAD_USER_INPUT', unavailable);
      }
      if (next.emailDigest && next.email === null) {
        throw new AdvisoryError(
          'BAD_USER_INPUT',
          change.email === undefined ? 'emailDigest: give the address the digest should go to (email).' : 'email: the digest is on: switch it off (emailDigest: false) to remove the address.',
        );
      }
      await store.setPreferences(githubId, next);
      return next;
    });
    return this.withAvailability(stored);
  }

  private withAvailability(p: PreferencesRow): Preferences {
    return { ...p, emailDigestAvailable: digestUnavailableReason(this.config) === null };
  }

  private async checkPackage(attr: string): Promise<void> {
    if (attr.length < 2) throw new AdvisoryError('BAD_USER_INPUT', 'Give the package attribute, e.g. openssl or python3Packages.requests.');
    const found = await new PackageMaintainersReader(this.pool).search(attr, 50);
    if (!found.some((p) => p.attr === attr)) {
      const close = found.slice(0, 3).map((p) => p.attr);
      throw new AdvisoryError('NOT_FOUND', `No tracked channel ships a package "${attr}"${close.length ? `: did you mean ${close.join(', ')}?` : ': search for it with packageSearch.'}`);
    }
  }

  private async checkChannel(name: string): Promise<void> {
    const channel = (await this.channels.channels()).find((c) => c.name === name);
    if (!channel) throw new AdvisoryError('NOT_FOUND', `There is no channel "${name}": the channels query lists them.`);
    if (!channel.tracked) throw new AdvisoryError('BAD_USER_INPUT', `The channel ${name} is not tracked, so nothing is ever suggested for it: follow a tracked channel.`);
  }
}

function targetTypeOf(value: string): TargetType {
  if (!(TARGET_TYPES as readonly string[]).includes(value)) throw new AdvisoryError('BAD_USER_INPUT', `targetType: "${value}" is neither package nor channel.`);
  return value as TargetType;
}

const DEFAULT_PREFERENCES: PreferencesRow = { ...DEFAULT_SWITCHES, emailDigest: false, email: null };

/** Trimmed, domain in lower case; null for "" (clears). */
function normaliseEmail(value: string | null): string | null {
  const email = (value ?? '').trim();
  if (email === '') return null;
  if (!isEmailAddress(email)) throw new AdvisoryError('BAD_USER_INPUT', `email: "${email.slice(0, 100)}" is not an e-mail address: write it as name@example.org.`);
  const at = email.lastIndexOf('@');
  return `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`;
}
