import path from 'node:path';
import { DataSource } from 'typeorm';
import { TestDatabase, createTestDatabase } from '@switchyard/testing';
import { dataSourceOptions } from './data-source.options';

/**
 * Entities and migrations must describe the same schema: otherwise the next
 * `npm run migration:generate` drags unrelated changes into a feature's
 * migration, or the code expects a column the database does not have.
 */
describe('schema', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource({
      ...dataSourceOptions(db.url, 2),
      entities: [path.resolve(__dirname, '../../../**/*.entity.ts')],
    });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('has entities that match the migrations exactly', async () => {
    expect(dataSource.entityMetadatas.length).toBeGreaterThan(0);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('has every migration applied and revertible', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
    for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'");
    expect(tables[0].n).toBe(0);
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await dataSource.showMigrations()).toBe(false);
  });
});
