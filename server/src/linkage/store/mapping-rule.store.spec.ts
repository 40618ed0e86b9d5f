import { Pool } from 'pg';
import { ActivityLog } from '../../activity/activity-log';
import { createTestDatabase, TestDatabase } from '../../testing/test-database';
import { MappingRuleError, MappingRuleInput, MappingRuleStore } from './mapping-rule.store';

const flex: MappingRuleInput = { vendor: 'apache', product: 'flex', action: 'never', packages: ['flex'], note: 'Apache Flex is not GNU flex' };
const thunderbird: MappingRuleInput = {
  vendor: 'mozilla', product: 'thunderbird', action: 'map', packages: ['thunderbird-esr', 'thunderbird-latest'], note: 'Thunderbird is packaged per release line',
};

describe('MappingRuleStore: the curated rules, every change in the activity log', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: MappingRuleStore;
  const activity = () => new ActivityLog(pool).list({ subjectType: 'mapping-rule', first: 100 });

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 4 });
    store = new MappingRuleStore(pool);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('creates a rule, trimmed and with packages deduplicated, and logs who created it with what', async () => {
    const created = await store.create({ ...thunderbird, vendor: ' mozilla ', packages: ['thunderbird-esr', ' thunderbird-latest', 'thunderbird-esr', ''], note: ` ${thunderbird.note} ` }, 'alice');
    expect(created).toMatchObject({ ...thunderbird, createdBy: 'alice' });
    expect(typeof created.id).toBe('number');
    const [entry] = await activity();
    expect(entry).toMatchObject({ actor: 'alice', action: 'mapping-rule.created', subjectType: 'mapping-rule', subjectId: String(created.id), details: thunderbird });
    expect(await store.list()).toEqual([expect.objectContaining({ id: created.id, ...thunderbird })]);
  });

  it('lists rules by product, then vendor', async () => {
    await store.create(flex, 'bob');
    await store.create({ vendor: null, product: 'Flex', action: 'map', packages: ['flex'], note: 'GNU flex, whoever the vendor' }, 'bob');
    expect((await store.list()).map((r) => `${r.vendor ?? '*'}:${r.product}:${r.action}`)).toEqual(['*:Flex:map', 'apache:flex:never', 'mozilla:thunderbird:map']);
  });

  it.each([
    ['no product', { ...flex, product: '  ' }, /needs a product/],
    ['a map rule without packages', { ...thunderbird, packages: [' ', ''] }, /"map" rule for thunderbird needs at least one package/],
    ['no note', { ...flex, note: ' ' }, /Say why in the note/],
    ['an unknown action', { ...flex, action: 'block' as MappingRuleInput['action'] }, /map.*never|action/],
  ])('refuses %s with a clear error, and writes nothing', async (_case, input, message) => {
    const before = { rules: await store.list(), log: await activity() };
    const error = await store.create(input, 'alice').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MappingRuleError);
    expect((error as Error).message).toMatch(message);
    expect({ rules: await store.list(), log: await activity() }).toEqual(before);
  });

  it('refuses a duplicate (same vendor, product and action, in any case) and says to edit the existing one', async () => {
    const before = await activity();
    await expect(store.create({ ...flex, vendor: 'Apache', product: 'FLEX', note: 'again' }, 'carol')).rejects.toThrow(
      new MappingRuleError('A "never" rule for Apache:FLEX already exists: edit that one instead'),
    );
    // The opposite action for the same product is a different rule.
    await expect(store.create({ ...flex, action: 'map', note: 'contradicts the never rule' }, 'carol')).resolves.toMatchObject({ action: 'map' });
    expect((await activity()).length).toBe(before.length + 1);
  });

  it('updates a rule and logs it with the rule before and after', async () => {
    const rule = (await store.list()).find((r) => r.product === 'thunderbird')!;
    const versionBefore = await store.version();
    const updated = await store.update(rule.id, { ...thunderbird, packages: ['thunderbird-esr'], note: 'only the ESR line' }, 'bob');
    expect(updated).toMatchObject({ id: rule.id, packages: ['thunderbird-esr'], note: 'only the ESR line', createdBy: 'alice' });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(rule.updatedAt.getTime());
    expect(await store.version()).not.toBe(versionBefore);
    const [entry] = await activity();
    expect(entry).toMatchObject({
      actor: 'bob', action: 'mapping-rule.updated', subjectId: String(rule.id),
      details: { before: thunderbird, after: { ...thunderbird, packages: ['thunderbird-esr'], note: 'only the ESR line' } },
    });
  });

  it('refuses an update that would duplicate another rule, with the same clear error as create, and writes nothing', async () => {
    const rules = await store.list();
    const anyVendorFlex = rules.find((r) => r.vendor === null && r.product === 'Flex')!;
    const before = await activity();
    const error = await store.update(anyVendorFlex.id, { ...flex, note: 'now a copy of the apache rule' }, 'bob').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MappingRuleError);
    expect((error as Error).message).toMatch(/already exists/);
    expect(await store.list()).toEqual(rules);
    expect(await activity()).toEqual(before);
  });

  it('updating or removing a rule that does not exist says so', async () => {
    await expect(store.update(999_999, flex, 'bob')).rejects.toThrow(new MappingRuleError('Mapping rule #999999 does not exist'));
    await expect(store.remove(999_999, 'bob')).rejects.toThrow(new MappingRuleError('Mapping rule #999999 does not exist'));
  });

  it('removes a rule and logs what it was', async () => {
    const rule = (await store.list()).find((r) => r.product === 'thunderbird')!;
    const versionBefore = await store.version();
    await store.remove(rule.id, 'carol');
    expect((await store.list()).some((r) => r.id === rule.id)).toBe(false);
    expect(await store.version()).not.toBe(versionBefore);
    const [entry] = await activity();
    expect(entry).toMatchObject({ actor: 'carol', action: 'mapping-rule.deleted', subjectId: String(rule.id), details: { before: { product: 'thunderbird', packages: ['thunderbird-esr'] } } });
  });

  it('a change whose activity entry cannot be written is not made: rule and log are one transaction', async () => {
    const rules = await store.list();
    const target = rules.find((r) => r.product === 'flex' && r.action === 'never')!;
    // Made up for this test: the activity log refuses every insert.
    await pool.query(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'activity log unavailable'; END $$`);
    await pool.query(`CREATE TRIGGER refuse BEFORE INSERT ON activity_log FOR EACH ROW EXECUTE FUNCTION refuse()`);
    try {
      await expect(store.create({ ...flex, product: 'flex-sdk' }, 'dave')).rejects.toThrow('activity log unavailable');
      await expect(store.update(target.id, { ...flex, note: 'changed' }, 'dave')).rejects.toThrow('activity log unavailable');
      await expect(store.remove(target.id, 'dave')).rejects.toThrow('activity log unavailable');
      expect(await store.list()).toEqual(rules);
    } finally {
      await pool.query(`DROP TRIGGER refuse ON activity_log; DROP FUNCTION refuse()`);
    }
  });
});
