import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../testing/test-database';
import { dataSourceOptions } from './data-source-options';
import { pendingMigrations, runMigrations } from './migration-runner';

describe('migrations on an empty database', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    dataSource = await new DataSource(dataSourceOptions(db.url, 4)).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('reports every migration as pending, applies them once, and is then current', async () => {
    const known = dataSource.migrations.map((m) => m.name);
    expect(known.length).toBeGreaterThan(0);
    expect(await pendingMigrations(dataSource)).toEqual(known);

    expect(await runMigrations(dataSource)).toEqual(known);
    expect(await pendingMigrations(dataSource)).toEqual([]);
    expect(await runMigrations(dataSource)).toEqual([]);

    const [{ exists }] = await dataSource.query(`SELECT to_regclass('public.job_run') IS NOT NULL AS exists`);
    expect(exists).toBe(true);
  });

  it('serialises concurrent migrators (several servers starting at once) without errors', async () => {
    await dataSource.query('DROP SCHEMA public CASCADE');
    await dataSource.query('CREATE SCHEMA public');
    const results = await Promise.all([runMigrations(dataSource), runMigrations(dataSource), runMigrations(dataSource)]);
    expect(results.flat()).toEqual(dataSource.migrations.map((m) => m.name));
    expect(await pendingMigrations(dataSource)).toEqual([]);
  });
});
