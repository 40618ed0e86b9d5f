import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { ActivityLog } from '../../activity/activity-log';
import { pgPool } from '../../database/pg-pool';
import { withTransaction } from '../../database/transaction';
import { AuthError } from '../auth.error';
import { mayCreateTokens, TokenScope } from '../policy';
import { actorOf, Principal } from '../principal';
import { ApiTokenRow, ApiTokenStore } from './api-token.store';

export const TOKEN_PREFIX = 'nixsec_';
const MAX_ACTIVE_TOKENS = 50;
const MAX_EXPIRY_DAYS = 366;
const USE_RECORDED_EVERY_MS = 60_000;

/**
 * The secret is 32 random bytes, so a fast unsalted sha256 is enough to keep a stolen database
 * from yielding usable tokens (nothing to brute-force), and it lets a request find its token with
 * one indexed lookup.
 */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** API tokens for scripts: created and revoked by their owner, shown once, scoped, expiring. */
@Injectable()
export class ApiTokenService {
  private readonly pool: Pool;
  private readonly store: ApiTokenStore;
  private readonly activity: ActivityLog;

  constructor(dataSource: DataSource) {
    this.pool = pgPool(dataSource);
    this.store = new ApiTokenStore(this.pool);
    this.activity = new ActivityLog(this.pool);
  }

  async create(principal: Principal, input: { name: string; scope: TokenScope; expiresInDays: number }): Promise<{ token: ApiTokenRow; secret: string }> {
    if (!mayCreateTokens(principal.via, principal.token?.scope ?? null)) {
      throw new AuthError('FORBIDDEN', 'API tokens are created in a logged-in browser session (or with an admin-scoped API token).');
    }
    const name = input.name.trim();
    if (name.length < 1 || name.length > 100) throw new AuthError('BAD_USER_INPUT', 'Give the token a name of 1 to 100 characters, e.g. "triage script on ci".');
    if (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > MAX_EXPIRY_DAYS) {
      throw new AuthError('BAD_USER_INPUT', `expiresInDays must be a whole number of days from 1 to ${MAX_EXPIRY_DAYS}.`);
    }
    if ((await this.store.countActive(principal.user.id)) >= MAX_ACTIVE_TOKENS) {
      throw new AuthError('BAD_USER_INPUT', `You have ${MAX_ACTIVE_TOKENS} active API tokens: revoke one you no longer use first.`);
    }
    const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const token = await withTransaction(this.pool, async (client) => {
      const row = await this.store.insert(client, {
        userId: principal.user.id,
        name,
        scope: input.scope,
        secretSha256: hashSecret(secret),
        expiresInDays: input.expiresInDays,
      });
      await this.activity.record(client, {
        actor: actorOf(principal),
        action: 'api-token.created',
        subjectType: 'api-token',
        subjectId: String(row.id),
        details: { owner: principal.user.login, name, scope: row.scope, expiresAt: row.expiresAt.toISOString() },
      });
      return row;
    });
    return { token, secret };
  }

  async revoke(principal: Principal, id: number): Promise<ApiTokenRow> {
    return withTransaction(this.pool, async (client) => {
      const result = await this.store.revoke(client, principal.user.id, id);
      if (!result) throw new AuthError('NOT_FOUND', `You have no API token with id ${id}: list yours with the apiTokens query.`);
      if (result.changed) {
        await this.activity.record(client, {
          actor: actorOf(principal),
          action: 'api-token.revoked',
          subjectType: 'api-token',
          subjectId: String(id),
          details: { owner: principal.user.login, name: result.token.name },
        });
      }
      return result.token;
    });
  }

  list(userId: number): Promise<ApiTokenRow[]> {
    return this.store.listForUser(userId);
  }

  /** The token behind an `Authorization: Bearer` secret, or an AuthError saying why it is refused. */
  async authenticate(secret: string): Promise<ApiTokenRow> {
    const token = secret.startsWith(TOKEN_PREFIX) ? await this.store.bySecret(hashSecret(secret)) : null;
    if (!token) {
      throw new AuthError('UNAUTHENTICATED', 'Unknown API token: send "Authorization: Bearer nixsec_…" with a token created in nixsec.');
    }
    if (token.revokedAt) {
      throw new AuthError('UNAUTHENTICATED', `This API token was revoked on ${token.revokedAt.toISOString()}: create a new one.`);
    }
    if (token.expiresAt.getTime() <= Date.now()) {
      throw new AuthError('UNAUTHENTICATED', `This API token expired on ${token.expiresAt.toISOString()}: create a new one.`);
    }
    if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() >= USE_RECORDED_EVERY_MS) await this.store.touch(token.id);
    return token;
  }
}
