import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createLogger } from '../common/logging.js';
import { loadConfig } from '../config/load-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { loadOrCreateKeyFile, parseMasterKeys } from './master-keys.js';
import { rekeySecrets } from './rekey.js';
import { SecretBox } from './secret-box.js';

/** `npm run secrets:rekey`: re-encrypt every stored secret under the first master key. */
async function main(): Promise<void> {
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
  const keys = config.masterKeys
    ? parseMasterKeys(config.masterKeys)
    : await loadOrCreateKeyFile(config.dataDir);
  const box = new SecretBox(keys);
  const dataSource = new DataSource(dataSourceOptions(config.databaseUrl ?? embedded!.url));
  try {
    await dataSource.initialize();
    const report = await rekeySecrets(dataSource, box);
    logger.info(
      `Re-encrypted ${report.connectionSecrets} connection secret(s) and ${report.catchKeys} catch key(s) under master key '${box.activeKeyId}'`,
    );
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await embedded?.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
