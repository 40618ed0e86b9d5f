import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Advisories: the triage state of suggestions (accepted into a draft), drafts and published
 * advisories with their CVEs, packages, per-channel status and maintainers, comments, yearly
 * public ids, notifications and subscriptions.
 *
 * The lifecycle (server/src/advisories/lifecycle/lifecycle.ts) is also enforced here by triggers,
 * so no code path — a bug, a script, psql — can make an illegal transition. Both tables list the
 * same transitions; lifecycle.spec.ts checks that they agree.
 */
export class Advisories1732407200000 implements MigrationInterface {
  name = 'Advisories1732407200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE advisory (
        id serial PRIMARY KEY,
        public_id text UNIQUE CHECK (public_id ~ '^NIXPKGS-[0-9]{4}-[0-9]{4,}$'),
        state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'archived')),
        title text NOT NULL CHECK (title <> ''),
        description text NOT NULL DEFAULT '',
        severity_override text CHECK (severity_override IN ('none', 'low', 'medium', 'high', 'critical')),
        reference_urls text[] NOT NULL DEFAULT '{}',
        notes text NOT NULL DEFAULT '',
        version integer NOT NULL DEFAULT 1,
        repository text,
        issue_number integer,
        issue_url text,
        publish_started_at timestamptz,
        published_at timestamptz,
        archived_at timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (state = 'draft' OR (public_id IS NOT NULL AND issue_number IS NOT NULL AND published_at IS NOT NULL)),
        CHECK ((state = 'archived') = (archived_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX advisory_state_idx ON advisory (state, updated_at DESC, id DESC)`);
    await q.query(`CREATE UNIQUE INDEX advisory_issue_idx ON advisory (lower(repository), issue_number) WHERE issue_number IS NOT NULL`);

    await q.query(`ALTER TABLE suggestion DROP CONSTRAINT suggestion_status_check`);
    await q.query(`ALTER TABLE suggestion ADD CONSTRAINT suggestion_status_check CHECK (status IN ('pending', 'dismissed', 'withdrawn', 'accepted'))`);
    await q.query(`ALTER TABLE suggestion ADD COLUMN advisory_id integer REFERENCES advisory (id) ON DELETE SET NULL`);
    await q.query(`ALTER TABLE suggestion ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE suggestion ADD COLUMN decided_at timestamptz`);
    // Denormalised by the linker for the triage queue's filters: highest CVSS base score, and the
    // channels shipping an affected or unknown version.
    await q.query(`ALTER TABLE suggestion ADD COLUMN cvss real`);
    await q.query(`ALTER TABLE suggestion ADD COLUMN channels text[] NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX suggestion_channels_idx ON suggestion USING gin (channels)`);
    // Every attribute and (lower-case) maintainer handle of the suggestion's package groups: the
    // queue filters on the suggestion row itself instead of probing its wide package rows.
    await q.query(`ALTER TABLE suggestion ADD COLUMN attrs text[] NOT NULL DEFAULT '{}', ADD COLUMN maintainers text[] NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX suggestion_attrs_idx ON suggestion USING gin (attrs)`);
    await q.query(`CREATE INDEX suggestion_maintainers_idx ON suggestion USING gin (maintainers)`);
    // ON DELETE SET NULL above would break this for an accepted row: deleting a draft must first
    // return its suggestions to the queue (the service does, in the same transaction).
    await q.query(`ALTER TABLE suggestion ADD CONSTRAINT suggestion_accepted_advisory_check CHECK ((status = 'accepted') = (advisory_id IS NOT NULL))`);
    await q.query(`CREATE INDEX suggestion_advisory_idx ON suggestion (advisory_id) WHERE advisory_id IS NOT NULL`);
    // The triage queue's three orders: relevance (suggestion_queue_idx), date and severity.
    await q.query(`CREATE INDEX suggestion_queue_created_idx ON suggestion (status, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX suggestion_queue_severity_idx ON suggestion (status, (coalesce(cvss, -1)) DESC, id)`);

    await q.query(`
      CREATE TABLE advisory_cve (
        advisory_id integer NOT NULL REFERENCES advisory (id) ON DELETE CASCADE,
        cve_id text NOT NULL UNIQUE REFERENCES cve (id),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (advisory_id, cve_id)
      )`);
    await q.query(`
      CREATE TABLE advisory_package (
        advisory_id integer NOT NULL REFERENCES advisory (id) ON DELETE CASCADE,
        attr text NOT NULL,
        attrs text[] NOT NULL,
        source text NOT NULL CHECK (source IN ('suggestion', 'manual')),
        links jsonb NOT NULL DEFAULT '[]'::jsonb,
        PRIMARY KEY (advisory_id, attr)
      )`);
    await q.query(`CREATE INDEX advisory_package_attrs_idx ON advisory_package USING gin (attrs)`);
    await q.query(`
      CREATE TABLE advisory_channel (
        advisory_id integer NOT NULL REFERENCES advisory (id) ON DELETE CASCADE,
        channel text NOT NULL,
        status text NOT NULL CHECK (status IN ('affected', 'fixed', 'not-affected', 'unknown')),
        PRIMARY KEY (advisory_id, channel)
      )`);
    await q.query(`
      CREATE TABLE advisory_maintainer (
        advisory_id integer NOT NULL REFERENCES advisory (id) ON DELETE CASCADE,
        github_id bigint NOT NULL,
        login text NOT NULL,
        source text NOT NULL CHECK (source IN ('package', 'manual')),
        ping boolean NOT NULL DEFAULT true,
        PRIMARY KEY (advisory_id, github_id)
      )`);
    await q.query(`CREATE INDEX advisory_maintainer_github_idx ON advisory_maintainer (github_id)`);
    await q.query(`CREATE TABLE advisory_id_counter (year integer PRIMARY KEY, last integer NOT NULL)`);
    await q.query(`
      CREATE TABLE advisory_comment (
        id serial PRIMARY KEY,
        subject_type text NOT NULL CHECK (subject_type IN ('suggestion', 'advisory')),
        subject_id integer NOT NULL,
        author text NOT NULL,
        body text NOT NULL CHECK (body <> ''),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX advisory_comment_subject_idx ON advisory_comment (subject_type, subject_id, id)`);

    await q.query(`
      CREATE TABLE notification (
        id bigserial PRIMARY KEY,
        github_id bigint NOT NULL,
        kind text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        message text NOT NULL,
        link text NOT NULL,
        dedupe_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        UNIQUE (github_id, dedupe_key)
      )`);
    await q.query(`CREATE INDEX notification_inbox_idx ON notification (github_id, id DESC)`);
    await q.query(`CREATE INDEX notification_unread_idx ON notification (github_id) WHERE read_at IS NULL`);
    await q.query(`
      CREATE TABLE subscription (
        github_id bigint NOT NULL,
        target_type text NOT NULL CHECK (target_type IN ('package', 'channel')),
        target text NOT NULL CHECK (target <> ''),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (github_id, target_type, target)
      )`);
    await q.query(`CREATE INDEX subscription_target_idx ON subscription (target_type, target)`);
    await q.query(`
      CREATE TABLE notification_preference (
        github_id bigint PRIMARY KEY,
        maintained_packages boolean NOT NULL DEFAULT true,
        subscriptions boolean NOT NULL DEFAULT true,
        email_digest boolean NOT NULL DEFAULT false,
        email text
      )`);

    await q.query(`
      CREATE FUNCTION lifecycle_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        allowed text[];
      BEGIN
        IF TG_TABLE_NAME = 'suggestion' THEN
          IF NEW.status = OLD.status THEN RETURN NEW; END IF;
          allowed := CASE OLD.status
            WHEN 'pending' THEN ARRAY['dismissed', 'accepted', 'withdrawn']
            WHEN 'dismissed' THEN ARRAY['pending', 'withdrawn']
            WHEN 'withdrawn' THEN ARRAY['pending', 'dismissed']
            WHEN 'accepted' THEN ARRAY['pending']
          END;
          IF NOT NEW.status = ANY (allowed) THEN
            RAISE EXCEPTION 'suggestion % (%) cannot go from % to %', OLD.id, OLD.cve_id, OLD.status, NEW.status
              USING ERRCODE = 'check_violation', HINT = 'see server/src/advisories/lifecycle/lifecycle.ts';
          END IF;
        ELSE
          IF NEW.state = OLD.state THEN RETURN NEW; END IF;
          allowed := CASE OLD.state
            WHEN 'draft' THEN ARRAY['published']
            WHEN 'published' THEN ARRAY['archived']
            WHEN 'archived' THEN ARRAY['published']
          END;
          IF NOT NEW.state = ANY (allowed) THEN
            RAISE EXCEPTION 'advisory % cannot go from % to %', OLD.id, OLD.state, NEW.state
              USING ERRCODE = 'check_violation', HINT = 'see server/src/advisories/lifecycle/lifecycle.ts';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER suggestion_lifecycle BEFORE UPDATE OF status ON suggestion FOR EACH ROW EXECUTE FUNCTION lifecycle_check()`);
    await q.query(`CREATE TRIGGER advisory_lifecycle BEFORE UPDATE OF state ON advisory FOR EACH ROW EXECUTE FUNCTION lifecycle_check()`);
    // A published advisory is never deleted: only drafts may be discarded.
    await q.query(`
      CREATE FUNCTION advisory_delete_check() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.state <> 'draft' THEN
          RAISE EXCEPTION 'advisory % is %: only drafts can be discarded', coalesce(OLD.public_id, OLD.id::text), OLD.state USING ERRCODE = 'check_violation';
        END IF;
        RETURN OLD;
      END $$`);
    await q.query(`CREATE TRIGGER advisory_delete BEFORE DELETE ON advisory FOR EACH ROW EXECUTE FUNCTION advisory_delete_check()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER advisory_delete ON advisory`);
    await q.query(`DROP TRIGGER advisory_lifecycle ON advisory`);
    await q.query(`DROP TRIGGER suggestion_lifecycle ON suggestion`);
    await q.query(`DROP FUNCTION advisory_delete_check()`);
    await q.query(`DROP FUNCTION lifecycle_check()`);
    for (const table of ['notification_preference', 'subscription', 'notification', 'advisory_comment', 'advisory_id_counter', 'advisory_maintainer', 'advisory_channel', 'advisory_package', 'advisory_cve']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP INDEX suggestion_queue_severity_idx`);
    await q.query(`DROP INDEX suggestion_queue_created_idx`);
    await q.query(`ALTER TABLE suggestion DROP CONSTRAINT suggestion_accepted_advisory_check`);
    await q.query(`ALTER TABLE suggestion DROP COLUMN attrs, DROP COLUMN maintainers`);
    await q.query(`ALTER TABLE suggestion DROP COLUMN channels, DROP COLUMN cvss, DROP COLUMN decided_at, DROP COLUMN version, DROP COLUMN advisory_id`);
    await q.query(`DELETE FROM suggestion WHERE status = 'accepted'`);
    await q.query(`ALTER TABLE suggestion DROP CONSTRAINT suggestion_status_check`);
    await q.query(`ALTER TABLE suggestion ADD CONSTRAINT suggestion_status_check CHECK (status IN ('pending', 'dismissed', 'withdrawn'))`);
    await q.query(`DROP TABLE advisory`);
  }
}
