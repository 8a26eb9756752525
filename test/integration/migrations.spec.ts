import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { ENTITIES } from '../../src/entities.js';
import { generateMigration, pendingSchemaChanges } from '../../src/database/migration-tasks.js';
import { runMigrationsLocked } from '../../src/database/run-migrations.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('migrations', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url, ENTITIES)).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('generates a migration from the entities on an empty database', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flowhub-migrations-'));
    const file = await generateMigration(dataSource, 'Initial', dir, 1000);
    expect(file).toBe('1000-initial');
    const source = await readFile(join(dir, `${file}.ts`), 'utf8');
    expect(source).toContain('export class Initial1000 implements MigrationInterface');
    expect(source).toContain('CREATE TABLE \\"api_keys\\"');
    await rm(dir, { recursive: true, force: true });
    await expect(generateMigration(dataSource, 'bad name', dir)).rejects.toThrow(/PascalCase/);
  });

  it('applies every migration, and then the schema matches the entities exactly', async () => {
    const applied = await runMigrationsLocked(dataSource);
    expect(applied).toContain('CreateApiKeys1763888400000');
    const { upQueries } = await pendingSchemaChanges(dataSource);
    expect(upQueries.map((q) => q.query)).toEqual([]);
  });

  it('is idempotent when several processes migrate at once', async () => {
    const results = await Promise.all([
      runMigrationsLocked(dataSource),
      runMigrationsLocked(dataSource),
    ]);
    expect(results).toEqual([[], []]);
  });

  it('reverts the last migration and applies it again', async () => {
    const last = MIGRATIONS.at(-1)!.name;
    await dataSource.undoLastMigration({ transaction: 'all' });
    const applied = await dataSource.query('SELECT name FROM migrations');
    expect(applied.map((row: { name: string }) => row.name)).not.toContain(last);
    expect(await runMigrationsLocked(dataSource)).toEqual([last]);
    const { upQueries } = await pendingSchemaChanges(dataSource);
    expect(upQueries).toEqual([]);
  });
});
