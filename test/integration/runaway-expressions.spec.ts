import { setTimeout as sleep } from 'node:timers/promises';
import { closeExpressionPool, expressionPool } from '../../src/engine/expression-pool.js';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/** Backtracks for about 10 s in one call on 28 `a`s and a `!` (issue 15, item 9). */
const CATASTROPHIC = '$contains(s, /^(a+)+$/)';
/** One call that flattens 30 M two-byte characters (60 MB): over the 64 MB heap of a worker. */
const HUNGRY = "$uppercase($pad('', 30000000, '€'))";
const RUNAWAYS = [...Array(6).fill(CATASTROPHIC), ...Array(4).fill(HUNGRY)] as string[];

const timed = async <T>(call: () => Promise<T>) => {
  const started = performance.now();
  const result = await call();
  return { result, ms: performance.now() - started };
};

/** Ten runaway expressions at once must fail their own steps while the hub keeps answering. */
describe('runaway expressions', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_WORKER_CONCURRENCY: '20', LOG_LEVEL: 'warn' });
    api = apiClient(app.url!);
  });
  afterAll(async () => {
    await app.stop();
    await closeExpressionPool();
  });

  const createFlow = async (name: string, map: string) => {
    const { status, body } = await api.post('/api/v1/flows', {
      name,
      trigger: { type: 'webhook' },
      steps: [{ id: 'map', action: 'core.transform', map }],
    });
    expect(status).toBe(201);
    return body as { catchUrl: string };
  };

  it('fails ten runaway steps with the limit error; /health and catch URLs stay fast', async () => {
    const normal = await createFlow('normal', "{ 'n': n }");
    const flows = await Promise.all(RUNAWAYS.map((map, i) => createFlow(`runaway ${i}`, map)));
    const body = JSON.stringify({ s: `${'a'.repeat(28)}!`, n: 1 });
    // Warm up the HTTP paths so the samples below measure steady-state latency.
    await api.get('/health');
    await postToCatch(normal.catchUrl, body);
    const rssAtStart = process.memoryUsage().rss;

    const caught = await Promise.all(flows.map((flow) => postToCatch(flow.catchUrl, body)));
    expect(caught.map((reply) => reply.status)).toEqual(RUNAWAYS.map(() => 202));
    const runs = Promise.all(caught.map((reply) => api.waitForRun(reply.body.runId, 30_000)));
    // Sample while the ten evaluations hold the pool (2 running, the rest queued).
    while (expressionPool().load < RUNAWAYS.length - 1) await sleep(10);

    const health: number[] = [];
    const catches: number[] = [];
    let peakRss = rssAtStart;
    for (let sample = 0; sample < 20; sample += 1) {
      await sleep(100);
      const probe = await timed(() => api.get('/health'));
      expect(probe.result.status).toBe(200);
      health.push(probe.ms);
      const delivery = await timed(() => postToCatch(normal.catchUrl, body));
      expect(delivery.result.status).toBe(202);
      catches.push(delivery.ms);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }

    const done = await runs;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    expect(Math.max(...health)).toBeLessThan(100);
    expect(Math.max(...catches)).toBeLessThan(100);
    expect((peakRss - rssAtStart) / 2 ** 20).toBeLessThan(300);
    for (const [index, run] of done.entries()) {
      expect(run.status).toBe('failed');
      expect(run.steps[0].status).toBe('failed');
      expect(run.steps[0].error).toMatch(
        RUNAWAYS[index] === CATASTROPHIC
          ? /^steps\[0\]\.map: expression exceeded 1000 ms \(isolated evaluation limit\)/
          : /^steps\[0\]\.map: expression exceeded 64 MB \(isolated evaluation memory limit\)/,
      );
    }
  }, 60_000);
});
