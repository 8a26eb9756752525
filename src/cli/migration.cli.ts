import { runWithDatabase } from '../database/cli-database.js';
import { migrationCommand } from '../database/migration-commands.js';
import { ENTITIES } from '../entities.js';

/** `npm run migration:*` on the app's data source (the embedded Postgres included). */
runWithDatabase(ENTITIES, async (dataSource, _config, logger) => {
  const [command, name] = process.argv.slice(2);
  logger.info(await migrationCommand(command, name, dataSource));
});
