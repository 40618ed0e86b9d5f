import { createHash } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { copyRows, CopyValue, Json } from '../../database/copy-rows';
import { EvaluationErrorLine, NormalizedDerivation, NormalizedMaintainer } from '../nixpkgs/normalized-derivation';

/** A parsed line on its way into the evaluation. */
export interface PendingDerivation {
  derivation: NormalizedDerivation;
  metaSha256: Buffer;
  lineSha256: Buffer;
}

export interface StoredCounts {
  newDerivations: number;
  newMeta: number;
}

const META_COLUMNS = [
  'sha256', 'description', 'long_description', 'homepages', 'licenses', 'known_vulnerabilities', 'position_file',
  'position_line', 'broken', 'insecure', 'unfree', 'unsupported', 'main_program', 'cpe', 'teams', 'maintainer_ids', 'extra_meta',
];
const DERIVATION_COLUMNS = ['drv_path', 'name', 'pname', 'version', 'system', 'outputs', 'input_drv_paths'];
const MEMBER_COLUMNS = ['channel', 'attr', 'package_attr', 'derivation_id', 'meta_id', 'line_sha256', 'first_evaluation_id'];

/** The two deduplicated tables, keyed by content (meta) and drvPath (derivation). */
const KEYED = {
  meta: { table: 'derivation_meta', key: 'sha256', type: 'bytea', sequence: 'derivation_meta_id_seq', columns: META_COLUMNS },
  derivation: { table: 'derivation', key: 'drv_path', type: 'text', sequence: 'derivation_id_seq', columns: DERIVATION_COLUMNS },
} as const;
type Keyed = keyof typeof KEYED;

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

  /** Of these attributes, those the channel contains now, with the sha256 of the line that made each current. */
  async currentLines(channel: string, attrs: string[]): Promise<Map<string, Buffer>> {
    const { rows } = await this.pool.query<{ attr: string; line_sha256: Buffer }>(
      `SELECT m.attr, m.line_sha256 FROM unnest($2::text[]) AS a(attr)
       JOIN channel_member m ON m.channel = $1 AND m.attr = a.attr AND m.last_evaluation_id IS NULL
       WHERE m.first_evaluation_id IN (SELECT id FROM evaluation WHERE channel = $1 AND status = 'completed')`,
      [channel, attrs],
    );
    return new Map(rows.map((r) => [r.attr, r.line_sha256]));
  }

  /** Writes the batches of one import of `channel` as evaluation `evaluationId`. */
  batchWriter(channel: string, evaluationId: number, options: { expectNew: boolean }): EvaluationBatchWriter {
    return new EvaluationBatchWriter(this.pool, channel, evaluationId, options.expectNew);
  }
}

type MaintainerRow = { id: number; github: string | null; name: string | null; email: string | null };

/**
 * Maintainer ids by key, remembered for one import: a maintainer already seen costs no query. What
 * a batch learns is kept in `staged` until its transaction commits.
 */
class MaintainerIds {
  private readonly known = new Map<string, MaintainerRow>();
  private staged = new Map<string, MaintainerRow>();

  async resolve(client: PoolClient, maintainers: NormalizedMaintainer[]): Promise<Map<string, number>> {
    const unique = new Map(maintainers.filter((m) => m.githubId !== null || m.github).map((m) => [maintainerKey(m), m]));
    let unknown = [...unique.values()].filter((m) => !this.isKnown(m));
    if (unknown.length) await this.lookUp(client, unknown);
    unknown = unknown.filter((m) => !this.isKnown(m));
    if (unknown.length) await this.upsert(client, unknown);
    // Rows another import inserted meanwhile (the upsert skipped them, and returned nothing)
    unknown = unknown.filter((m) => !this.isKnown(m));
    if (unknown.length) await this.lookUp(client, unknown);
    const ids = new Map<string, number>();
    for (const key of unique.keys()) {
      const row = this.staged.get(key) ?? this.known.get(key);
      if (row) ids.set(key, row.id);
    }
    return ids;
  }

  committed(): void {
    for (const [key, row] of this.staged) this.known.set(key, row);
    this.staged = new Map();
  }

  rolledBack(): void {
    this.staged = new Map();
  }

  /** Known, and (for a maintainer with a githubId) with the handle, name and email this line gives. */
  private isKnown(m: NormalizedMaintainer): boolean {
    const key = maintainerKey(m);
    const row = this.staged.get(key) ?? this.known.get(key);
    if (!row) return false;
    return m.githubId === null || (row.github === m.github && row.name === m.name && row.email === m.email);
  }

  private async lookUp(client: PoolClient, maintainers: NormalizedMaintainer[]): Promise<void> {
    const { rows } = await client.query<MaintainerRow & { github_id: string | null }>(
      `SELECT id, github_id, github, name, email FROM maintainer WHERE github_id = ANY($1::bigint[])
       UNION ALL
       SELECT id, github_id, github, name, email FROM maintainer WHERE github_id IS NULL AND lower(github) = ANY($2::text[])`,
      [
        maintainers.filter((m) => m.githubId !== null).map((m) => m.githubId),
        maintainers.filter((m) => m.githubId === null).map((m) => m.github!.toLowerCase()),
      ],
    );
    this.learn(rows);
  }

  private learn(rows: (MaintainerRow & { github_id: string | null })[]): void {
    for (const r of rows) this.staged.set(r.github_id !== null ? `id:${r.github_id}` : `gh:${(r.github ?? '').toLowerCase()}`, r);
  }

  /**
   * Inserts new maintainers and updates changed ones, learning the ids of both. Locks are taken in
   * key order, so that concurrent imports upserting the same maintainers cannot deadlock.
   */
  private async upsert(client: PoolClient, maintainers: NormalizedMaintainer[]): Promise<void> {
    const withId = maintainers.filter((m) => m.githubId !== null).sort((a, b) => a.githubId! - b.githubId!);
    const handleOnly = maintainers.filter((m) => m.githubId === null).sort((a, b) => (a.github!.toLowerCase() < b.github!.toLowerCase() ? -1 : 1));
    const { rows } = await client.query<MaintainerRow & { github_id: string | null }>(
      `WITH with_id AS (
         INSERT INTO maintainer (github_id, github, name, email)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[])
         ON CONFLICT (github_id) DO UPDATE SET github = EXCLUDED.github, name = EXCLUDED.name, email = EXCLUDED.email,
           updated_at = now()
         WHERE (maintainer.github, maintainer.name, maintainer.email) IS DISTINCT FROM (EXCLUDED.github, EXCLUDED.name, EXCLUDED.email)
         RETURNING id, github_id, github, name, email),
       handle_only AS (
         INSERT INTO maintainer (github, name, email)
         SELECT DISTINCT ON (lower(g)) g, n, e FROM unnest($5::text[], $6::text[], $7::text[]) AS x(g, n, e)
         ON CONFLICT (lower(github)) WHERE github_id IS NULL DO NOTHING
         RETURNING id, github_id, github, name, email)
       SELECT * FROM with_id UNION ALL SELECT * FROM handle_only`,
      [
        withId.map((m) => m.githubId), withId.map((m) => m.github), withId.map((m) => m.name), withId.map((m) => m.email),
        handleOnly.map((m) => m.github), handleOnly.map((m) => m.name), handleOnly.map((m) => m.email),
      ],
    );
    this.learn(rows);
  }
}

interface KeyedRows {
  keys: CopyValue[];
  rows: CopyValue[][];
  /** row key (meta sha256 as a latin1 string, or drvPath) → index in rows */
  index: Map<string, number>;
}

/** How a batch finds out which of its derivations and meta blocks are stored already. */
type StoreMode = 'copy' | 'look-up' | 'insert-or-skip';

/**
 * Writes one import's batches, each in one transaction: maintainers, then derivations and meta
 * blocks not stored yet, then the batch's `channel_member` rows. The batch transactions commit
 * asynchronously (`synchronous_commit = off`): a database crash may lose the last of them, which
 * only ever belong to an evaluation not completed yet (a rerun starts it afresh); `complete()`
 * commits durably, and with it everything written before.
 *
 * Ids of new derivations and meta blocks come from their sequences and are COPYed in with the rows;
 * ids of rows an earlier batch of the same import stored or found are remembered. Per table, rows
 * are looked up first ('look-up'), except while they keep turning out new, as in a first import:
 * then they are COPYed straight in ('copy'), and a unique violation repeats the batch with the
 * lookup. A violation despite the lookup means another import inserted the same rows meanwhile:
 * the batch is repeated through temporary tables with INSERT … ON CONFLICT DO NOTHING.
 */
export class EvaluationBatchWriter {
  private readonly maintainers = new MaintainerIds();
  private readonly modes: Record<Keyed, StoreMode>;
  /** ids of rows stored or found by this import's committed batches, by key */
  private readonly known: Record<Keyed, Map<string, number>> = { meta: new Map(), derivation: new Map() };

  constructor(
    private readonly pool: Pool,
    private readonly channel: string,
    private readonly evaluationId: number,
    expectNew: boolean,
  ) {
    // A changed line mostly is a new derivation (a new version or dependency), rarely new meta.
    this.modes = { meta: expectNew ? 'copy' : 'look-up', derivation: 'copy' };
  }

  async write(batch: PendingDerivation[], errors: EvaluationErrorLine[]): Promise<StoredCounts> {
    const modes = { ...this.modes };
    for (;;) {
      try {
        return await this.attempt(batch, errors, modes);
      } catch (err) {
        const { code, table } = err as { code?: string; table?: string };
        const kind = (['meta', 'derivation'] as const).find((k) => KEYED[k].table === table);
        if (code !== '23505' || !kind || modes[kind] === 'insert-or-skip') throw err;
        // 'copy': some exist after all, look them up (this batch and the next ones); 'look-up':
        // another import inserted some since.
        modes[kind] = modes[kind] === 'copy' ? 'look-up' : 'insert-or-skip';
        if (modes[kind] === 'look-up') this.modes[kind] = 'look-up';
      }
    }
  }

  private async attempt(batch: PendingDerivation[], errors: EvaluationErrorLine[], modes: Record<Keyed, StoreMode>): Promise<StoredCounts> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN; SET LOCAL synchronous_commit = off');
      const stored = batch.length ? await this.writeDerivations(client, batch, modes) : null;
      if (errors.length) {
        await client.query(
          `INSERT INTO evaluation_error (evaluation_id, attr, error) SELECT $1, * FROM unnest($2::text[], $3::text[])
           ON CONFLICT (evaluation_id, attr) DO UPDATE SET error = EXCLUDED.error`,
          [this.evaluationId, errors.map((e) => e.attr), errors.map((e) => e.error)],
        );
      }
      await client.query('COMMIT');
      this.maintainers.committed();
      if (!stored) return { newDerivations: 0, newMeta: 0 };
      for (const kind of ['meta', 'derivation'] as const) {
        for (const [key, id] of stored.ids[kind]) this.known[kind].set(key, id);
        // Rows that all turned out new: the next batch COPYs without looking up (a first import of new content).
        if (modes[kind] === 'look-up' && stored.looked[kind] >= 100 && stored.fresh[kind] === stored.looked[kind]) this.modes[kind] = 'copy';
      }
      return stored.counts;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      this.maintainers.rolledBack();
      throw err;
    } finally {
      client.release();
    }
  }

  private async writeDerivations(client: PoolClient, batch: PendingDerivation[], modes: Record<Keyed, StoreMode>) {
    const maintainerIds = await this.maintainers.resolve(client, batch.flatMap((b) => b.derivation.maintainers));
    const input: Record<Keyed, KeyedRows> = { meta: { keys: [], rows: [], index: new Map() }, derivation: { keys: [], rows: [], index: new Map() } };
    const metaKeys = batch.map((b) => b.metaSha256.toString('latin1'));
    batch.forEach(({ derivation: d, metaSha256 }, i) => {
      const { meta, derivation } = input;
      if (!this.known.meta.has(metaKeys[i]) && !meta.index.has(metaKeys[i])) {
        meta.index.set(metaKeys[i], meta.rows.length);
        meta.keys.push(metaSha256);
        meta.rows.push([
          metaSha256, d.description, d.longDescription, d.homepages, d.licenses, d.knownVulnerabilities,
          d.position?.file ?? null, d.position?.line ?? null, d.broken, d.insecure, d.unfree, d.unsupported, d.mainProgram,
          d.cpe, d.teams,
          [...new Set(d.maintainers.map((m) => maintainerIds.get(maintainerKey(m))).filter((id) => id !== undefined))].map(String),
          new Json(d.extraMeta),
        ]);
      }
      if (!this.known.derivation.has(d.drvPath) && !derivation.index.has(d.drvPath)) {
        derivation.index.set(d.drvPath, derivation.rows.length);
        derivation.keys.push(d.drvPath);
        derivation.rows.push([d.drvPath, d.name, d.pname, d.version, d.system, new Json(d.outputs), d.inputDrvs]);
      }
    });
    const { ids, fresh } = await this.storeKeyed(client, input, modes);
    const byKey: Record<Keyed, Map<string, number>> = { meta: new Map(), derivation: new Map() };
    for (const kind of ['meta', 'derivation'] as const) for (const [key, i] of input[kind].index) byKey[kind].set(key, ids[kind][i]);
    const idOf = (kind: Keyed, key: string) => byKey[kind].get(key) ?? this.known[kind].get(key)!;
    await copyRows(
      client,
      'channel_member',
      MEMBER_COLUMNS,
      batch.map(({ derivation: d, lineSha256 }, i) => [
        this.channel, d.attr, d.packageAttr, idOf('derivation', d.drvPath), idOf('meta', metaKeys[i]), lineSha256, this.evaluationId,
      ]),
    );
    return {
      ids: byKey,
      counts: { newMeta: fresh.meta, newDerivations: fresh.derivation },
      fresh,
      looked: { meta: input.meta.rows.length, derivation: input.derivation.rows.length },
    };
  }

  /** Ids (in row order) of the batch's new-to-this-import meta blocks and derivations, inserting those not stored yet. */
  private async storeKeyed(client: PoolClient, input: Record<Keyed, KeyedRows>, modes: Record<Keyed, StoreMode>) {
    const ids: Record<Keyed, number[]> = { meta: [], derivation: [] };
    const isFresh: Record<Keyed, boolean[]> = { meta: [], derivation: [] };
    const fresh: Record<Keyed, number> = { meta: 0, derivation: 0 };
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const kind of ['meta', 'derivation'] as const) {
      const { table, key, type, sequence, columns } = KEYED[kind];
      if (!input[kind].rows.length) continue;
      if (modes[kind] === 'insert-or-skip') {
        await client.query(`CREATE TEMP TABLE IF NOT EXISTS incoming_${table} ON COMMIT DELETE ROWS AS SELECT ${columns.join(', ')} FROM ${table} WITH NO DATA`);
        await copyRows(client, `incoming_${table}`, columns, input[kind].rows);
        const inserted = await client.query(
          `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM incoming_${table} ON CONFLICT (${key}) DO NOTHING`,
        );
        fresh[kind] = inserted.rowCount ?? 0;
      }
      const t = kind === 'meta' ? 0 : 1;
      params.push(modes[kind] === 'copy' ? input[kind].rows.length : input[kind].keys);
      const p = `$${params.length}`;
      parts.push(
        modes[kind] === 'copy'
          ? `SELECT ${t} AS t, ord::int AS ord, nextval('${sequence}')::int AS id, true AS fresh FROM generate_series(1, ${p}::int) AS ord`
          : // One probe of the unique index per key, as for EvaluationCompletion.replace: joined
            // plainly, a batch of a few hundred keys gets the whole table hashed.
            `SELECT ${t} AS t, u.ord::int AS ord, coalesce(x.id, nextval('${sequence}'))::int AS id, x.id IS NULL AS fresh
             FROM unnest(${p}::${type}[]) WITH ORDINALITY AS u(key, ord)
             LEFT JOIN LATERAL (SELECT x.id FROM ${table} x WHERE x.${key} = u.key OFFSET 0) x ON true`,
      );
    }
    if (parts.length) {
      const { rows } = await client.query<{ t: number; ord: number; id: number; fresh: boolean }>(parts.join(' UNION ALL '), params);
      for (const r of rows) {
        const kind = r.t === 0 ? 'meta' : 'derivation';
        ids[kind][r.ord - 1] = r.id;
        isFresh[kind][r.ord - 1] = r.fresh;
      }
    }
    for (const kind of ['meta', 'derivation'] as const) {
      if (modes[kind] === 'insert-or-skip') continue; // inserted above; every row exists now
      const rows = input[kind].rows.flatMap((row, i) => (isFresh[kind][i] ? [[ids[kind][i], ...row]] : []));
      if (rows.length) await copyRows(client, KEYED[kind].table, ['id', ...KEYED[kind].columns], rows);
      fresh[kind] = rows.length;
    }
    return { ids, fresh };
  }
}
