import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { ApiKeysBootstrap } from './api-keys/api-keys.bootstrap.js';
import { AppModule, type ModuleImport } from './app.module.js';
import { registerCatchBodyParsers } from './catch/catch-body-parsers.js';
import { registerConsole } from './console/console-static.js';
import { frameworkErrors } from './common/framework-errors.js';
import { parseJsonBody } from './common/json-body-parser.js';
import { clientErrorHandler } from './common/client-error-handler.js';
import { requestId } from './common/logging.js';
import { PinoNestLogger } from './common/nest-logger.js';
import { registerRequestLogging } from './common/request-logging.js';
import { createValidationPipe } from './common/validation.pipe.js';
import type { AppConfig } from './config/load-config.js';
import type { Runtime } from './config/runtime.js';
import { closeExpressionPool } from './engine/expression-pool.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres.js';
import { setupOpenApi } from './openapi.js';
import { checkRedis } from './queue/redis-readiness.js';
import { loadOrCreateKeyFile, parseMasterKeys } from './secrets/master-keys.js';
import { SecretBox } from './secrets/secret-box.js';

export interface Flowhub {
  app: INestApplicationContext;
  /** Base URL of the HTTP server; undefined in the worker role. */
  url?: string;
  /** The admin key this boot created, for the banner; only when LOG_FORMAT is `pretty`. */
  createdAdminKey?: string;
  runtime: Runtime;
  close(): Promise<void>;
}

export interface BootOptions {
  /** Extra Nest modules (tests add processors here). */
  extraModules?: ModuleImport[];
}

async function resolveRuntime(config: AppConfig, logger: Logger) {
  const log = {
    info: (message: string) => logger.info(message),
    warn: (message: string) => logger.warn(message),
    debug: (message: string) => logger.debug({ source: 'postgres' }, message),
  };
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres(config.dataDir, log);
  try {
    const keys = config.masterKeys
      ? parseMasterKeys(config.masterKeys)
      : await loadOrCreateKeyFile(config.dataDir);
    if (config.redisUrl) await checkRedis(config.redisUrl, log.warn);
    const databaseUrl = config.databaseUrl ?? embedded!.url;
    return { runtime: { config, databaseUrl, secretBox: new SecretBox(keys) }, embedded };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/**
 * Slow clients cannot hold sockets: the headers must arrive within headersTimeoutMs and the
 * whole request within requestTimeoutMs, else Node answers 408 (clientErrorHandler) and closes.
 * Node checks these on an interval (30 s by default): check at least every second.
 */
export function slowClientLimits(config: Pick<AppConfig, 'requestTimeoutMs' | 'headersTimeoutMs'>) {
  const { requestTimeoutMs, headersTimeoutMs } = config;
  const headers = Math.min(headersTimeoutMs, requestTimeoutMs);
  const interval = Math.max(50, Math.min(1000, Math.floor(headers / 4)));
  return {
    requestTimeout: requestTimeoutMs,
    http: {
      requestTimeout: requestTimeoutMs,
      headersTimeout: headers,
      connectionsCheckingInterval: interval,
    },
  };
}

async function createNestApp(runtime: Runtime, logger: Logger, options: BootOptions) {
  const module = AppModule.forRoot(runtime, options.extraModules);
  const nestLogger = new PinoNestLogger(logger);
  if (runtime.config.role === 'worker') {
    const app = await NestFactory.createApplicationContext(module, { logger: nestLogger });
    return { app, url: undefined };
  }
  const adapter = new FastifyAdapter({
    // Client IP, scheme and host come from X-Forwarded-* only when a trusted proxy sent them.
    trustProxy: runtime.config.trustProxy.length > 0 ? runtime.config.trustProxy.join(',') : false,
    genReqId: requestId,
    bodyLimit: runtime.config.catchBodyLimit,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Requests Node's parser refuses (headers over 16 KB, ...) get a JSON error too.
    clientErrorHandler,
    frameworkErrors,
    ...slowClientLimits(runtime.config),
  });
  registerRequestLogging(adapter.getInstance(), logger);
  registerCatchBodyParsers(adapter.getInstance(), runtime.config.catchBodyLimit);
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    rawBody: true,
    logger: nestLogger,
  });
  app.useBodyParser(
    'application/json',
    { bodyLimit: runtime.config.catchBodyLimit },
    parseJsonBody,
  );
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app);
  await registerConsole(adapter.getInstance(), runtime.config.consoleDir);
  await app.listen(runtime.config.port, runtime.config.host);
  return { app, url: await app.getUrl() };
}

/**
 * Boots Flowhub in the configured role: embedded Postgres when there is no DATABASE_URL,
 * master keys, the Redis check, then Nest. `close()` stops HTTP, drains workers, closes
 * the database and finally stops the embedded Postgres.
 */
export async function bootFlowhub(
  config: AppConfig,
  logger: Logger,
  options: BootOptions = {},
): Promise<Flowhub> {
  const { runtime, embedded } = await resolveRuntime(config, logger);
  let started: Awaited<ReturnType<typeof createNestApp>>;
  try {
    started = await createNestApp(runtime, logger, options);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const { app, url } = started;
  const createdAdminKey = url ? app.get(ApiKeysBootstrap).takeCreatedKey() : undefined;
  return { app, url, createdAdminKey, runtime, close: () => shutdown(app, embedded) };
}

/** Stop accepting requests first, then drain workers and close the database, then postgres. */
async function shutdown(app: INestApplicationContext, embedded: EmbeddedDatabase | undefined) {
  try {
    if ('getHttpAdapter' in app) await (app as NestFastifyApplication).getHttpAdapter().close();
    await app.close();
    // The workers have drained: no step evaluates an expression any more.
    await closeExpressionPool();
  } finally {
    await embedded?.stop();
  }
}
