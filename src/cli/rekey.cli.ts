import { runWithDatabase } from '../database/cli-database.js';
import { ENTITIES } from '../entities.js';
import { loadOrCreateKeyFile, parseMasterKeys } from '../secrets/master-keys.js';
import { SecretBox } from '../secrets/secret-box.js';
import { rekeySecrets } from './rekey.js';

/** `npm run secrets:rekey`: re-encrypt every stored secret under the first master key. */
runWithDatabase(ENTITIES, async (dataSource, config, logger) => {
  const keys = config.masterKeys
    ? parseMasterKeys(config.masterKeys)
    : await loadOrCreateKeyFile(config.dataDir);
  const box = new SecretBox(keys);
  const report = await rekeySecrets(dataSource, box);
  logger.info(
    `Re-encrypted ${report.connectionSecrets} connection secret(s), ${report.catchKeys} catch key(s), ${report.verifySecrets} flow verify secret list(s), ${report.webhookSecrets} webhook subscription(s) and ${report.namedSecrets} named secret(s) under master key '${box.activeKeyId}'`,
  );
});
