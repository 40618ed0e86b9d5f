import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Linkage: one suggestion per CVE (the database refuses a second, so concurrent linkers cannot
 * duplicate one), its package groups with explanations, the keys each CVE was looked up by (so a
 * changed package re-links only the CVEs that could match it), the security team's curated
 * mapping rules, and the activity log every change is written to.
 */
export class Linkage1732406800000 implements MigrationInterface {
  name = 'Linkage1732406800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activity_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX activity_log_at_idx ON activity_log (at DESC, id DESC)`);
    await q.query(`CREATE INDEX activity_log_subject_idx ON activity_log (subject_type, subject_id, at DESC)`);
    await q.query(`
      CREATE TABLE suggestion (
        id serial PRIMARY KEY,
        cve_id text NOT NULL UNIQUE REFERENCES cve (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('pending', 'dismissed', 'withdrawn')),
        dismissal_reason text,
        dismissal_detail text,
        dismissed_by text,
        confidence real NOT NULL,
        score real NOT NULL,
        group_count integer NOT NULL,
        explanation jsonb NOT NULL,
        algorithm_version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'dismissed') = (dismissal_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX suggestion_queue_idx ON suggestion (status, score DESC, id)`);
    await q.query(`
      CREATE TABLE suggestion_package (
        suggestion_id integer NOT NULL REFERENCES suggestion (id) ON DELETE CASCADE,
        group_key text NOT NULL,
        display_attr text NOT NULL,
        ecosystem text NOT NULL,
        confidence real NOT NULL,
        verdict text NOT NULL CHECK (verdict IN ('affected', 'not-affected', 'unknown')),
        doubt text,
        known_vulnerability boolean NOT NULL,
        attrs text[] NOT NULL,
        maintainers text[] NOT NULL,
        reasons jsonb NOT NULL,
        members jsonb NOT NULL,
        PRIMARY KEY (suggestion_id, group_key)
      )`);
    await q.query(`CREATE INDEX suggestion_package_attrs_idx ON suggestion_package USING gin (attrs)`);
    await q.query(`CREATE INDEX suggestion_package_maintainers_idx ON suggestion_package USING gin (maintainers)`);
    await q.query(`
      CREATE TABLE linkage_state (
        cve_id text PRIMARY KEY REFERENCES cve (id) ON DELETE CASCADE,
        algorithm_version integer NOT NULL,
        cve_updated_at timestamptz NOT NULL,
        keys text[] NOT NULL,
        linked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX linkage_state_keys_idx ON linkage_state USING gin (keys)`);
    // How far the linker has followed evaluations (the last one whose changed packages were re-linked).
    await q.query(`CREATE TABLE linkage_checkpoint (name text PRIMARY KEY, value text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`
      CREATE TABLE mapping_rule (
        id serial PRIMARY KEY,
        vendor text,
        product text NOT NULL CHECK (product <> ''),
        action text NOT NULL CHECK (action IN ('map', 'never')),
        packages text[] NOT NULL,
        note text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (action = 'never' OR cardinality(packages) > 0)
      )`);
    await q.query(`CREATE UNIQUE INDEX mapping_rule_key_idx ON mapping_rule (lower(coalesce(vendor, '')), lower(product), action)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['mapping_rule', 'linkage_checkpoint', 'linkage_state', 'suggestion_package', 'suggestion', 'activity_log']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
