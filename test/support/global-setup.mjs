// Runs before any suite. With DATABASE_URL, suites use that server. Without it, one
// embedded Postgres (from the built dist/, see the pretest script) serves the whole run,
// kept in .data/test so later runs skip initdb. Each suite then creates its own database.
import { join } from 'node:path';

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.FLOWHUB_TEST_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  const { startEmbeddedPostgres } = await import('../../dist/src/database/embedded-postgres.js');
  const quiet = () => undefined;
  const embedded = await startEmbeddedPostgres(join(process.cwd(), '.data', 'test'), {
    info: quiet,
    warn: (message) => process.stderr.write(`${message}\n`),
    debug: quiet,
  });
  process.env.FLOWHUB_TEST_SERVER_URL = embedded.url;
  globalThis.__flowhubEmbedded = embedded;
}
