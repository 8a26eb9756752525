import { setTimeout as sleep } from 'node:timers/promises';
import { startChaosCluster, type ChaosCluster } from './support/chaos-cluster.js';
import { postAtRate, scaled, SCALE } from './support/load.js';
import { report, settle, tally } from './support/tally.js';

const COUNT = scaled(1000, 120);
const RATE = 40;
const DOWN_MS = 3000;

/**
 * Scenario 2: Redis is SIGKILLed twice while 1,000 webhooks arrive: first with AOF on (its
 * data survives), then without persistence (every job is gone). Postgres holds the truth:
 * catch URLs keep answering 202 and the reconciler re-drives what the queue lost.
 */
describe(`chaos 2: Redis killed -9 twice during ${COUNT} webhooks`, () => {
  let cluster: ChaosCluster;

  beforeAll(async () => {
    cluster = await startChaosCluster({ workers: 2, redisPersistent: true });
  }, 120_000);
  afterAll(() => cluster?.close());

  it('keeps answering 202 and drains everything once, after the data loss too', async () => {
    const postingMs = (COUNT * 1000) / RATE;
    const outages: { persistent: boolean; killedAt: number }[] = [];
    const started = Date.now();
    const chaos = (async () => {
      for (const [fraction, persistent] of [
        [0.2, true],
        [0.6, false],
      ] as const) {
        await sleep(Math.max(0, started + fraction * postingMs - Date.now()));
        const killedAt = Date.now();
        await cluster.redis.kill();
        await sleep(DOWN_MS);
        // The second restart has no persistence: Redis comes back empty.
        await cluster.redis.start({ persistent });
        outages.push({ persistent, killedAt });
      }
    })();
    const results = await postAtRate(cluster.catchUrl, { count: COUNT, perSecond: RATE });
    await chaos;
    const lastPost = Date.now();
    const settled = await settle(cluster, 90_000);
    const figures = await tally(cluster, results);
    const slowest = Math.max(...results.map((r) => (r.acceptedAt ?? 0) - r.firstAt));
    report('2 Redis lost', {
      scale: SCALE,
      outages: outages.map((o) => ({ at: o.killedAt - started, persistent: o.persistent })),
      slowest202Ms: slowest,
      settledMs: Date.now() - lastPost,
      ...figures,
    });
    if (!settled) process.stderr.write(cluster.logs());

    expect(outages).toHaveLength(2);
    expect(settled).toBe(true);
    expect(figures.answers).toEqual({ 202: COUNT });
    expect(figures.acceptedSucceeded).toBe(COUNT);
    expect(figures.runs).toEqual({ succeeded: COUNT });
    expect(figures.deals).toBe(COUNT);
    expect(figures.runsWithoutOneDeal).toBe(0);
    expect(figures.notifyKeys).toBe(COUNT);
  });
});
