import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A compact copy of what each channel contains now: one row per channel holding, for every current
 * attribute, the first 16 bytes of the sha256 of the nix-eval-jobs line that made it current. An
 * import reads this one value (2 MB for 130k attributes) instead of every current `channel_member`
 * row, so an unchanged line costs a hash and a lookup. `channel_member` stays the source of truth: a
 * snapshot of another evaluation than the channel's latest completed one is ignored and rebuilt
 * from it.
 */
export class ChannelSnapshot1732406700000 implements MigrationInterface {
  name = 'ChannelSnapshot1732406700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE channel_snapshot (
        channel text PRIMARY KEY REFERENCES channel (name),
        evaluation_id integer NOT NULL REFERENCES evaluation (id) ON DELETE CASCADE,
        line_keys bytea NOT NULL CHECK (length(line_keys) % 16 = 0)
      )`);
    // Hashes do not compress: store them out of line without trying.
    await q.query(`ALTER TABLE channel_snapshot ALTER COLUMN line_keys SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE channel_snapshot`);
  }
}
