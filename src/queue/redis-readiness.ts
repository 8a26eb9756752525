import { Redis } from 'ioredis';

export interface RedisSettings {
  maxmemoryPolicy?: string;
  aofEnabled: boolean;
}

/** Reads the fields we need from `INFO` output (works where CONFIG is disabled). */
export function parseRedisInfo(info: string): RedisSettings {
  const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
  return { maxmemoryPolicy: field('maxmemory_policy'), aofEnabled: field('aof_enabled') === '1' };
}

/** Problems that must stop boot, and warnings to log, for a Redis used by BullMQ. */
export function judgeRedis(settings: RedisSettings): { fatal?: string; warning?: string } {
  if (settings.maxmemoryPolicy !== 'noeviction') {
    return {
      fatal:
        `REDIS_URL points at a Redis with maxmemory-policy=${settings.maxmemoryPolicy ?? 'unknown'}; ` +
        'BullMQ needs noeviction, or Redis may silently delete queued jobs under memory pressure. ' +
        "Set it with 'CONFIG SET maxmemory-policy noeviction' (and in redis.conf) or start " +
        'redis-server with --maxmemory-policy noeviction.',
    };
  }
  if (!settings.aofEnabled) {
    return {
      warning:
        'Redis append-only file (AOF) is off: jobs queued since the last snapshot are lost if Redis ' +
        'restarts. Flowhub keeps runs in Postgres and its reconciler re-enqueues them, but enable ' +
        '--appendonly yes for production.',
    };
  }
  return {};
}

/** Connects once, checks the settings, and throws a clear error when Redis is unusable. */
export async function checkRedis(url: string, warn: (message: string) => void): Promise<void> {
  const client = new Redis(url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 5000,
    lazyConnect: true,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect().catch((error: Error) => {
      throw new Error(`Cannot reach Redis at REDIS_URL (${error.message})`);
    });
    const info = await client.info();
    const verdict = judgeRedis(parseRedisInfo(info));
    if (verdict.fatal) throw new Error(verdict.fatal);
    if (verdict.warning) warn(verdict.warning);
  } finally {
    client.disconnect();
  }
}
