import { getDataSourceToken } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import {
  batchSize,
  CatchRateLimiter,
  refusalRowId,
  RESERVE_MS,
} from '../../src/catch/catch-rate-limiter.service.js';
import { CatchLimitsRepository } from '../../src/catch/catch-limits.repository.js';
import { RUNTIME, type Runtime } from '../../src/config/runtime.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/** ING-3 on Redis: the bucket lives in Redis when REDIS_URL is set, Postgres takes over if it fails. */
describe('catch rate limiter on Redis', () => {
  let app: TestApp;
  let dataSource: DataSource;
  let runtime: Runtime;
  const limiter = (redisUrl: string | undefined) =>
    new CatchRateLimiter(new CatchLimitsRepository(dataSource), {
      ...runtime,
      config: { ...runtime.config, redisUrl },
    } as Runtime);

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_ROLE: 'api' });
    dataSource = app.app.get<DataSource>(getDataSourceToken());
    runtime = app.app.get<Runtime>(RUNTIME);
  });
  afterAll(() => app.stop());

  it('shares one bucket between processes through Redis, without touching Postgres', async () => {
    const [a, b] = [limiter(process.env.REDIS_URL), limiter(process.env.REDIS_URL)];
    const flowId = randomUUID();
    try {
      await new Promise((resolve) => setTimeout(resolve, 200)); // connected
      const waits = [];
      for (const side of [a, b, a, b]) waits.push(await side.take(flowId, 1, 3));
      expect(waits).toEqual([undefined, undefined, undefined, 1]);
      const rows = await dataSource.query('SELECT 1 FROM catch_rate_limits WHERE flow_id = $1', [
        flowId,
      ]);
      expect(rows).toHaveLength(0);
      const redis = new Redis(process.env.REDIS_URL!);
      const key = `${runtime.config.queuePrefix}:catch-rate:${flowId}`;
      expect(Number(await redis.hget(key, 'tokens'))).toBeLessThan(0);
      expect(await redis.pttl(key)).toBeGreaterThan(0);
      redis.disconnect();
    } finally {
      a.onModuleDestroy();
      b.onModuleDestroy();
    }
  });

  it('takes tokens in batches at high rates: one Redis call per batch', async () => {
    expect(batchSize(50, 100)).toBe(2); // the default rate
    expect(batchSize(10, 20)).toBe(1);
    expect(batchSize(200, 40)).toBe(10);
    expect(batchSize(100_000, 200_000)).toBe(100);
    const a = limiter(process.env.REDIS_URL);
    const flowId = randomUUID();
    const redis = new Redis(process.env.REDIS_URL!);
    const key = `${runtime.config.queuePrefix}:catch-rate:${flowId}`;
    const stored = async () => Number(await redis.hget(key, 'tokens'));
    // When Redis last took tokens (microseconds): every call rewrites it.
    const askedAt = () => redis.hget(key, 'at');
    try {
      await new Promise((resolve) => setTimeout(resolve, 200)); // connected
      expect(await a.take(flowId, 200, 40)).toBeUndefined();
      const started = Date.now();
      expect(await stored()).toBe(30); // a batch of 10 taken from the full bucket
      const first = await askedAt();
      for (let i = 0; i < 9; i += 1) expect(await a.take(flowId, 200, 40)).toBeUndefined();
      expect(await stored()).toBe(30); // spent from the batch, Redis not asked
      expect(await askedAt()).toBe(first);
      expect(await a.take(flowId, 200, 40)).toBeUndefined();
      expect(await askedAt()).not.toBe(first); // the next batch
      // 10 more taken from what the bucket refilled to meanwhile (200 a second, at most 40).
      const refilled = Math.ceil(((Date.now() - started) / 1000) * 200) + 1;
      expect(await stored()).toBeLessThanOrEqual(Math.min(40, 30 + refilled) - 10);
    } finally {
      redis.disconnect();
      a.onModuleDestroy();
    }
  });

  it('keeps a small batch for a quiet URL while the bucket is plentiful, not when it is low', async () => {
    const a = limiter(process.env.REDIS_URL);
    const drainer = limiter(process.env.REDIS_URL);
    const redis = new Redis(process.env.REDIS_URL!);
    const key = (flowId: string) => `${runtime.config.queuePrefix}:catch-rate:${flowId}`;
    const stored = async (flowId: string) => Number(await redis.hget(key(flowId), 'tokens'));
    // When Redis last took tokens for the flow: every call rewrites it.
    const askedAt = (flowId: string) => redis.hget(key(flowId), 'at');
    const pause = () => new Promise((resolve) => setTimeout(resolve, 3 * RESERVE_MS));
    try {
      await new Promise((resolve) => setTimeout(resolve, 200)); // connected
      // The bench's flows: 100,000/s, bursts of 200,000; batches of 100 (0.05 % of the burst).
      const quiet = randomUUID();
      expect(await a.take(quiet, 100_000, 200_000)).toBeUndefined();
      const first = await askedAt(quiet);
      await pause();
      expect(await a.take(quiet, 100_000, 200_000)).toBeUndefined();
      expect(await askedAt(quiet)).toBe(first); // spent from the kept batch
      // The default rate (50/s, bursts of 100): batches of 2, one kept while 50+ are left.
      const low = randomUUID();
      for (let i = 0; i < 70; i += 1) await drainer.take(low, 50, 100);
      expect(await stored(low)).toBeLessThan(50);
      expect(await a.take(low, 50, 100)).toBeUndefined();
      const beforePause = await askedAt(low);
      await pause();
      expect(await a.take(low, 50, 100)).toBeUndefined();
      expect(await askedAt(low)).not.toBe(beforePause); // the kept token had lapsed: Redis asked
    } finally {
      redis.disconnect();
      a.onModuleDestroy();
      drainer.onModuleDestroy();
    }
  });

  it('never lets two processes take more than the bucket holds', async () => {
    const [a, b] = [limiter(process.env.REDIS_URL), limiter(process.env.REDIS_URL)];
    const flowId = randomUUID();
    try {
      await new Promise((resolve) => setTimeout(resolve, 200)); // connected
      const started = Date.now();
      const takes = await Promise.all(
        Array.from({ length: 120 }, (_, i) => (i % 2 ? a : b).take(flowId, 200, 40)),
      );
      const refilled = Math.ceil(((Date.now() - started) / 1000) * 200);
      const allowed = takes.filter((wait) => wait === undefined).length;
      expect(allowed).toBeLessThanOrEqual(40 + refilled);
      expect(allowed).toBeGreaterThanOrEqual(20);
      expect(takes.filter((wait) => wait === 1)).toHaveLength(120 - allowed);
    } finally {
      a.onModuleDestroy();
      b.onModuleDestroy();
    }
  });

  it("keeps refusals in a bucket of their own, on Redis and on Postgres: spending it leaves the flow's tokens", async () => {
    for (const redisUrl of [process.env.REDIS_URL, undefined]) {
      const side = limiter(redisUrl);
      const flowId = randomUUID();
      try {
        await new Promise((resolve) => setTimeout(resolve, 200)); // connected
        const refusals = [];
        for (let i = 0; i < 4; i += 1) refusals.push(await side.takeRefusal(flowId, 1, 3));
        expect(refusals).toEqual([undefined, undefined, undefined, 1]);
        const takes = [];
        for (let i = 0; i < 4; i += 1) takes.push(await side.take(flowId, 1, 3));
        expect(takes).toEqual([undefined, undefined, undefined, 1]);
        const rows: { flow_id: string }[] = await dataSource.query(
          'SELECT flow_id FROM catch_rate_limits WHERE flow_id = ANY($1::uuid[])',
          [[flowId, refusalRowId(flowId)]],
        );
        expect(rows).toHaveLength(redisUrl ? 0 : 2);
      } finally {
        side.onModuleDestroy();
      }
    }
  });

  it('falls back to the Postgres bucket when Redis cannot answer', async () => {
    const dead = limiter('redis://127.0.0.1:1');
    const flowId = randomUUID();
    try {
      expect(await dead.take(flowId, 1, 1)).toBeUndefined();
      expect(await dead.take(flowId, 1, 1)).toBe(1);
      const rows = await dataSource.query(
        'SELECT tokens FROM catch_rate_limits WHERE flow_id = $1',
        [flowId],
      );
      expect(rows).toHaveLength(1);
    } finally {
      dead.onModuleDestroy();
    }
  });
});
