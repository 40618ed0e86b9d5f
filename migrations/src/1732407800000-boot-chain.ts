import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Boot chain (server/src/boot-chain): derivations of bootstrap chains keyed by drv path (shared by
 * every revision that contains them, so unchanged derivations keep their verdicts), the targets
 * (revision, system, attribute) discovered, the builders that build or attest them, the builds
 * nixsec dispatched, and the attestations (one per builder and output; a newer one replaces it).
 */
export class BootChain1732407800000 implements MigrationInterface {
  name = 'BootChain1732407800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE boot_chain_derivation (
        drv_path text PRIMARY KEY CHECK (drv_path ~ '^/.+/[0-9a-z]{32}-[^/]+\\.drv$'),
        name text NOT NULL,
        pname text NOT NULL,
        version text,
        system text NOT NULL,
        builder text NOT NULL,
        stage text NOT NULL,
        prebuilt boolean NOT NULL DEFAULT false,
        fixed_output boolean NOT NULL DEFAULT false,
        first_seen_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE boot_chain_output (
        drv_path text NOT NULL REFERENCES boot_chain_derivation ON DELETE CASCADE,
        output_name text NOT NULL,
        output_path text NOT NULL,
        expected_hash text,
        expected_hash_mode text CHECK (expected_hash_mode IN ('flat', 'recursive', 'text')),
        PRIMARY KEY (drv_path, output_name)
      )`);
    await q.query(`CREATE INDEX boot_chain_output_path ON boot_chain_output (output_path)`);
    await q.query(`
      CREATE TABLE boot_chain_edge (
        drv_path text NOT NULL REFERENCES boot_chain_derivation ON DELETE CASCADE,
        input_drv_path text NOT NULL REFERENCES boot_chain_derivation ON DELETE CASCADE,
        PRIMARY KEY (drv_path, input_drv_path)
      )`);
    await q.query(`CREATE INDEX boot_chain_edge_input ON boot_chain_edge (input_drv_path)`);
    await q.query(`
      CREATE TABLE boot_chain_target (
        id serial PRIMARY KEY,
        revision text NOT NULL,
        system text NOT NULL,
        attr text NOT NULL,
        root_drv_path text NOT NULL REFERENCES boot_chain_derivation,
        discovered_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (revision, system, attr)
      )`);
    // depth: longest path from the node down to a leaf, so depth 0 holds the seeds and a build of
    // depth d only needs outputs of depth < d (dispatch order, and "earliest" for the weakest link).
    await q.query(`
      CREATE TABLE boot_chain_target_node (
        target_id integer NOT NULL REFERENCES boot_chain_target ON DELETE CASCADE,
        drv_path text NOT NULL REFERENCES boot_chain_derivation,
        depth integer NOT NULL CHECK (depth >= 0),
        PRIMARY KEY (target_id, drv_path)
      )`);
    await q.query(`
      CREATE TABLE boot_chain_builder (
        id serial PRIMARY KEY,
        name text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]*$'),
        kind text NOT NULL CHECK (kind IN ('local', 'ssh-ng', 'hydra', 'binary-cache', 'external')),
        operator text,
        host jsonb NOT NULL DEFAULT '{}',
        nix_version text,
        public_key text,
        store_uri text,
        ssh_key_file text,
        url text,
        max_concurrent integer NOT NULL DEFAULT 1 CHECK (max_concurrent BETWEEN 1 AND 256),
        timeout_seconds integer NOT NULL DEFAULT 14400 CHECK (timeout_seconds > 0),
        systems text[] NOT NULL DEFAULT '{}',
        token_hash text UNIQUE,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE boot_chain_build (
        id bigserial PRIMARY KEY,
        target_id integer NOT NULL REFERENCES boot_chain_target ON DELETE CASCADE,
        builder_id integer NOT NULL REFERENCES boot_chain_builder ON DELETE CASCADE,
        drv_path text NOT NULL REFERENCES boot_chain_derivation,
        status text NOT NULL CHECK (status IN ('waiting', 'queued', 'running', 'succeeded', 'failed', 'timed_out', 'cancelled', 'reused')),
        attempts integer NOT NULL DEFAULT 0,
        error text,
        log_tail text,
        log_file text,
        fod_got_hash text,
        queued_at timestamptz,
        started_at timestamptz,
        finished_at timestamptz,
        UNIQUE (target_id, builder_id, drv_path)
      )`);
    await q.query(`CREATE INDEX boot_chain_build_status ON boot_chain_build (target_id, builder_id, status)`);
    // No foreign key to boot_chain_derivation: third parties attest derivations nixsec has not
    // discovered (yet); they count as soon as a chain containing them is discovered.
    await q.query(`
      CREATE TABLE boot_chain_attestation (
        id bigserial PRIMARY KEY,
        builder_id integer NOT NULL REFERENCES boot_chain_builder ON DELETE CASCADE,
        drv_path text NOT NULL,
        output_name text NOT NULL,
        output_path text NOT NULL,
        nar_hash text NOT NULL CHECK (nar_hash ~ '^(sha256|sha512)-'),
        nar_size bigint,
        refs text[],
        signature text,
        signature_status text NOT NULL CHECK (signature_status IN ('valid', 'invalid', 'unknown_key', 'missing', 'malformed', 'unverifiable', 'own_build')),
        ultimate boolean,
        nix_version text,
        source text NOT NULL CHECK (source IN ('build', 'ssh', 'hydra', 'binary-cache', 'submission')),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (builder_id, output_path)
      )`);
    await q.query(`CREATE INDEX boot_chain_attestation_output ON boot_chain_attestation (output_path)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['boot_chain_attestation', 'boot_chain_build', 'boot_chain_builder', 'boot_chain_target_node', 'boot_chain_target', 'boot_chain_edge', 'boot_chain_output', 'boot_chain_derivation']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
