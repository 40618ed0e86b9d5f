import { Pool, PoolClient } from 'pg';
import type { DemoRole, Role } from '../policy';

export interface UserRow {
  id: number;
  githubId: number;
  login: string;
  name: string | null;
  avatarUrl: string | null;
  demoRole: DemoRole | null;
  teamMember: boolean;
  maintainer: boolean;
  roles: Role[];
  rolesCheckedAt: Date | null;
  teamCheckedAt: Date | null;
}

export interface GithubIdentity {
  githubId: number;
  login: string;
  name: string | null;
  avatarUrl: string | null;
}

export interface RoleCheck {
  teamMember: boolean;
  /** When GitHub last answered for the team membership; unchanged when it did not answer. */
  teamCheckedAt: Date | null;
  maintainer: boolean;
  roles: Role[];
  checkedAt: Date;
}

const COLUMNS = `id, github_id::float8 AS "githubId", login, name, avatar_url AS "avatarUrl", demo_role AS "demoRole",
  team_member AS "teamMember", maintainer, roles, roles_checked_at AS "rolesCheckedAt", team_checked_at AS "teamCheckedAt"`;

/** Every query on app_user. */
export class UserStore {
  constructor(private readonly pool: Pool) {}

  async byId(id: number): Promise<UserRow | null> {
    const { rows } = await this.pool.query<UserRow>(`SELECT ${COLUMNS} FROM app_user WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Creates the user on first login; keeps handle, name and avatar current (handles can change, ids do not). */
  async upsertFromGithub(identity: GithubIdentity): Promise<UserRow> {
    const { rows } = await this.pool.query<UserRow>(
      `INSERT INTO app_user (github_id, login, name, avatar_url, last_login_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (github_id) DO UPDATE SET login = EXCLUDED.login, name = EXCLUDED.name, avatar_url = EXCLUDED.avatar_url, last_login_at = now()
       RETURNING ${COLUMNS}`,
      [identity.githubId, identity.login, identity.name, identity.avatarUrl],
    );
    return rows[0];
  }

  async upsertDemo(identity: GithubIdentity, demoRole: DemoRole): Promise<UserRow> {
    const { rows } = await this.pool.query<UserRow>(
      `INSERT INTO app_user (github_id, login, name, demo_role, last_login_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (github_id) DO UPDATE SET login = EXCLUDED.login, name = EXCLUDED.name, demo_role = EXCLUDED.demo_role, last_login_at = now()
       RETURNING ${COLUMNS}`,
      [identity.githubId, identity.login, identity.name, demoRole],
    );
    return rows[0];
  }

  /** Makes the next request of this user recompute their roles. */
  async markStale(githubId: number): Promise<void> {
    await this.pool.query(`UPDATE app_user SET roles_checked_at = NULL WHERE github_id = $1`, [githubId]);
  }

  /** Stores a role check; returns the roles stored before it (the row is locked, so concurrent checks see each other's result). */
  async saveRoleCheck(client: PoolClient, id: number, check: RoleCheck): Promise<Role[]> {
    const { rows } = await client.query<{ roles: Role[] }>(`SELECT roles FROM app_user WHERE id = $1 FOR UPDATE`, [id]);
    await client.query(
      `UPDATE app_user SET team_member = $2, team_checked_at = coalesce($3, team_checked_at), maintainer = $4, roles = $5, roles_checked_at = $6
       WHERE id = $1`,
      [id, check.teamMember, check.teamCheckedAt, check.maintainer, check.roles, check.checkedAt],
    );
    return rows[0]?.roles ?? [];
  }
}
