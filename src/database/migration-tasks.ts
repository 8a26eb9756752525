import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

const NAME = /^[A-Z][A-Za-z0-9]*$/;

function toKebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

function queryLines(queries: { query: string; parameters?: unknown[] }[]): string {
  return queries
    .map(({ query, parameters }) => {
      const args = parameters?.length ? `, ${JSON.stringify(parameters)}` : '';
      return `    await queryRunner.query(${JSON.stringify(query)}${args});`;
    })
    .join('\n');
}

/** The SQL that would bring the database in line with the entities (empty when in sync). */
export async function pendingSchemaChanges(dataSource: DataSource) {
  return dataSource.driver.createSchemaBuilder().log();
}

/**
 * Writes `migrations/<timestamp>-<name>.ts` from the difference between the entities and
 * the database, and registers it in `migrations/index.ts`. Returns the file, or undefined
 * when there is nothing to migrate.
 */
export async function generateMigration(
  dataSource: DataSource,
  name: string,
  directory: string,
  now = Date.now(),
): Promise<string | undefined> {
  if (!NAME.test(name)) {
    throw new Error(
      `Migration name must be PascalCase letters and digits (e.g. AddFlows), got '${name}'`,
    );
  }
  const { upQueries, downQueries } = await pendingSchemaChanges(dataSource);
  if (upQueries.length === 0) return undefined;
  const className = `${name}${now}`;
  const file = `${now}-${toKebab(name)}`;
  const source = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${queryLines(upQueries)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${queryLines([...downQueries].reverse())}
  }
}
`;
  await writeFile(join(directory, `${file}.ts`), source);
  return file;
}
