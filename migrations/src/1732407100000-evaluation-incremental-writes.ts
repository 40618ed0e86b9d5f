import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An evaluation that changed 1% should write about 1% of one that changed everything.
 *
 * - Closing a `channel_member` row (setting its last_evaluation_id) becomes a HOT update: the new
 *   row version stays on its page and no index gets an entry for it. That needs no index to mention
 *   last_evaluation_id — `channel_member_current_idx (channel, attr) WHERE last_evaluation_id IS
 *   NULL` did, in its predicate, and the primary key (channel, attr, first_evaluation_id) serves
 *   every query that used it (an attribute has a handful of rows at most) — and free room on the
 *   page, which fillfactor 90 leaves on pages written from now on. A replaced row then costs no
 *   index entry instead of 4, and a new row 4 instead of 5, in pages the cache rarely holds.
 * - `channel_snapshot_change`: what an evaluation changed in its channel's snapshot (the keys of
 *   the lines that stopped being current, and of those that became current), so that an import
 *   writes a few kB instead of rewriting the 2 MB snapshot. The snapshot is rewritten whole only
 *   once several changes piled up (see EvaluationStore.snapshot).
 */
export class EvaluationIncrementalWrites1732407100000 implements MigrationInterface {
  name = 'EvaluationIncrementalWrites1732407100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX channel_member_current_idx`);
    await q.query(`ALTER TABLE channel_member SET (fillfactor = 90)`);
    await q.query(`
      CREATE TABLE channel_snapshot_change (
        channel text NOT NULL REFERENCES channel (name),
        evaluation_id integer NOT NULL REFERENCES evaluation (id) ON DELETE CASCADE,
        previous_evaluation_id integer NOT NULL,
        removed_keys bytea NOT NULL CHECK (length(removed_keys) % 16 = 0),
        added_keys bytea NOT NULL CHECK (length(added_keys) % 16 = 0),
        PRIMARY KEY (channel, evaluation_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE channel_snapshot_change`);
    await q.query(`ALTER TABLE channel_member RESET (fillfactor)`);
    await q.query(`CREATE INDEX channel_member_current_idx ON channel_member (channel, attr) WHERE last_evaluation_id IS NULL`);
  }
}
