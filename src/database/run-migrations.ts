import type { DataSource } from 'typeorm';

/** Any constant works: it only has to be the same in every Flowhub process. */
const MIGRATION_LOCK = 7_140_001;

/**
 * Applies pending migrations while holding a Postgres advisory lock, so api and worker
 * processes that boot together on one database never run them twice.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
