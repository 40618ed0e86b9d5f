import { Pool, PoolClient } from 'pg';
import { withTransaction } from '../../database/transaction';
import { LINE_KEY_BYTES } from './line-snapshot';

// channel_member rows ($1 channel) current before evaluation $2 completes.
const CURRENT = `m.channel = $1 AND m.last_evaluation_id IS NULL AND m.first_evaluation_id <> $2
  AND m.first_evaluation_id IN (SELECT id FROM evaluation WHERE channel = $1 AND status = 'completed')`;

/** Closes the rows of disappeared attributes (by line key) as of `prev`, and completes evaluation $2. */
const CLOSE_BY_LINE_AND_COMPLETE = (prev: string, lineKeys: string, counts: string, logTail: string) => `
  by_line AS (
    UPDATE channel_member m SET last_evaluation_id = ${prev}
    WHERE ${prev} IS NOT NULL AND cardinality(${lineKeys}::bytea[]) > 0
      AND substring(m.line_sha256 FROM 1 FOR ${LINE_KEY_BYTES}) = ANY(${lineKeys}::bytea[]) AND ${CURRENT})
  UPDATE evaluation SET status = 'completed', finished_at = now(), counts = ${counts}, log_tail = ${logTail} WHERE id = $2`;

/** A channel's snapshot as of an evaluation: whole, or as the change since the previous completed one. */
export type SnapshotWrite = { whole: Buffer } | { previous: number; removed: Buffer; added: Buffer };
export type SnapshotWritten = 'whole' | 'change' | null;

export type EvaluationStatus = 'waiting' | 'running' | 'completed' | 'failed' | 'crashed';

/** Evaluation rows and their state machine: waiting → running → completed | failed | crashed. */
export class EvaluationLifecycle {
  constructor(private readonly pool: Pool) {}

  async ensureChannel(name: string, release: string, variant: string, state = release === 'unstable' ? 'unstable' : 'stable'): Promise<void> {
    await this.pool.query(
      `INSERT INTO channel (name, release, variant, state) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING`,
      [name, release, variant, state],
    );
  }

  /**
   * Starts (or restarts after a failure or crash) the evaluation of `channel` at `revision`. Rows a
   * previous attempt left behind are removed first, so a restart never duplicates anything.
   */
  async begin(channel: string, revision: string, source: string): Promise<{ id: number; alreadyCompleted: boolean }> {
    // The caller holds the channel's import lock: an evaluation still marked running has no process
    // left. A new revision (the usual case) is inserted by the same statement.
    const { rows } = await this.pool.query<{ inserted: boolean; id: number; status: string; attempts: number }>(
      `WITH crashed AS (
         UPDATE evaluation SET status = 'crashed', finished_at = now(), error = 'the importing process stopped before finishing'
         WHERE channel = $1 AND status = 'running'),
       existing AS (SELECT id, status, attempts FROM evaluation WHERE channel = $1 AND revision = $2),
       inserted AS (
         INSERT INTO evaluation (channel, revision, status, source, attempts, started_at)
         SELECT $1, $2, 'running', $3, 1, now() WHERE NOT EXISTS (SELECT FROM existing)
         RETURNING id)
       SELECT false AS inserted, id, status, attempts FROM existing
       UNION ALL SELECT true, id, 'running', 1 FROM inserted`,
      [channel, revision, source],
    );
    const [row] = rows;
    if (row.inserted) return { id: row.id, alreadyCompleted: false };
    if (row.status === 'completed') return { id: row.id, alreadyCompleted: true };
    // A retry gets a fresh id: membership intervals are ordered by evaluation id, so an attempt
    // restarted after a newer evaluation completed must not slot in before it.
    const id = await withTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM channel_member WHERE first_evaluation_id = $1', [row.id]);
      await client.query('DELETE FROM evaluation WHERE id = $1', [row.id]);
      const inserted = await client.query<{ id: number }>(
        `INSERT INTO evaluation (channel, revision, status, source, attempts, started_at) VALUES ($1, $2, 'running', $3, $4, now())
         RETURNING id`,
        [channel, revision, source, row.attempts + 1],
      );
      return inserted.rows[0].id;
    });
    return { id, alreadyCompleted: false };
  }

  /**
   * Makes the evaluation the channel's current one in one statement (so one transaction):
   * attributes that changed (`closed.attrs`) or disappeared (`closed.lineKeys`: keys of the lines
   * that had made them current) stop being current as of the previous completed evaluation, and
   * the new rows become visible. `snapshotWritten`: see writeSnapshot.
   */
  async complete(
    channel: string,
    id: number,
    closed: { attrs: string[]; lineKeys: Buffer[] },
    counts: Record<string, number>,
    logTail: string | null,
    snapshotWritten: Promise<SnapshotWritten>,
  ): Promise<void> {
    await this.withSnapshot(snapshotWritten, counts, () =>
      this.pool.query(
        `WITH prev AS (SELECT max(id) AS id FROM evaluation WHERE channel = $1 AND status = 'completed' AND id <> $2),
         by_attr AS (
           UPDATE channel_member m SET last_evaluation_id = prev.id FROM prev, unnest($3::text[]) AS closed(attr)
           WHERE prev.id IS NOT NULL AND m.attr = closed.attr AND ${CURRENT}),
         ${CLOSE_BY_LINE_AND_COMPLETE('(SELECT id FROM prev)', '$4', '$5', '$6')}`,
        [channel, id, closed.attrs, closed.lineKeys, counts, logTail],
      ),
    );
  }

  /**
   * Opens the transaction that will complete the evaluation, so that closing the rows its changed
   * attributes replace (`EvaluationCompletion.replace`) overlaps the import instead of following it.
   * Holds a connection until `finish` or `abort`: null when the pool is too small to spare one.
   */
  async openCompletion(channel: string, id: number): Promise<EvaluationCompletion | null> {
    if ((this.pool.options.max ?? 10) < 3) return null;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // KEY SHARE on the channel's completed evaluations makes GC, which locks the ones it removes
      // FOR UPDATE before it rebases or deletes their channel_member rows, wait for this
      // transaction rather than deadlock with it over the rows being closed.
      const { rows } = await client.query<{ prev: number | null }>(
        `SELECT max(id) AS prev FROM (SELECT id FROM evaluation WHERE channel = $1 AND status = 'completed' AND id <> $2 FOR KEY SHARE) e`,
        [channel, id],
      );
      return new EvaluationCompletion(client, channel, id, rows[0].prev, (snapshotWritten, counts, finish) =>
        this.withSnapshot(snapshotWritten, counts, finish),
      );
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      throw err;
    }
  }

  /**
   * Stores what the channel contains as of evaluation `id` (resolves to what was written, null when
   * that failed): the
   * whole snapshot (which drops the changes stored before it), or what changed since the previous
   * completed evaluation. The snapshot is only a cache: one that does not lead to the latest
   * completed evaluation is ignored (and rebuilt), so it may be written before the evaluation
   * completes (while its last batches are still written), and a failure to write it only costs the
   * next import the rebuilding.
   */
  writeSnapshot(channel: string, id: number, next: SnapshotWrite): Promise<SnapshotWritten> {
    const written =
      'whole' in next
        ? this.pool.query(
            `WITH dropped AS (DELETE FROM channel_snapshot_change WHERE channel = $1 AND evaluation_id <= $2)
             INSERT INTO channel_snapshot (channel, evaluation_id, line_keys) VALUES ($1, $2, $3)
             ON CONFLICT (channel) DO UPDATE SET evaluation_id = EXCLUDED.evaluation_id, line_keys = EXCLUDED.line_keys`,
            [channel, id, next.whole],
          )
        : this.pool.query(
            `INSERT INTO channel_snapshot_change (channel, evaluation_id, previous_evaluation_id, removed_keys, added_keys) VALUES ($1, $2, $3, $4, $5)`,
            [channel, id, next.previous, next.removed, next.added],
          );
    return written.then(
      () => ('whole' in next ? 'whole' : 'change'),
      () => null,
    );
  }

  /** Runs `complete`, and once the snapshot is written too, what follows an import. */
  private async withSnapshot(snapshotWritten: Promise<SnapshotWritten>, counts: Record<string, number>, complete: () => Promise<unknown>): Promise<void> {
    await complete().finally(() => snapshotWritten);
    // A replaced whole snapshot is 2 MB of dead TOAST chunks: free them for the next one now (once
    // the completing transaction no longer holds them back) rather than whenever autovacuum (if
    // enabled) gets to this small table. Nothing waits for it.
    if ((await snapshotWritten) === 'whole') void this.pool.query('VACUUM channel_snapshot').catch(() => undefined);
    // A large import changes the table's shape faster than autovacuum notices; fresh statistics
    // keep the next evaluation's per-attribute lookups on the (channel, attr) index.
    if ((counts.added ?? 0) + (counts.changed ?? 0) > 10_000) await this.pool.query('ANALYZE channel_member');
  }

  async fail(id: number, status: 'failed' | 'crashed', error: string, counts: Record<string, number>, logTail: string | null): Promise<void> {
    await this.pool.query(
      `UPDATE evaluation SET status = $2, finished_at = now(), error = $3, counts = $4, log_tail = $5 WHERE id = $1`,
      [id, status, error, counts, logTail],
    );
  }
}

/**
 * The open transaction that completes an evaluation (EvaluationLifecycle.openCompletion): rows of
 * changed attributes are closed as the import finds them, invisibly until `finish` commits. Only
 * rows this transaction closed end at the previous evaluation (`prev`, the latest completed one):
 * those another evaluation closed end before it.
 */
export class EvaluationCompletion {
  private closing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: PoolClient,
    private readonly channel: string,
    private readonly id: number,
    private readonly prev: number | null,
    private readonly withSnapshot: (snapshotWritten: Promise<SnapshotWritten>, counts: Record<string, number>, finish: () => Promise<unknown>) => Promise<void>,
  ) {}

  /**
   * Closes the current rows of these attributes as of the previous evaluation (new lines replace
   * them), and tells which line made each current (attr → its sha256; absent: not current).
   */
  replace(attrs: string[]): Promise<Map<string, Buffer>> {
    const replaced = this.closing.then(async () => {
      if (this.prev === null || !attrs.length) return new Map<string, Buffer>();
      // One index probe per attribute, deliberately: as a plain join the planner (misjudging how
      // many rows the IN (completed evaluations) keeps) hashes every current row of the channel
      // — a whole-table scan, spilling to disk, for a batch of a few hundred changed lines.
      // OFFSET 0 keeps the subquery from being flattened into that join.
      const { rows } = await this.client.query<{ attr: string; line_sha256: Buffer }>(
        `UPDATE channel_member m SET last_evaluation_id = $3
         FROM unnest($4::text[]) AS replaced(attr)
         CROSS JOIN LATERAL (SELECT m.ctid AS row_id FROM channel_member m WHERE m.attr = replaced.attr AND ${CURRENT} OFFSET 0) cur
         WHERE m.ctid = cur.row_id RETURNING m.attr, m.line_sha256`,
        [this.channel, this.id, this.prev, attrs],
      );
      return new Map(rows.map((r) => [r.attr, r.line_sha256]));
    });
    this.closing = replaced;
    return replaced;
  }

  /** Undoes `replace` for these attributes (their new lines were refused). */
  reopen(attrs: string[]): Promise<unknown> {
    this.closing = this.closing.then(() =>
      this.client.query(`UPDATE channel_member SET last_evaluation_id = NULL WHERE channel = $1 AND attr = ANY($2::text[]) AND last_evaluation_id = $3`, [
        this.channel,
        attrs,
        this.prev,
      ]),
    );
    return this.closing;
  }

  /** Closes the rows of attributes that disappeared, completes the evaluation and commits. */
  async finish(lineKeys: Buffer[], counts: Record<string, number>, logTail: string | null, snapshotWritten: Promise<SnapshotWritten>): Promise<void> {
    let committed = false;
    try {
      await this.closing;
      await this.withSnapshot(snapshotWritten, counts, async () => {
        await this.client.query(`WITH ${CLOSE_BY_LINE_AND_COMPLETE('$3::int', '$4', '$5', '$6')}`, [this.channel, this.id, this.prev, lineKeys, counts, logTail]);
        await this.client.query('COMMIT');
        committed = true;
      });
    } finally {
      if (!committed) await this.client.query('ROLLBACK').catch(() => undefined);
      this.client.release();
    }
  }

  /** Rolls back: nothing was closed. */
  async abort(): Promise<void> {
    await this.closing.catch(() => undefined);
    await this.client.query('ROLLBACK').catch(() => undefined);
    this.client.release();
  }
}
