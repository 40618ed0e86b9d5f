import { Pool, PoolClient } from 'pg';

export type AttestationSource = 'build' | 'ssh' | 'hydra' | 'binary-cache' | 'submission';

export interface AttestationRecord {
  builderId: number;
  drvPath: string;
  outputName: string;
  outputPath: string;
  narHash: string;
  narSize: number | null;
  references: string[] | null;
  signature: string | null;
  signatureStatus: string;
  ultimate: boolean | null;
  nixVersion: string | null;
  source: AttestationSource;
  /** A `--check` rebuild on this builder gave different bits than its first build (own builds only). */
  rebuildDiffers?: boolean;
  /** The rebuilt output's NAR hash, when it could be read (Nix keeps it at `<out>.check`). */
  rebuildNarHash?: string | null;
}

export interface AttestationRow extends AttestationRecord {
  id: string;
  rebuildDiffers: boolean;
  rebuildNarHash: string | null;
  builderName: string;
  recordedAt: Date;
}

const COLUMNS = `a.id::text AS id, a.builder_id AS "builderId", b.name AS "builderName", a.drv_path AS "drvPath", a.output_name AS "outputName",
  a.output_path AS "outputPath", a.nar_hash AS "narHash", a.nar_size::float8 AS "narSize", a.refs AS "references", a.signature,
  a.signature_status AS "signatureStatus", a.ultimate, a.nix_version AS "nixVersion", a.source,
  a.rebuild_differs AS "rebuildDiffers", a.rebuild_nar_hash AS "rebuildNarHash", a.recorded_at AS "recordedAt"`;

/**
 * One attestation per builder and output path: a builder's newer claim replaces its older one. A
 * differing `--check` rebuild stays on record while the builder still reports the same first
 * build (a later rebuild that happens to match does not erase the proof of nondeterminism).
 */
export class AttestationStore {
  constructor(readonly pool: Pool) {}

  async record(records: AttestationRecord[], client: Pool | PoolClient = this.pool): Promise<void> {
    for (const r of records) {
      await client.query(
        `INSERT INTO boot_chain_attestation (builder_id, drv_path, output_name, output_path, nar_hash, nar_size, refs, signature, signature_status, ultimate, nix_version, source,
           rebuild_differs, rebuild_nar_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (builder_id, output_path) DO UPDATE SET drv_path = EXCLUDED.drv_path, output_name = EXCLUDED.output_name, nar_hash = EXCLUDED.nar_hash,
           nar_size = EXCLUDED.nar_size, refs = EXCLUDED.refs, signature = EXCLUDED.signature, signature_status = EXCLUDED.signature_status,
           ultimate = EXCLUDED.ultimate, nix_version = EXCLUDED.nix_version, source = EXCLUDED.source, recorded_at = now(),
           rebuild_differs = EXCLUDED.rebuild_differs OR (boot_chain_attestation.rebuild_differs AND boot_chain_attestation.nar_hash = EXCLUDED.nar_hash),
           rebuild_nar_hash = CASE WHEN EXCLUDED.rebuild_differs THEN EXCLUDED.rebuild_nar_hash
                                   WHEN boot_chain_attestation.nar_hash = EXCLUDED.nar_hash THEN boot_chain_attestation.rebuild_nar_hash END`,
        [r.builderId, r.drvPath, r.outputName, r.outputPath, r.narHash, r.narSize, r.references, r.signature, r.signatureStatus, r.ultimate, r.nixVersion, r.source,
          r.rebuildDiffers ?? false, r.rebuildNarHash ?? null],
      );
    }
  }

  async forOutputPaths(paths: string[]): Promise<AttestationRow[]> {
    const { rows } = await this.pool.query<AttestationRow>(
      `SELECT ${COLUMNS} FROM boot_chain_attestation a JOIN boot_chain_builder b ON b.id = a.builder_id
        WHERE a.output_path = ANY($1::text[]) ORDER BY a.output_path, b.name`,
      [paths],
    );
    return rows;
  }

  /** Size and references another builder reported for the same content, to verify a claim that omits them. */
  async knownMetadata(outputPath: string, narHash: string): Promise<{ narSize: number; references: string[] } | null> {
    const { rows } = await this.pool.query<{ narSize: number; references: string[] }>(
      `SELECT nar_size::float8 AS "narSize", refs AS "references" FROM boot_chain_attestation
        WHERE output_path = $1 AND nar_hash = $2 AND nar_size IS NOT NULL AND refs IS NOT NULL LIMIT 1`,
      [outputPath, narHash],
    );
    return rows[0] ?? null;
  }

  /** Claims with a signature that could not be checked for want of size and references, for this content. */
  async unverifiable(outputPath: string, narHash: string): Promise<AttestationRow[]> {
    const { rows } = await this.pool.query<AttestationRow>(
      `SELECT ${COLUMNS} FROM boot_chain_attestation a JOIN boot_chain_builder b ON b.id = a.builder_id
        WHERE a.output_path = $1 AND a.nar_hash = $2 AND a.signature_status = 'unverifiable'`,
      [outputPath, narHash],
    );
    return rows;
  }

  /** Completes a claim with size and references learnt later, and the outcome of checking its signature. */
  async verified(id: string, metadata: { narSize: number; references: string[] }, signatureStatus: string): Promise<void> {
    await this.pool.query(
      `UPDATE boot_chain_attestation SET nar_size = $2, refs = $3, signature_status = $4 WHERE id = $1 AND signature_status = 'unverifiable'`,
      [id, metadata.narSize, metadata.references, signatureStatus],
    );
  }

  async knownOutput(outputPath: string): Promise<{ drvPath: string; outputName: string; references: string[] | null } | null> {
    const { rows } = await this.pool.query<{ drvPath: string; outputName: string; references: string[] | null }>(
      `SELECT o.drv_path AS "drvPath", o.output_name AS "outputName",
              (SELECT refs FROM boot_chain_attestation a WHERE a.output_path = o.output_path AND a.refs IS NOT NULL LIMIT 1) AS "references"
         FROM boot_chain_output o WHERE o.output_path = $1 LIMIT 1`,
      [outputPath],
    );
    return rows[0] ?? null;
  }
}
