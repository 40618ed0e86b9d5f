import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Boot chain: a `--check` rebuild that differs from the builder's first build is evidence of
 * nondeterminism (kept on the attestation, with the rebuilt NAR hash when it could be read), such
 * a build is a completed check (`check_mismatch`, dependents go on), and a builder's Nix version
 * is detected (not only what it was registered with).
 */
export class BootChainEvidence1732408400000 implements MigrationInterface {
  name = 'BootChainEvidence1732408400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE boot_chain_attestation
        ADD COLUMN rebuild_differs boolean NOT NULL DEFAULT false,
        ADD COLUMN rebuild_nar_hash text CHECK (rebuild_nar_hash ~ '^(sha256|sha512)-')`);
    await q.query(`ALTER TABLE boot_chain_build DROP CONSTRAINT boot_chain_build_status_check`);
    await q.query(`
      ALTER TABLE boot_chain_build
        ADD CONSTRAINT boot_chain_build_status_check
          CHECK (status IN ('waiting', 'queued', 'running', 'succeeded', 'check_mismatch', 'failed', 'timed_out', 'cancelled', 'reused')),
        ADD COLUMN checked boolean NOT NULL DEFAULT false`);
    await q.query(`
      ALTER TABLE boot_chain_builder
        ADD COLUMN detected_nix_version text,
        ADD COLUMN nix_version_detected_at timestamptz,
        ADD COLUMN nix_version_error text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE boot_chain_builder DROP COLUMN detected_nix_version, DROP COLUMN nix_version_detected_at, DROP COLUMN nix_version_error`);
    await q.query(`UPDATE boot_chain_build SET status = 'succeeded' WHERE status = 'check_mismatch'`);
    await q.query(`ALTER TABLE boot_chain_build DROP CONSTRAINT boot_chain_build_status_check, DROP COLUMN checked`);
    await q.query(`
      ALTER TABLE boot_chain_build ADD CONSTRAINT boot_chain_build_status_check
        CHECK (status IN ('waiting', 'queued', 'running', 'succeeded', 'failed', 'timed_out', 'cancelled', 'reused'))`);
    await q.query(`ALTER TABLE boot_chain_attestation DROP COLUMN rebuild_differs, DROP COLUMN rebuild_nar_hash`);
  }
}
