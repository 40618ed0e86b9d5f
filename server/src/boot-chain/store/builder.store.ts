import { Pool } from 'pg';

export const BUILDER_KINDS = ['local', 'ssh-ng', 'hydra', 'binary-cache', 'external'] as const;
export type BuilderKind = (typeof BUILDER_KINDS)[number];

export interface BuilderRow {
  id: number;
  name: string;
  kind: BuilderKind;
  operator: string | null;
  host: Record<string, unknown>;
  /** As registered. */
  nixVersion: string | null;
  /** As last seen on the builder (`nix --version`, or the remote store's answer). */
  detectedNixVersion: string | null;
  nixVersionDetectedAt: Date | null;
  /** Why the last detection failed; null when it worked (or never ran). */
  nixVersionError: string | null;
  publicKey: string | null;
  storeUri: string | null;
  sshKeyFile: string | null;
  url: string | null;
  maxConcurrent: number;
  timeoutSeconds: number;
  systems: string[];
  enabled: boolean;
  hasToken: boolean;
  createdAt: Date;
}

export type BuilderInput = Omit<BuilderRow, 'id' | 'hasToken' | 'createdAt' | 'detectedNixVersion' | 'nixVersionDetectedAt' | 'nixVersionError'>;

/**
 * A registration names the builder and its kind; on an existing builder, a field left out
 * (undefined) keeps its value and null clears it. A new builder gets defaults for what is left out.
 */
export type BuilderRegistration = Pick<BuilderInput, 'name' | 'kind'> & Partial<Omit<BuilderInput, 'name' | 'kind'>>;

const NEW_BUILDER: Omit<BuilderInput, 'name' | 'kind'> = {
  operator: null,
  host: {},
  nixVersion: null,
  publicKey: null,
  storeUri: null,
  sshKeyFile: null,
  url: null,
  maxConcurrent: 1,
  timeoutSeconds: 14_400,
  systems: [],
  enabled: true,
};

/** What a registration makes of the builder registered under that name (or of a new one). */
export function applyRegistration(existing: BuilderInput | null, registration: BuilderRegistration): BuilderInput {
  const given = Object.fromEntries(Object.entries(registration).filter(([, value]) => value !== undefined));
  return { ...NEW_BUILDER, ...(existing ? inputOf(existing) : {}), ...given } as BuilderInput;
}

function inputOf(row: BuilderInput): BuilderInput {
  const { name, kind, operator, host, nixVersion, publicKey, storeUri, sshKeyFile, url, maxConcurrent, timeoutSeconds, systems, enabled } = row;
  return { name, kind, operator, host, nixVersion, publicKey, storeUri, sshKeyFile, url, maxConcurrent, timeoutSeconds, systems, enabled };
}

const COLUMNS = `id, name, kind, operator, host, nix_version AS "nixVersion", detected_nix_version AS "detectedNixVersion",
  nix_version_detected_at AS "nixVersionDetectedAt", nix_version_error AS "nixVersionError", public_key AS "publicKey", store_uri AS "storeUri",
  ssh_key_file AS "sshKeyFile", url, max_concurrent AS "maxConcurrent", timeout_seconds AS "timeoutSeconds", systems, enabled,
  token_hash IS NOT NULL AS "hasToken", created_at AS "createdAt"`;

/** The builders registry. Only a hash of a submission token is kept. */
export class BuilderStore {
  constructor(readonly pool: Pool) {}

  async list(): Promise<BuilderRow[]> {
    return (await this.pool.query<BuilderRow>(`SELECT ${COLUMNS} FROM boot_chain_builder ORDER BY name`)).rows;
  }

  async byId(id: number): Promise<BuilderRow | null> {
    return (await this.pool.query<BuilderRow>(`SELECT ${COLUMNS} FROM boot_chain_builder WHERE id = $1`, [id])).rows[0] ?? null;
  }

  async byIds(ids: number[]): Promise<BuilderRow[]> {
    return (await this.pool.query<BuilderRow>(`SELECT ${COLUMNS} FROM boot_chain_builder WHERE id = ANY($1::int[]) ORDER BY name`, [ids])).rows;
  }

  async byName(name: string): Promise<BuilderRow | null> {
    return (await this.pool.query<BuilderRow>(`SELECT ${COLUMNS} FROM boot_chain_builder WHERE name = $1`, [name])).rows[0] ?? null;
  }

  async byTokenHash(tokenHash: string): Promise<BuilderRow | null> {
    return (await this.pool.query<BuilderRow>(`SELECT ${COLUMNS} FROM boot_chain_builder WHERE token_hash = $1 AND enabled`, [tokenHash])).rows[0] ?? null;
  }

  async upsert(input: BuilderInput, tokenHash: string | null): Promise<{ row: BuilderRow; created: boolean }> {
    const { rows } = await this.pool.query<BuilderRow & { created: boolean }>(
      `INSERT INTO boot_chain_builder (name, kind, operator, host, nix_version, public_key, store_uri, ssh_key_file, url, max_concurrent, timeout_seconds, systems, enabled, token_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (name) DO UPDATE SET kind = EXCLUDED.kind, operator = EXCLUDED.operator, host = EXCLUDED.host, nix_version = EXCLUDED.nix_version,
         public_key = EXCLUDED.public_key, store_uri = EXCLUDED.store_uri, ssh_key_file = EXCLUDED.ssh_key_file, url = EXCLUDED.url,
         max_concurrent = EXCLUDED.max_concurrent, timeout_seconds = EXCLUDED.timeout_seconds, systems = EXCLUDED.systems, enabled = EXCLUDED.enabled,
         token_hash = COALESCE(EXCLUDED.token_hash, boot_chain_builder.token_hash), updated_at = now()
       RETURNING ${COLUMNS}, (xmax = 0) AS created`,
      [input.name, input.kind, input.operator, input.host, input.nixVersion, input.publicKey, input.storeUri, input.sshKeyFile, input.url,
        input.maxConcurrent, input.timeoutSeconds, input.systems, input.enabled, tokenHash],
    );
    const { created, ...row } = rows[0];
    return { row, created };
  }

  /** A detected version replaces the previous one; a failed detection keeps it and says why. */
  async recordNixVersion(id: number, detected: { version: string } | { error: string }): Promise<BuilderRow | null> {
    const { rows } = 'version' in detected
      ? await this.pool.query<BuilderRow>(
          `UPDATE boot_chain_builder SET detected_nix_version = $2, nix_version_detected_at = now(), nix_version_error = NULL WHERE id = $1 RETURNING ${COLUMNS}`,
          [id, detected.version],
        )
      : await this.pool.query<BuilderRow>(`UPDATE boot_chain_builder SET nix_version_error = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [id, detected.error]);
    return rows[0] ?? null;
  }
}
