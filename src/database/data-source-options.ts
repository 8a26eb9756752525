import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';

/** The entities the data source maps: every feature's, listed in app wiring (src/entities.ts). */
export type EntityList = NonNullable<DataSourceOptions['entities']>;

/** The one data source definition shared by the app and the command-line tools. */
export function dataSourceOptions(
  url: string,
  entities: EntityList,
  poolSize = 10,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: 'flowhub',
    uuidExtension: 'pgcrypto',
    extra: { max: poolSize, connectionTimeoutMillis: 5000 },
  };
}
