import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../../testing/test-database';
import {
  ADVISORY_STATES,
  ADVISORY_TRANSITIONS,
  assertAdvisoryTransition,
  assertSuggestionTransition,
  IllegalTransitionError,
  SUGGESTION_STATUSES,
  SUGGESTION_TRANSITIONS,
} from './lifecycle';

/** The lifecycle table in the code and the trigger in the database must allow exactly the same transitions. */
describe('lifecycle', () => {
  let db: TestDatabase;
  let client: Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(`INSERT INTO cve (id, state, sources) VALUES ('CVE-2099-0001', 'PUBLISHED', '{cve-list}')`);
    await client.query(`INSERT INTO advisory (title, created_by) VALUES ('a draft', 'test')`);
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  /** Tries one transition in a transaction that is rolled back; true when the database accepted it. */
  async function databaseAllows(sql: string, setup: string): Promise<boolean> {
    await client.query('BEGIN');
    try {
      await client.query(setup);
      await client.query('SAVEPOINT attempt');
      try {
        await client.query(sql);
        return true;
      } catch (err) {
        if (!/cannot go from/.test((err as Error).message)) throw err;
        return false;
      }
    } finally {
      await client.query('ROLLBACK');
    }
  }

  // Each status with the columns its CHECK constraints require.
  const suggestionRow = (status: string) =>
    `INSERT INTO suggestion (id, cve_id, status, dismissal_reason, confidence, score, group_count, explanation, algorithm_version, advisory_id)
     VALUES (1, 'CVE-2099-0001', '${status}', ${status === 'dismissed' ? "'x'" : 'NULL'}, 1, 1, 1, '{}', 1, ${status === 'accepted' ? '(SELECT min(id) FROM advisory)' : 'NULL'})`;
  const suggestionUpdate = (status: string) =>
    `UPDATE suggestion SET status = '${status}', dismissal_reason = ${status === 'dismissed' ? "'x'" : 'NULL'},
       advisory_id = ${status === 'accepted' ? '(SELECT min(id) FROM advisory)' : 'NULL'} WHERE id = 1`;

  it.each(SUGGESTION_STATUSES.flatMap((from) => SUGGESTION_STATUSES.filter((to) => to !== from).map((to) => [from, to])))(
    'suggestion %s → %s: the trigger agrees with SUGGESTION_TRANSITIONS',
    async (from, to) => {
      const allowed = SUGGESTION_TRANSITIONS[from].includes(to);
      expect(await databaseAllows(suggestionUpdate(to), suggestionRow(from))).toBe(allowed);
      const check = () => assertSuggestionTransition('the suggestion', from, to);
      if (allowed) expect(check).not.toThrow();
      else expect(check).toThrow(IllegalTransitionError);
    },
  );

  const advisoryRow = (state: string) =>
    `UPDATE advisory SET state = '${state}', public_id = 'NIXPKGS-2099-0001', issue_number = 1, published_at = now(),
       archived_at = ${state === 'archived' ? 'now()' : 'NULL'}`;

  it.each(ADVISORY_STATES.flatMap((from) => ADVISORY_STATES.filter((to) => to !== from).map((to) => [from, to])))(
    'advisory %s → %s: the trigger agrees with ADVISORY_TRANSITIONS',
    async (from, to) => {
      const allowed = ADVISORY_TRANSITIONS[from].includes(to);
      // Setting the starting state directly would itself be a transition: disable the trigger for the setup only.
      const setup = `ALTER TABLE advisory DISABLE TRIGGER advisory_lifecycle; ${advisoryRow(from)}; ALTER TABLE advisory ENABLE TRIGGER advisory_lifecycle`;
      expect(await databaseAllows(`UPDATE advisory SET state = '${to}', archived_at = ${to === 'archived' ? 'now()' : 'NULL'}`, setup)).toBe(allowed);
      const check = () => assertAdvisoryTransition('the advisory', from, to);
      if (allowed) expect(check).not.toThrow();
      else expect(check).toThrow(IllegalTransitionError);
    },
  );

  it('says what to do instead of an illegal transition', () => {
    expect(() => assertSuggestionTransition('The suggestion for CVE-2024-0001', 'accepted', 'dismissed')).toThrow(
      'The suggestion for CVE-2024-0001 is accepted and cannot become dismissed: it is in a draft advisory; discard the draft or split the CVE out of it first',
    );
    expect(() => assertAdvisoryTransition('Advisory NIXPKGS-2024-0001', 'published', 'draft')).toThrow(/a published advisory never goes back to draft/);
  });

  it('only a draft can be deleted', async () => {
    const setup = `ALTER TABLE advisory DISABLE TRIGGER advisory_lifecycle; ${advisoryRow('published')}; ALTER TABLE advisory ENABLE TRIGGER advisory_lifecycle`;
    await client.query('BEGIN');
    try {
      await client.query(setup);
      await expect(client.query(`DELETE FROM advisory`)).rejects.toThrow(/NIXPKGS-2099-0001 is published: only drafts can be discarded/);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});
