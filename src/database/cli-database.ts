import 'reflect-metadata';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { createLogger } from '../common/logging.js';
import { loadConfig, type AppConfig } from '../config/load-config.js';
import { dataSourceOptions, type EntityList } from './data-source-options.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

/**
 * For command-line tools: the app's data source (on `entities`, the app's list) on DATABASE_URL
 * or the embedded Postgres (started and stopped around `work`). Errors end the process with
 * their message.
 */
export function runWithDatabase(
  entities: EntityList,
  work: (dataSource: DataSource, config: AppConfig, logger: Logger) => Promise<void>,
): void {
  const main = async () => {
    const config = loadConfig(process.env);
    const logger = createLogger(config.logLevel);
    const log = {
      info: (m: string) => logger.info(m),
      warn: (m: string) => logger.warn(m),
      debug: () => undefined,
    };
    const embedded = config.databaseUrl
      ? undefined
      : await startEmbeddedPostgres(config.dataDir, log);
    const dataSource = new DataSource(
      dataSourceOptions(config.databaseUrl ?? embedded!.url, entities),
    );
    try {
      await dataSource.initialize();
      await work(dataSource, config, logger);
    } finally {
      await dataSource.destroy().catch(() => undefined);
      await embedded?.stop();
    }
  };
  main().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
