import { setTimeout as sleep } from 'node:timers/promises';
import { closeExpressionPool, expressionPool } from '../../src/engine/expression-pool.js';
import { compileExpression } from '../../src/engine/expressions.js';
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

/** `count` probes 100 ms apart: /health, then a delivery to a normal flow, each timed. */
async function probe(
  api: ReturnType<typeof apiClient>,
  count: number,
  catchUrl: string,
  body: string,
) {
  const health: number[] = [];
  const catches: number[] = [];
  let peakRss = process.memoryUsage().rss;
  for (let sample = 0; sample < count; sample += 1) {
    await sleep(100);
    const answer = await timed(() => api.get('/health'));
    expect(answer.result.status).toBe(200);
    health.push(answer.ms);
    const delivery = await timed(() => postToCatch(catchUrl, body));
    expect(delivery.result.status).toBe(202);
    catches.push(delivery.ms);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  return { health, catches, peakRss };
}

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
    // The same probes without runaways: this host's own latency right now (CI runs suites in
    // parallel), so the bound below is what the runaways add, not what a busy host costs.
    const baseline = await probe(api, 20, normal.catchUrl, body);
    const rssAtStart = process.memoryUsage().rss;

    const caught = await Promise.all(flows.map((flow) => postToCatch(flow.catchUrl, body)));
    expect(caught.map((reply) => reply.status)).toEqual(RUNAWAYS.map(() => 202));
    const runs = Promise.all(caught.map((reply) => api.waitForRun(reply.body.runId, 30_000)));
    // Sample while the ten evaluations hold the pool (2 running, the rest queued).
    while (expressionPool().load < RUNAWAYS.length - 1) await sleep(10);

    const during = await probe(api, 20, normal.catchUrl, body);
    const done = await runs;
    const peakRss = Math.max(during.peakRss, process.memoryUsage().rss);
    // Within 1 s plus twice what the same probes took on this host without runaways: the old
    // code held the event loop for seconds per regex, ten of them in a row. (The two pool threads spin on the
    // same cores as the event loop: on a two-core CI host running other suites beside this
    // one, the event loop gets a smaller share of the CPU than in the baseline.)
    const bound = (base: number[]) => 1000 + 2 * Math.max(...base);
    expect(Math.max(...during.health)).toBeLessThan(bound(baseline.health));
    expect(Math.max(...during.catches)).toBeLessThan(bound(baseline.catches));
    expect((peakRss - rssAtStart) / 2 ** 20).toBeLessThan(300);
    for (const [index, run] of done.entries()) {
      expect(run.status).toBe('failed');
      expect(run.steps[0].status).toBe('failed');
      // A hungry step may reach the time limit first on a loaded host: either is its own
      // step's expression error (expression-pool.spec.ts proves the memory limit by itself).
      expect(run.steps[0].error).toMatch(
        RUNAWAYS[index] === CATASTROPHIC
          ? /^steps\[0\]\.map: expression exceeded 1000 ms \(isolated evaluation limit\)/
          : /^steps\[0\]\.map: expression exceeded (64 MB \(isolated evaluation memory limit\)|1000 ms)/,
      );
    }
  }, 60_000);

  it("terminates the pool's worker threads when the app closes", async () => {
    const other = await bootTestApp({ LOG_LEVEL: 'warn' });
    const pool = expressionPool();
    await compileExpression("$split('a,b', ',')", 'p').evaluate({}, {});
    expect(pool.workers().length).toBeGreaterThan(0);
    await other.stop();
    expect(pool.workers()).toEqual([]);
  });
});
