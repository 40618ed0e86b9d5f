import { Pool, PoolClient } from 'pg';
import type { TokenScope } from '../policy';

export interface ApiTokenRow {
  id: number;
  userId: number;
  name: string;
  scope: TokenScope;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const COLUMNS = `id, user_id AS "userId", name, scope, created_at AS "createdAt", expires_at AS "expiresAt",
  last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/** Every query on api_token. Secrets are never stored, only their sha256. */
export class ApiTokenStore {
  constructor(private readonly pool: Pool) {}

  async insert(client: PoolClient, token: { userId: number; name: string; scope: TokenScope; secretSha256: Buffer; expiresInDays: number }): Promise<ApiTokenRow> {
    const { rows } = await client.query<ApiTokenRow>(
      `INSERT INTO api_token (user_id, name, scope, secret_sha256, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(days => $5))
       RETURNING ${COLUMNS}`,
      [token.userId, token.name, token.scope, token.secretSha256, token.expiresInDays],
    );
    return rows[0];
  }

  async countActive(userId: number): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM api_token WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [userId],
    );
    return rows[0].n;
  }

  async bySecret(secretSha256: Buffer): Promise<ApiTokenRow | null> {
    const { rows } = await this.pool.query<ApiTokenRow>(`SELECT ${COLUMNS} FROM api_token WHERE secret_sha256 = $1`, [secretSha256]);
    return rows[0] ?? null;
  }

  async listForUser(userId: number): Promise<ApiTokenRow[]> {
    const { rows } = await this.pool.query<ApiTokenRow>(`SELECT ${COLUMNS} FROM api_token WHERE user_id = $1 ORDER BY created_at DESC, id DESC`, [userId]);
    return rows;
  }

  /** Revokes one of the user's tokens; returns it (also when it was revoked before), or null when it is not theirs. */
  async revoke(client: PoolClient, userId: number, id: number): Promise<{ token: ApiTokenRow; changed: boolean } | null> {
    const updated = await client.query<ApiTokenRow>(
      `UPDATE api_token SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      [id, userId],
    );
    if (updated.rows[0]) return { token: updated.rows[0], changed: true };
    const existing = await client.query<ApiTokenRow>(`SELECT ${COLUMNS} FROM api_token WHERE id = $1 AND user_id = $2`, [id, userId]);
    return existing.rows[0] ? { token: existing.rows[0], changed: false } : null;
  }

  /** Records use at most once a minute per token: a conditional UPDATE that usually matches nothing. */
  async touch(id: number): Promise<void> {
    await this.pool.query(
      `UPDATE api_token SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
