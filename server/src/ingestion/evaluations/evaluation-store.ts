import { createHash } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { copyRows, CopyValue, Json } from '../../database/copy-rows';
import { withTransaction } from '../../database/transaction';
import { EvaluationErrorLine, NormalizedDerivation, NormalizedMaintainer } from '../nixpkgs/normalized-derivation';

export interface MemberRow {
  attr: string;
  packageAttr: string;
  drvPath: string;
  metaSha256: Buffer;
  lineSha256: Buffer;
}

export interface CurrentMembers {
  /** hex sha256 of a line → the attribute it made current */
  attrByLineSha: Map<string, string>;
  attrs: Set<string>;
}

// COPY text format escapes backslash, tab, newline and carriage return.
const unescapeCopyText = (value: string) =>
  value.includes('\\') ? value.replace(/\\([\\tnr])/g, (_m, c: string) => ({ t: '\t', n: '\n', r: '\r' })[c] ?? '\\') : value;

export interface StoredBatch {
  newDerivations: number;
  newMeta: number;
  derivationIds: Map<string, number>;
  metaIds: Map<string, number>; // by hex sha256
}

const META_COLUMNS = [
  'sha256', 'description', 'long_description', 'homepages', 'licenses', 'known_vulnerabilities', 'position_file',
  'position_line', 'broken', 'insecure', 'unfree', 'unsupported', 'main_program', 'cpe', 'teams', 'maintainer_ids', 'extra_meta',
];
const DERIVATION_COLUMNS = ['drv_path', 'name', 'pname', 'version', 'system', 'outputs', 'input_drv_paths'];

const maintainerKey = (m: NormalizedMaintainer) => (m.githubId !== null ? `id:${m.githubId}` : `gh:${(m.github ?? '').toLowerCase()}`);

/** The meta block of a derivation as stored once per distinct content. */
export function metaOf(d: NormalizedDerivation) {
  return {
    description: d.description,
    longDescription: d.longDescription,
    homepages: d.homepages,
    licenses: d.licenses,
    knownVulnerabilities: d.knownVulnerabilities,
    position: d.position,
    broken: d.broken,
    insecure: d.insecure,
    unfree: d.unfree,
    unsupported: d.unsupported,
    mainProgram: d.mainProgram,
    cpe: d.cpe,
    teams: d.teams,
    maintainers: d.maintainers,
    extraMeta: d.extraMeta,
  };
}

export function metaSha256(d: NormalizedDerivation): Buffer {
  return createHash('sha256').update(JSON.stringify(metaOf(d))).digest();
}

/** Every query of evaluation imports. Writes are set-based (unnest / COPY). */
export class EvaluationStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Attributes of the channel's current evaluation, by the hash of the line that made them current.
   * Read with COPY … TO STDOUT: for 100k+ rows that is several times faster than row objects.
   */
  async currentMembers(channel: string): Promise<CurrentMembers> {
    const client = await this.pool.connect();
    const attrByLineSha = new Map<string, string>();
    try {
      const { rows: completed } = await client.query<{ id: number }>(
        `SELECT id FROM evaluation WHERE channel = $1 AND status = 'completed'`,
        [channel],
      );
      const literal = channel.replace(/'/g, "''");
      const ids = completed.map((r) => Number(r.id)).join(',') || 'NULL';
      const stream = client.query(
        copyTo(`COPY (SELECT encode(line_sha256, 'hex'), attr FROM channel_member
                WHERE channel = '${literal}' AND last_evaluation_id IS NULL AND first_evaluation_id IN (${ids})) TO STDOUT`),
      );
      let rest = '';
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        const lines = (rest + chunk.toString('utf8')).split('\n');
        rest = lines.pop()!;
        for (const line of lines) {
          const tab = line.indexOf('\t');
          attrByLineSha.set(line.slice(0, tab), unescapeCopyText(line.slice(tab + 1)));
        }
      }
    } finally {
      client.release();
    }
    return { attrByLineSha, attrs: new Set(attrByLineSha.values()) };
  }

  async upsertMaintainers(client: PoolClient, maintainers: NormalizedMaintainer[]): Promise<Map<string, number>> {
    const unique = [...new Map(maintainers.map((m) => [maintainerKey(m), m])).values()];
    const withId = unique.filter((m) => m.githubId !== null);
    const handleOnly = unique.filter((m) => m.githubId === null && m.github);
    if (withId.length) {
      await client.query(
        `INSERT INTO maintainer (github_id, github, name, email)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[])
         ON CONFLICT (github_id) DO UPDATE SET github = EXCLUDED.github, name = EXCLUDED.name, email = EXCLUDED.email,
           updated_at = now()
         WHERE (maintainer.github, maintainer.name, maintainer.email) IS DISTINCT FROM (EXCLUDED.github, EXCLUDED.name, EXCLUDED.email)`,
        [withId.map((m) => m.githubId), withId.map((m) => m.github), withId.map((m) => m.name), withId.map((m) => m.email)],
      );
    }
    if (handleOnly.length) {
      await client.query(
        `INSERT INTO maintainer (github, name, email)
         SELECT DISTINCT ON (lower(g)) g, n, e FROM unnest($1::text[], $2::text[], $3::text[]) AS x(g, n, e)
         ON CONFLICT (lower(github)) WHERE github_id IS NULL DO NOTHING`,
        [handleOnly.map((m) => m.github), handleOnly.map((m) => m.name), handleOnly.map((m) => m.email)],
      );
    }
    const { rows } = await client.query<{ id: number; github_id: string | null; github: string | null }>(
      `SELECT id, github_id, github FROM maintainer WHERE github_id = ANY($1::bigint[]) OR (github_id IS NULL AND lower(github) = ANY($2))`,
      [withId.map((m) => m.githubId), handleOnly.map((m) => m.github!.toLowerCase())],
    );
    return new Map(rows.map((r) => [r.github_id !== null ? `id:${r.github_id}` : `gh:${(r.github ?? '').toLowerCase()}`, r.id]));
  }

  /**
   * Stores derivations and meta blocks not seen before and returns the ids of all of them. Fast
   * path: look up which exist, take ids for the rest from the sequences and COPY them straight in.
   * If another import inserted one of them meanwhile (unique violation), the batch is redone
   * through a temporary table with INSERT … ON CONFLICT DO NOTHING.
   */
  async storeDerivations(client: PoolClient, derivations: NormalizedDerivation[]): Promise<StoredBatch> {
    const maintainerIds = await this.upsertMaintainers(client, derivations.flatMap((d) => d.maintainers));
    const metas = new Map(derivations.map((d) => [metaSha256(d).toString('hex'), d]));
    const metaRows = [...metas].map(([sha, d]) => [
      Buffer.from(sha, 'hex'), d.description, d.longDescription, d.homepages, d.licenses, d.knownVulnerabilities,
      d.position?.file ?? null, d.position?.line ?? null, d.broken, d.insecure, d.unfree, d.unsupported, d.mainProgram,
      d.cpe, d.teams,
      [...new Set(d.maintainers.map((m) => maintainerIds.get(maintainerKey(m))).filter((id) => id !== undefined))].map(String),
      new Json(d.extraMeta),
    ] as CopyValue[]);
    const unique = [...new Map(derivations.map((d) => [d.drvPath, d])).values()];
    const derivationRows = unique.map((d) => [d.drvPath, d.name, d.pname, d.version, d.system, new Json(d.outputs), d.inputDrvs] as CopyValue[]);
    await client.query('SAVEPOINT store_derivations');
    try {
      const meta = await this.copyNew(client, 'derivation_meta', 'sha256', META_COLUMNS, metaRows, (row) => (row[0] as Buffer).toString('hex'));
      const drv = await this.copyNew(client, 'derivation', 'drv_path', DERIVATION_COLUMNS, derivationRows, (row) => row[0] as string);
      await client.query('RELEASE SAVEPOINT store_derivations');
      return { newMeta: meta.inserted, newDerivations: drv.inserted, metaIds: meta.ids, derivationIds: drv.ids };
    } catch (err) {
      if ((err as { code?: string }).code !== '23505') throw err;
      await client.query('ROLLBACK TO SAVEPOINT store_derivations');
      return this.storeThroughTemporaryTables(client, metaRows, derivationRows);
    }
  }

  /** Ids of the rows whose `key` column is already there; new rows get sequence ids and are COPYed in. */
  private async copyNew(
    client: PoolClient,
    table: 'derivation' | 'derivation_meta',
    key: 'drv_path' | 'sha256',
    columns: string[],
    rows: CopyValue[][],
    keyOf: (row: CopyValue[]) => string,
  ): Promise<{ ids: Map<string, number>; inserted: number }> {
    const keys = rows.map((row) => row[0]);
    const { rows: existing } = await client.query<{ id: number; key: string | Buffer }>(
      `SELECT id, ${key} AS key FROM ${table} WHERE ${key} = ANY($1)`,
      [keys],
    );
    const ids = new Map(existing.map((r) => [Buffer.isBuffer(r.key) ? r.key.toString('hex') : r.key, r.id]));
    const fresh = rows.filter((row) => !ids.has(keyOf(row)));
    if (fresh.length) {
      const { rows: allocated } = await client.query<{ id: number }>(
        `SELECT nextval(pg_get_serial_sequence('${table}', 'id'))::int AS id FROM generate_series(1, $1)`,
        [fresh.length],
      );
      fresh.forEach((row, i) => ids.set(keyOf(row), allocated[i].id));
      await copyRows(client, table, ['id', ...columns], fresh.map((row, i) => [allocated[i].id, ...row]));
    }
    return { ids, inserted: fresh.length };
  }

  private async storeThroughTemporaryTables(client: PoolClient, metaRows: CopyValue[][], derivationRows: CopyValue[][]): Promise<StoredBatch> {
    await client.query(
      `CREATE TEMP TABLE IF NOT EXISTS incoming_meta ON COMMIT DELETE ROWS AS SELECT ${META_COLUMNS.join(', ')} FROM derivation_meta WITH NO DATA`,
    );
    await client.query(
      `CREATE TEMP TABLE IF NOT EXISTS incoming_derivation ON COMMIT DELETE ROWS AS SELECT ${DERIVATION_COLUMNS.join(', ')} FROM derivation WITH NO DATA`,
    );
    await copyRows(client, 'incoming_meta', META_COLUMNS, metaRows);
    await copyRows(client, 'incoming_derivation', DERIVATION_COLUMNS, derivationRows);
    const newMeta = await client.query(
      `INSERT INTO derivation_meta (${META_COLUMNS.join(', ')}) SELECT ${META_COLUMNS.join(', ')} FROM incoming_meta
       ON CONFLICT (sha256) DO NOTHING`,
    );
    const newDerivations = await client.query(
      `INSERT INTO derivation (${DERIVATION_COLUMNS.join(', ')}) SELECT ${DERIVATION_COLUMNS.join(', ')} FROM incoming_derivation
       ON CONFLICT (drv_path) DO NOTHING`,
    );
    const metaIds = await client.query<{ id: number; sha256: Buffer }>(
      `SELECT id, sha256 FROM derivation_meta WHERE sha256 = ANY($1::bytea[])`,
      [metaRows.map((row) => row[0])],
    );
    const derivationIds = await client.query<{ id: number; drv_path: string }>(
      `SELECT id, drv_path FROM derivation WHERE drv_path = ANY($1::text[])`,
      [derivationRows.map((row) => row[0])],
    );
    return {
      newDerivations: newDerivations.rowCount ?? 0,
      newMeta: newMeta.rowCount ?? 0,
      metaIds: new Map(metaIds.rows.map((r) => [r.sha256.toString('hex'), r.id])),
      derivationIds: new Map(derivationIds.rows.map((r) => [r.drv_path, r.id])),
    };
  }

  /** Adds member rows of an evaluation in progress (invisible until the evaluation completes). */
  async addMembers(client: PoolClient, channel: string, evaluationId: number, members: MemberRow[], stored: StoredBatch): Promise<void> {
    await copyRows(
      client,
      'channel_member',
      ['channel', 'attr', 'package_attr', 'derivation_id', 'meta_id', 'line_sha256', 'first_evaluation_id'],
      members.map((m) => [
        channel, m.attr, m.packageAttr, stored.derivationIds.get(m.drvPath)!, stored.metaIds.get(m.metaSha256.toString('hex'))!,
        m.lineSha256, evaluationId,
      ]),
    );
  }

  async addErrors(client: PoolClient, evaluationId: number, errors: EvaluationErrorLine[]): Promise<void> {
    if (!errors.length) return;
    await client.query(
      `INSERT INTO evaluation_error (evaluation_id, attr, error) SELECT $1, * FROM unnest($2::text[], $3::text[])
       ON CONFLICT (evaluation_id, attr) DO UPDATE SET error = EXCLUDED.error`,
      [evaluationId, errors.map((e) => e.attr), errors.map((e) => e.error)],
    );
  }

  inTransaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, fn);
  }
}
