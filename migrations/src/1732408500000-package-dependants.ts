import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many derivations of a channel depend directly on each package (reverse inputDrvs), computed
 * once per evaluation import; linkage reads it in bulk to rank popular packages' CVEs higher.
 * One row per channel, parallel arrays: 130k attributes read and replaced as one value.
 */
export class PackageDependants1732408500000 implements MigrationInterface {
  name = 'PackageDependants1732408500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE package_dependants (
        channel text PRIMARY KEY REFERENCES channel (name) ON DELETE CASCADE,
        evaluation_id integer NOT NULL,
        attrs text[] NOT NULL,
        counts integer[] NOT NULL CHECK (cardinality(counts) = cardinality(attrs)),
        computed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS package_dependants`);
  }
}
