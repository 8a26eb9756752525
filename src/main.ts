import 'reflect-metadata';
import type { Logger } from 'pino';
import { applyHeapGrowth } from './common/heap-growth.js';
import { resolveLogFormat } from './common/log-format.js';
import { createLogger } from './common/logging.js';
import { bootBanner } from './boot-banner.js';
import { ConfigError, loadConfig, type AppConfig } from './config/load-config.js';
import { bootFlowhub, type Flowhub } from './boot.js';

/** The configuration, or every problem with it on stderr and exit code 78 (EX_CONFIG). */
function configOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(
      `Flowhub cannot start. ${error.message}\nSee .env.example for every variable.\n`,
    );
    process.exit(78);
  }
}

/**
 * SIGTERM/SIGINT close Flowhub once (after `booting()`, so a signal during boot waits for it)
 * and exit 0; exit 1 when that takes longer than FLOWHUB_SHUTDOWN_TIMEOUT_MS.
 */
function handleStopSignals(
  config: AppConfig,
  logger: Logger,
  booting: () => Promise<Flowhub | undefined>,
): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(
        `${signal} received while shutting down; still waiting (limit FLOWHUB_SHUTDOWN_TIMEOUT_MS)`,
      );
      return;
    }
    stopping = true;
    logger.info(`${signal} received: shutting down (stop HTTP, drain workers, close database)`);
    const timer = setTimeout(() => {
      logger.error(`Shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting anyway`);
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    const flowhub = await booting().catch(() => undefined);
    await flowhub?.close();
    logger.info('Flowhub stopped');
    process.exit(0);
  };
  process.on('SIGTERM', (signal) => void stop(signal));
  process.on('SIGINT', (signal) => void stop(signal));
}

async function main(): Promise<void> {
  let config = configOrExit();
  applyHeapGrowth(config.heapGrowthPercent);
  const logFormat = resolveLogFormat(config.logFormat, process.stdout.isTTY);
  config = { ...config, logFormat };
  const logger = createLogger(config.logLevel, logFormat);
  let booting: Promise<Flowhub | undefined> = Promise.resolve(undefined);
  handleStopSignals(config, logger, () => booting);
  let flowhub: Flowhub;
  try {
    booting = bootFlowhub(config, logger);
    flowhub = (await booting)!;
  } catch (error) {
    logger.fatal(`Flowhub failed to start: ${(error as Error).message}`);
    process.exit(1);
  }
  if (logFormat === 'pretty') {
    process.stdout.write(bootBanner({ config, ...flowhub }));
    return;
  }
  const queue = `queue: ${config.queueMode}`;
  logger.info(
    flowhub.url
      ? `Flowhub (${config.role}) listening on ${flowhub.url} — API docs at ${flowhub.url}/docs (${queue})`
      : `Flowhub worker started (${queue})`,
  );
}

void main();
