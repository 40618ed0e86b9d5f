import { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { LINE_KEY_BYTES, LineSnapshot } from './line-snapshot';

const COPY_BINARY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** The rows of a COPY … TO STDOUT (FORMAT binary) output, each as its fields' bytes (null for NULL). */
function binaryCopyRows(data: Buffer): (Buffer | null)[][] {
  if (data.length < 19 || !data.subarray(0, 11).equals(COPY_BINARY_SIGNATURE)) throw new Error('not COPY binary output');
  let offset = 15 + 4 + data.readUInt32BE(15); // signature, flags, header extension
  const rows: (Buffer | null)[][] = [];
  for (let fields = data.readInt16BE(offset); fields !== -1; fields = data.readInt16BE(offset)) {
    offset += 2;
    const row: (Buffer | null)[] = [];
    for (let f = 0; f < fields; f++) {
      const length = data.readInt32BE(offset);
      offset += 4;
      row.push(length < 0 ? null : data.subarray(offset, offset + length));
      offset += Math.max(length, 0);
    }
    rows.push(row);
  }
  return rows;
}

/** What a channel contains now (EvaluationStore.snapshot), and how it is stored. */
export interface StoredSnapshot {
  lines: LineSnapshot;
  /** the channel's latest completed evaluation, which `lines` is the content of (null: none yet) */
  evaluationId: number | null;
  /** changes stored on top of the last whole snapshot (Infinity: there is no usable one) */
  changes: number;
  /** keys those changes hold */
  changedKeys: number;
}

/** Reads what a channel contains now as a LineSnapshot (written by EvaluationLifecycle.writeSnapshot). */
export class ChannelSnapshotReader {
  constructor(private readonly pool: Pool) {}

  /**
   * What the channel contains now (its latest completed evaluation), as a LineSnapshot: the last
   * whole snapshot (`channel_snapshot`) with the changes stored since (`channel_snapshot_change`)
   * applied, or, when they do not lead exactly to the latest completed evaluation (a row missing,
   * a change of an evaluation that did not complete), rebuilt from the current `channel_member`
   * rows. Read with one COPY … (FORMAT binary): streamed as it comes, without the hex text and the
   * one 2 MB protocol message a plain query would make of it.
   */
  async snapshot(channel: string): Promise<StoredSnapshot> {
    return (await this.storedSnapshot(channel)) ?? this.snapshotFromMembers(channel);
  }

  /** The stored snapshot of what the channel contains now, or null when it is not usable. */
  async storedSnapshot(channel: string): Promise<StoredSnapshot | null> {
    const literal = channel.replace(/'/g, "''");
    const client = await this.pool.connect();
    const chunks: Buffer[] = [];
    try {
      // Rows: the latest completed evaluation (kind 0), the whole snapshot (1), the changes of
      // completed evaluations (2).
      const stream = client.query(
        copyTo(`COPY (
          SELECT 0 AS kind, max(id) AS evaluation_id, NULL::int, NULL::bytea, NULL::bytea FROM evaluation WHERE channel = '${literal}' AND status = 'completed'
          UNION ALL
          SELECT 1, evaluation_id, NULL, NULL, line_keys FROM channel_snapshot WHERE channel = '${literal}'
          UNION ALL
          SELECT 2, c.evaluation_id, c.previous_evaluation_id, c.removed_keys, c.added_keys FROM channel_snapshot_change c
          JOIN evaluation e ON e.id = c.evaluation_id AND e.status = 'completed' WHERE c.channel = '${literal}'
        ) TO STDOUT (FORMAT binary)`),
      );
      for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
    } finally {
      client.release();
    }
    const rows = binaryCopyRows(Buffer.concat(chunks)).map(([kind, id, previous, removed, added]) => ({
      kind: kind!.readInt32BE(),
      id: id ? id.readInt32BE() : null,
      previous: previous ? previous.readInt32BE() : null,
      removed,
      added,
    }));
    const latest = rows.find((r) => r.kind === 0)?.id ?? null;
    if (latest === null) return { lines: LineSnapshot.empty, evaluationId: null, changes: Infinity, changedKeys: 0 };
    const whole = rows.find((r) => r.kind === 1);
    if (!whole || whole.id === null || whole.id > latest) return null;
    // Each change must start where the previous one (or the whole snapshot) left off.
    const changes = rows.filter((r) => r.kind === 2 && r.id! > whole.id!).sort((a, b) => a.id! - b.id!);
    let at = whole.id;
    let keys = whole.added!;
    let changedKeys = 0;
    for (const change of changes) {
      if (change.previous !== at || change.removed!.length % LINE_KEY_BYTES || change.added!.length % LINE_KEY_BYTES) return null;
      keys = LineSnapshot.applyChange(keys, change.removed!, change.added!);
      changedKeys += (change.removed!.length + change.added!.length) / LINE_KEY_BYTES;
      at = change.id!;
    }
    const lines = at === latest ? LineSnapshot.parse(keys) : null;
    return lines && { lines, evaluationId: latest, changes: changes.length, changedKeys };
  }

  private async snapshotFromMembers(channel: string): Promise<StoredSnapshot> {
    const { rows } = await this.pool.query<{ keys: Buffer | null; evaluation_id: number | null }>(
      `SELECT (SELECT max(id) FROM evaluation WHERE channel = $1 AND status = 'completed') AS evaluation_id,
         (SELECT string_agg(substring(line_sha256 FROM 1 FOR ${LINE_KEY_BYTES}), ''::bytea) FROM channel_member
          WHERE channel = $1 AND last_evaluation_id IS NULL
            AND first_evaluation_id IN (SELECT id FROM evaluation WHERE channel = $1 AND status = 'completed')) AS keys`,
      [channel],
    );
    return { lines: LineSnapshot.parse(rows[0].keys ?? Buffer.alloc(0))!, evaluationId: rows[0].evaluation_id, changes: Infinity, changedKeys: 0 };
  }
}
