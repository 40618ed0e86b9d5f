import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Auth: users (keyed by GitHub id, which survives handle changes) with the roles last computed
 * for them, API tokens (only a sha256 of the secret is kept), and the HTTP session table used by
 * connect-pg-simple. The session table is created here, never by the store, so the schema has one
 * owner; its columns are the ones connect-pg-simple queries (sid, sess, expire).
 */
export class Auth1732407000000 implements MigrationInterface {
  name = 'Auth1732407000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id serial PRIMARY KEY,
        github_id bigint NOT NULL UNIQUE,
        login text NOT NULL,
        name text,
        avatar_url text,
        demo_role text CHECK (demo_role IN ('maintainer', 'security-team')),
        team_member boolean NOT NULL DEFAULT false,
        maintainer boolean NOT NULL DEFAULT false,
        roles text[] NOT NULL DEFAULT '{}',
        roles_checked_at timestamptz,
        team_checked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz,
        CHECK ((demo_role IS NULL) = (github_id > 0))
      )`);
    await q.query(`
      CREATE TABLE api_token (
        id serial PRIMARY KEY,
        user_id integer NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (name <> ''),
        scope text NOT NULL CHECK (scope IN ('read', 'triage', 'admin')),
        secret_sha256 bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_token_user_idx ON api_token (user_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE http_session (
        sid varchar NOT NULL PRIMARY KEY,
        sess json NOT NULL,
        expire timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX http_session_expire_idx ON http_session (expire)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['http_session', 'api_token', 'app_user']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
