import { ConfigError, loadConfig } from './load-config.js';

const KEYS = `k1:${Buffer.alloc(32, 1).toString('base64')}`;

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      role: 'all',
      logLevel: 'info',
      queuePrefix: 'flowhub',
      shutdownTimeoutMs: 8000,
      heapGrowthPercent: 100,
      webhookRetentionDays: 30,
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\/\.data$/);
  });

  it('queues runs on PostgreSQL without Redis, on Redis with it, unless FLOWHUB_QUEUE says', () => {
    const redis = { REDIS_URL: 'redis://redis:6379' };
    expect(loadConfig({}).queueMode).toBe('postgres');
    expect(loadConfig(redis).queueMode).toBe('redis');
    expect(loadConfig({ ...redis, FLOWHUB_QUEUE: 'postgres' }).queueMode).toBe('postgres');
    expect(loadConfig({ FLOWHUB_QUEUE: 'bullmq-postgres' }).queueMode).toBe('bullmq-postgres');
    expect(problems({ FLOWHUB_QUEUE: 'redis' })).toEqual([
      expect.stringMatching(/^FLOWHUB_QUEUE=redis needs REDIS_URL .*FLOWHUB_QUEUE=postgres/),
    ]);
    expect(problems({ ...redis, FLOWHUB_QUEUE: 'bullmq-postgres' })).toEqual([
      expect.stringMatching(
        /^FLOWHUB_QUEUE=bullmq-postgres runs BullMQ on PostgreSQL, but REDIS_URL/,
      ),
    ]);
    expect(problems({ FLOWHUB_QUEUE: 'kafka' })).toEqual([
      'FLOWHUB_QUEUE must be one of: postgres, redis, bullmq-postgres',
    ]);
  });

  it('takes FLOWHUB_HEAP_GROWTH_PERCENT from 0 (V8 decides) to 300, and names the range', () => {
    expect(loadConfig({ FLOWHUB_HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    expect(problems({ FLOWHUB_HEAP_GROWTH_PERCENT: '400' })).toEqual([
      'FLOWHUB_HEAP_GROWTH_PERCENT must be an integer between 0 and 300',
    ]);
  });

  it('sizes the database pool: 10 on a server, 8 embedded, 2 to 200 (booting holds a lock and migrates)', () => {
    const server = {
      DATABASE_URL: 'postgres://flowhub@db.internal:5432/flowhub',
      FLOWHUB_MASTER_KEYS: KEYS,
    };
    expect(loadConfig(server).dbPoolSize).toBe(10);
    expect(loadConfig({}).dbPoolSize).toBe(8);
    expect(loadConfig({ FLOWHUB_DB_POOL_SIZE: '40' }).dbPoolSize).toBe(40);
    expect(loadConfig({ ...server, FLOWHUB_DB_POOL_SIZE: '4' }).dbPoolSize).toBe(4);
    expect(problems({ FLOWHUB_DB_POOL_SIZE: '1' })).toEqual([
      'FLOWHUB_DB_POOL_SIZE must be an integer between 2 and 200',
    ]);
  });

  it('names PORT and the allowed range when PORT is not a number', () => {
    expect(problems({ PORT: 'abc' })).toEqual([
      'PORT must be an integer between 0 and 65535 (0 picks a free port)',
    ]);
  });

  it('bounds the webhook delivery log retention', () => {
    expect(loadConfig({ FLOWHUB_WEBHOOK_RETENTION_DAYS: '7' }).webhookRetentionDays).toBe(7);
    expect(problems({ FLOWHUB_WEBHOOK_RETENTION_DAYS: '0' })).toEqual([
      'FLOWHUB_WEBHOOK_RETENTION_DAYS must be an integer between 1 and 3650',
    ]);
  });

  it('rejects an out-of-range PORT', () => {
    expect(problems({ PORT: '70000' })[0]).toMatch(/^PORT must be an integer/);
  });

  it('lists the allowed roles', () => {
    expect(problems({ FLOWHUB_ROLE: 'web' })).toEqual([
      'FLOWHUB_ROLE must be one of: all, api, worker',
    ]);
  });

  it('reports every bad variable at once', () => {
    const found = problems({ PORT: 'x', LOG_LEVEL: 'loud', REDIS_URL: 'localhost:6379' });
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/PORT/);
    expect(found.join('\n')).toMatch(/LOG_LEVEL must be one of: fatal, error/);
    expect(found.join('\n')).toMatch(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
  });

  it('requires master keys when an external database is used', () => {
    const found = problems({ DATABASE_URL: 'postgres://u@db:5432/flowhub' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^FLOWHUB_MASTER_KEYS is required when DATABASE_URL is set/);
  });

  it('accepts an external database with master keys and Redis', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/flowhub',
      FLOWHUB_MASTER_KEYS: KEYS,
      REDIS_URL: 'redis://redis:6379',
      FLOWHUB_ROLE: 'worker',
      PORT: '8080',
    });
    expect(config).toMatchObject({ role: 'worker', port: 8080, redisUrl: 'redis://redis:6379' });
  });

  it('rejects malformed master keys and repeated key ids', () => {
    expect(problems({ FLOWHUB_MASTER_KEYS: 'k1:short' })[0]).toMatch(
      /^FLOWHUB_MASTER_KEYS must be a comma-separated list of <id>:<base64 of 32 bytes>/,
    );
    expect(problems({ FLOWHUB_MASTER_KEYS: `${KEYS},${KEYS}` })).toEqual([
      'FLOWHUB_MASTER_KEYS lists the same key id twice; every id must be unique',
    ]);
  });

  it('refuses a short admin key', () => {
    expect(problems({ FLOWHUB_ADMIN_KEY: 'tooshort' })).toEqual([
      'FLOWHUB_ADMIN_KEY must be at least 32 characters long',
    ]);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ' }).port).toBe(3000);
  });

  it('lists trusted proxies, and refuses anything that is not an IP or CIDR', () => {
    expect(loadConfig({ FLOWHUB_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(problems({ FLOWHUB_TRUST_PROXY: 'true' })[0]).toMatch(
      /^FLOWHUB_TRUST_PROXY must list the trusted proxies/,
    );
  });
});
