import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nixpkgs channels and their evaluations, deduplicated: a derivation (by drvPath) and a meta
 * block (by content hash) are stored once; `channel_member` says which attribute of a channel
 * pointed to which derivation from which evaluation to which (an open interval while current),
 * so an evaluation that changed 1% writes ~1% new rows.
 */
export class NixpkgsEvaluations1732406600000 implements MigrationInterface {
  name = 'NixpkgsEvaluations1732406600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE channel (
        name text PRIMARY KEY,
        release text NOT NULL,
        variant text NOT NULL,
        state text NOT NULL CHECK (state IN ('unstable', 'stable', 'beta', 'deprecated', 'end-of-life')),
        tracked boolean NOT NULL DEFAULT true,
        head_revision text CHECK (head_revision ~ '^[0-9a-f]{40}$'),
        head_updated_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE evaluation (
        id serial PRIMARY KEY,
        channel text NOT NULL REFERENCES channel (name),
        revision text NOT NULL CHECK (revision ~ '^[0-9a-f]{40}$'),
        status text NOT NULL CHECK (status IN ('waiting', 'running', 'completed', 'failed', 'crashed')),
        source text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        counts jsonb NOT NULL DEFAULT '{}'::jsonb,
        log_tail text,
        error text,
        UNIQUE (channel, revision)
      )`);
    await q.query(`CREATE INDEX evaluation_channel_idx ON evaluation (channel, id DESC)`);
    await q.query(`
      CREATE TABLE maintainer (
        id serial PRIMARY KEY,
        github_id bigint UNIQUE,
        github text,
        name text,
        email text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Maintainers without a githubId (rare, old entries) are keyed by their handle instead.
    await q.query(`CREATE UNIQUE INDEX maintainer_handle_only_idx ON maintainer (lower(github)) WHERE github_id IS NULL`);
    await q.query(`CREATE INDEX maintainer_github_idx ON maintainer (lower(github))`);
    await q.query(`
      CREATE TABLE derivation (
        id serial PRIMARY KEY,
        drv_path text NOT NULL UNIQUE,
        name text NOT NULL,
        pname text NOT NULL,
        version text NOT NULL,
        system text NOT NULL,
        outputs jsonb NOT NULL,
        input_drv_paths text[] NOT NULL
      )`);
    await q.query(`CREATE INDEX derivation_pname_idx ON derivation (lower(pname))`);
    await q.query(`CREATE INDEX derivation_inputs_idx ON derivation USING gin (input_drv_paths)`);
    await q.query(`
      CREATE TABLE derivation_meta (
        id serial PRIMARY KEY,
        sha256 bytea NOT NULL UNIQUE,
        description text,
        long_description text,
        homepages text[] NOT NULL,
        licenses text[] NOT NULL,
        known_vulnerabilities text[] NOT NULL,
        position_file text,
        position_line integer,
        broken boolean NOT NULL,
        insecure boolean NOT NULL,
        unfree boolean NOT NULL,
        unsupported boolean NOT NULL,
        main_program text,
        cpe text,
        teams text[] NOT NULL,
        maintainer_ids integer[] NOT NULL,
        extra_meta jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX derivation_meta_maintainers_idx ON derivation_meta USING gin (maintainer_ids)`);
    await q.query(`
      CREATE TABLE channel_member (
        channel text NOT NULL REFERENCES channel (name),
        attr text NOT NULL,
        package_attr text NOT NULL,
        derivation_id integer NOT NULL REFERENCES derivation (id),
        meta_id integer NOT NULL REFERENCES derivation_meta (id),
        line_sha256 bytea NOT NULL,
        first_evaluation_id integer NOT NULL REFERENCES evaluation (id),
        last_evaluation_id integer REFERENCES evaluation (id),
        PRIMARY KEY (channel, attr, first_evaluation_id)
      )`);
    await q.query(`CREATE INDEX channel_member_current_idx ON channel_member (channel, attr) WHERE last_evaluation_id IS NULL`);
    await q.query(`CREATE INDEX channel_member_derivation_idx ON channel_member (derivation_id)`);
    await q.query(`CREATE INDEX channel_member_first_evaluation_idx ON channel_member (first_evaluation_id)`);
    await q.query(`CREATE INDEX channel_member_package_idx ON channel_member (lower(package_attr))`);
    await q.query(`
      CREATE TABLE evaluation_error (
        evaluation_id integer NOT NULL REFERENCES evaluation (id) ON DELETE CASCADE,
        attr text NOT NULL,
        error text NOT NULL,
        PRIMARY KEY (evaluation_id, attr)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['evaluation_error', 'channel_member', 'derivation_meta', 'derivation', 'maintainer', 'evaluation', 'channel']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
