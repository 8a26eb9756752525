import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { loggerOptions } from '../../src/common/logging.js';
import type { LogLevel } from '../../src/config/env.schema.js';
import { bootFlowhub, type BootOptions, type Flowhub } from '../../src/boot.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdefghijklmnop';
export const TEST_MASTER_KEYS = `t1:${Buffer.alloc(32, 7).toString('base64')}`;

export interface TestApp extends Flowhub {
  database: TestDatabase;
  logs: string[];
  stop(): Promise<void>;
}

/** The production logger (same redaction), writing JSON lines to memory for assertions. */
export function memoryLogger(level: LogLevel = 'debug'): { logger: Logger; logs: string[] } {
  const logs: string[] = [];
  const stream = { write: (line: string) => void logs.push(line) };
  return { logger: pino(loggerOptions(level), stream), logs };
}

/** Removes the keys a suite left on the shared Redis under its own queue prefix. */
async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * Boots the real app on its own fresh database (and its own queue prefix on Redis when
 * REDIS_URL is set), listening on a free port. `env` overrides any variable.
 */
export async function bootTestApp(
  env: Record<string, string | undefined> = {},
  options: BootOptions & { database?: TestDatabase } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL,
    // The queue mode a suite runs under (FLOWHUB_QUEUE=postgres|redis|bullmq-postgres).
    FLOWHUB_QUEUE: process.env.FLOWHUB_QUEUE,
    // A console build other than console/dist (the browser suite can run on its own build).
    FLOWHUB_CONSOLE_DIR: process.env.FLOWHUB_CONSOLE_DIR,
    FLOWHUB_MASTER_KEYS: TEST_MASTER_KEYS,
    FLOWHUB_ADMIN_KEY: TEST_ADMIN_KEY,
    FLOWHUB_QUEUE_PREFIX: `t${randomBytes(5).toString('hex')}`,
    ...env,
  });
  const { logger, logs } = memoryLogger(config.logLevel);
  const flowhub = await bootFlowhub(config, logger, options).catch(async (error: unknown) => {
    if (!options.database) await database.drop();
    throw error;
  });
  return {
    ...flowhub,
    database,
    logs,
    stop: async () => {
      await flowhub.close();
      if (!options.database) await database.drop();
      if (config.redisUrl) await deleteRedisKeys(config.redisUrl, config.queuePrefix);
    },
  };
}
