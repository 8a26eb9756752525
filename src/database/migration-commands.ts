import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { generateMigration } from './migration-tasks.js';
import { runMigrationsLocked } from './run-migrations.js';

const USAGE =
  'usage: npm run migration:run | migration:revert | migration:show | migration:generate -- <PascalCaseName>';
const MIGRATIONS_DIR = join(process.cwd(), 'migrations');

/** Adds the generated migration to the list in migrations/index.ts. */
async function register(file: string): Promise<void> {
  const index = join(MIGRATIONS_DIR, 'index.ts');
  const source = await readFile(index, 'utf8');
  const className = /export class (\w+)/.exec(
    await readFile(join(MIGRATIONS_DIR, `${file}.ts`), 'utf8'),
  )![1];
  const withImport = source.replace(
    /(\nexport const MIGRATIONS)/,
    `import { ${className} } from './${file}.js';\n$1`,
  );
  await writeFile(index, withImport.replace(/,?\s*\];\s*$/, `, ${className}];\n`));
  await appendFile(index, '');
}

/**
 * One `npm run migration:*` command (run, revert, show, generate <Name>) on a data source that
 * maps every entity; returns what to tell the user. The entry point is src/cli/migration.cli.ts.
 */
export async function migrationCommand(
  command: string | undefined,
  name: string | undefined,
  dataSource: DataSource,
): Promise<string> {
  switch (command) {
    case 'run': {
      const applied = await runMigrationsLocked(dataSource);
      return applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations';
    }
    case 'revert':
      await dataSource.undoLastMigration({ transaction: 'all' });
      return 'Reverted the last migration';
    case 'show':
      return (await dataSource.showMigrations()) ? 'There are pending migrations' : 'Up to date';
    case 'generate': {
      if (!name) throw new Error(USAGE);
      await runMigrationsLocked(dataSource);
      const file = await generateMigration(dataSource, name, MIGRATIONS_DIR);
      if (!file) return 'Entities and migrations agree: nothing to generate';
      await register(file);
      return `Wrote migrations/${file}.ts and added it to migrations/index.ts; review it, run npm run format`;
    }
    default:
      throw new Error(USAGE);
  }
}
