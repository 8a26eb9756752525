import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { CatchLimitsRepository } from '../../src/catch/catch-limits.repository.js';
import { CatchRateLimiter } from '../../src/catch/catch-rate-limiter.service.js';
import { RUNTIME, type Runtime } from '../../src/config/runtime.js';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/**
 * ING-3 without Redis: the Postgres bucket (catch_rate_limits) is taken in batches, concurrent
 * requests of one process share one statement, and two processes (each its own pool) together
 * never admit more than the bucket allows: burst + rate x time.
 */
describe('catch rate limit on Postgres, batched', () => {
  let app: TestApp;
  let runtime: Runtime;
  const pools: DataSource[] = [];

  /** A process's limiter: its own DataSource (pool), no Redis; counts its bucket statements. */
  const processLimiter = async () => {
    const dataSource = new DataSource({
      type: 'postgres',
      url: app.database.url,
      extra: { max: 5 },
    });
    await dataSource.initialize();
    pools.push(dataSource);
    const statements = { count: 0 };
    const query = dataSource.query.bind(dataSource);
    dataSource.query = ((sql: string, parameters?: unknown[]) => {
      if (sql.includes('catch_rate_limits')) statements.count += 1;
      return query(sql, parameters);
    }) as DataSource['query'];
    const config = { ...runtime.config, redisUrl: undefined };
    const limiter = new CatchRateLimiter(new CatchLimitsRepository(dataSource), {
      ...runtime,
      config,
    } as Runtime);
    return { limiter, statements };
  };

  const stored = async (rowId: string): Promise<number> => {
    const rows: { tokens: number }[] = await pools[0].query(
      'SELECT tokens FROM catch_rate_limits WHERE flow_id = $1',
      [rowId],
    );
    return Number(rows[0].tokens);
  };

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_ROLE: 'api', REDIS_URL: undefined });
    runtime = app.app.get<Runtime>(RUNTIME);
  });
  afterAll(async () => {
    for (const pool of pools) await pool.destroy();
    await app.stop();
  });

  it('shares one statement between the concurrent requests of a process', async () => {
    const { limiter, statements } = await processLimiter();
    // The bench's rate (batches of 100): 100 requests at once, from a full bucket.
    const flowId = randomUUID();
    const waits = await Promise.all(
      Array.from({ length: 100 }, () => limiter.take(flowId, 100_000, 200_000)),
    );
    expect(waits.every((wait) => wait === undefined)).toBe(true);
    expect(statements.count).toBe(1);
    expect(await stored(flowId)).toBeLessThanOrEqual(200_000 - 100);
    // A slow URL (batches of one token): 30 at once share a few statements, 10 get through.
    const slow = randomUUID();
    statements.count = 0;
    const slowWaits = await Promise.all(
      Array.from({ length: 30 }, () => limiter.take(slow, 1, 10)),
    );
    expect(slowWaits.filter((wait) => wait === undefined)).toHaveLength(10);
    expect(slowWaits.filter((wait) => wait === 1)).toHaveLength(20);
    expect(statements.count).toBeLessThanOrEqual(3);
    expect(await stored(slow)).toBeLessThan(0); // the refused took the bucket into debt
  });

  it('keeps a batch in the process: the next requests are answered without a statement', async () => {
    const { limiter, statements } = await processLimiter();
    const flowId = randomUUID();
    expect(await limiter.take(flowId, 200, 40)).toBeUndefined(); // a batch of 10
    expect(statements.count).toBe(1);
    expect(await stored(flowId)).toBe(30);
    for (let i = 0; i < 9; i += 1) expect(await limiter.take(flowId, 200, 40)).toBeUndefined();
    expect(statements.count).toBe(1);
    expect(await limiter.take(flowId, 200, 40)).toBeUndefined();
    expect(statements.count).toBe(2);
  });

  it('never lets two processes admit more than the bucket allows, in bursts over a second', async () => {
    const [a, b] = [await processLimiter(), await processLimiter()];
    for (const [perSecond, burst] of [
      [200, 40], // batches of 10
      [20, 30], // batches of one token
    ]) {
      const flowId = randomUUID();
      const started = Date.now();
      const waits: (number | undefined)[] = [];
      for (let wave = 0; wave < 10; wave += 1) {
        const takes = Array.from({ length: 40 }, (_, i) =>
          (i % 2 ? a : b).limiter.take(flowId, perSecond, burst),
        );
        waits.push(...(await Promise.all(takes)));
        await sleep(50);
      }
      const refilled = ((Date.now() - started) / 1000) * perSecond;
      const allowed = waits.filter((wait) => wait === undefined).length;
      expect(allowed).toBeLessThanOrEqual(Math.floor(burst + refilled));
      // The first wave alone asks for more than the full bucket holds.
      expect(allowed).toBeGreaterThanOrEqual(burst);
      expect(waits.filter((wait) => wait === 1)).toHaveLength(waits.length - allowed);
      expect(await stored(flowId)).toBeGreaterThanOrEqual(-1);
    }
  });

  it('lets the first take of a new bucket race between processes without losing tokens', async () => {
    const [a, b] = [await processLimiter(), await processLimiter()];
    for (let round = 0; round < 5; round += 1) {
      const flowId = randomUUID();
      const started = Date.now();
      const waits = await Promise.all([
        ...Array.from({ length: 5 }, () => a.limiter.take(flowId, 1, 4)),
        ...Array.from({ length: 5 }, () => b.limiter.take(flowId, 1, 4)),
      ]);
      const allowed = waits.filter((wait) => wait === undefined).length;
      expect(allowed).toBeGreaterThanOrEqual(4);
      expect(allowed).toBeLessThanOrEqual(4 + Math.floor((Date.now() - started) / 1000));
      expect(waits.filter((wait) => wait === 1)).toHaveLength(10 - allowed);
    }
  });

  it('answers a flood of one URL over HTTP with 202 up to the bucket, then 429 with Retry-After', async () => {
    const api = apiClient(app.url!);
    const flow = await api.post('/api/v1/flows', {
      name: 'Rate-limited',
      trigger: { type: 'webhook', rateLimit: { perSecond: 1, burst: 5 } },
      steps: [{ id: 'a', action: 'core.transform', map: '$trigger' }],
    });
    expect(flow.status).toBe(201);
    const started = Date.now();
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => postToCatch(flow.body.catchUrl, `{"n":${i}}`)),
    );
    const accepted = replies.filter((reply) => reply.status === 202).length;
    expect(accepted).toBeGreaterThanOrEqual(5);
    expect(accepted).toBeLessThanOrEqual(5 + Math.floor((Date.now() - started) / 1000));
    const limited = replies.filter((reply) => reply.status === 429);
    expect(limited).toHaveLength(20 - accepted);
    for (const reply of limited) {
      expect(reply.headers.get('retry-after')).toBe('1');
      expect(reply.body.message).toMatch(/accepts 1 requests per second \(bursts of 5\)/);
    }
  });
});
