import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { checkRedis } from '../../src/queue/redis-readiness.js';
import { bootTestApp } from '../support/boot-test-app.js';
import { freePort } from '../support/flowhub-process.js';

/** A throwaway redis-server with the given flags, so we can test settings we must refuse. */
async function startRedis(flags: string[]): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'flowhub-redis-'));
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, ...flags],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null });
  probe.on('error', () => undefined);
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (
      await probe.connect().then(
        () => true,
        () => false,
      )
    )
      break;
    await sleep(50);
  }
  probe.disconnect();
  return {
    url,
    async stop() {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe('Redis readiness checks against real servers', () => {
  it('accepts the CI Redis (noeviction) and warns that AOF is off', async () => {
    const warnings: string[] = [];
    await checkRedis(process.env.REDIS_URL!, (message) => warnings.push(message));
    const probe = new Redis(process.env.REDIS_URL!);
    const aof = await probe.call('CONFIG', 'GET', 'appendonly').catch(() => []);
    probe.disconnect();
    if ((aof as string[])[1] === 'no') {
      expect(warnings.join('\n')).toMatch(/append-only file \(AOF\) is off/);
    } else {
      expect(warnings).toEqual([]);
    }
  });

  it('refuses a Redis that may evict keys, and Flowhub does not boot on it', async () => {
    const redis = await startRedis(['--maxmemory-policy', 'allkeys-lru', '--appendonly', 'no']);
    try {
      await expect(checkRedis(redis.url, () => undefined)).rejects.toThrow(
        /maxmemory-policy=allkeys-lru; BullMQ needs noeviction/,
      );
      await expect(bootTestApp({ REDIS_URL: redis.url })).rejects.toThrow(
        /maxmemory-policy=allkeys-lru/,
      );
    } finally {
      await redis.stop();
    }
  });

  it('is quiet for a production-shaped Redis (noeviction and AOF on)', async () => {
    const redis = await startRedis(['--maxmemory-policy', 'noeviction', '--appendonly', 'yes']);
    try {
      const warnings: string[] = [];
      await checkRedis(redis.url, (message) => warnings.push(message));
      expect(warnings).toEqual([]);
    } finally {
      await redis.stop();
    }
  });
});
