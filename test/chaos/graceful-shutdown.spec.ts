import { setTimeout as sleep } from 'node:timers/promises';
import { startChaosCluster, type ChaosCluster } from './support/chaos-cluster.js';
import { postAtRate, scaled, SCALE } from './support/load.js';
import { countOpen, report, settle, tally } from './support/tally.js';

const COUNT = scaled(600, 120);
const RATE = 40;

/**
 * Scenario 5: SIGTERM to every worker while webhooks keep arriving. Each worker finishes its
 * in-flight steps (or hands them back) and exits 0; no step is left running; restarted
 * workers resume the queue, and no attempt was lost to the shutdown.
 */
describe(`chaos 5: graceful shutdown of the workers during ${COUNT} webhooks`, () => {
  let cluster: ChaosCluster;

  beforeAll(async () => {
    cluster = await startChaosCluster({ workers: 2 });
  }, 120_000);
  afterAll(() => cluster?.close());

  it('finishes or hands back in-flight steps, leaves none running, and resumes on restart', async () => {
    const postingMs = (COUNT * 1000) / RATE;
    const shutdown = (async () => {
      await sleep(0.4 * postingMs);
      const started = Date.now();
      const exits = await Promise.all([0, 1].map((i) => cluster.killWorker(i, 'SIGTERM')));
      const stoppedMs = Date.now() - started;
      const open = await countOpen(cluster);
      const [{ running }] = await cluster.postgres.query<{ running: number }>(
        `SELECT count(*)::int AS running FROM run_steps WHERE status = 'running'`,
      );
      await sleep(2000); // no worker at all for a while: requests still land in Postgres
      const restarted = [0, 1].map((i) => cluster.startWorker(i));
      await Promise.all(restarted.map((proc) => cluster.waitForWorker(proc)));
      return { exits, stoppedMs, runningAfterStop: running, openRunsAfterStop: open.runs };
    })();
    const results = await postAtRate(cluster.catchUrl, { count: COUNT, perSecond: RATE });
    const stop = await shutdown;
    const lastPost = Date.now();
    const settled = await settle(cluster, 90_000);
    const figures = await tally(cluster, results);
    report('5 graceful shutdown', {
      scale: SCALE,
      ...stop,
      settledMs: Date.now() - lastPost,
      ...figures,
    });
    if (!settled) process.stderr.write(cluster.logs());

    expect(stop.exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
    expect(stop.runningAfterStop).toBe(0);
    expect(stop.openRunsAfterStop).toBeGreaterThan(0);
    expect(settled).toBe(true);
    expect(figures.answers).toEqual({ 202: COUNT });
    expect(figures.runs).toEqual({ succeeded: COUNT });
    expect(figures.lostAttempts).toBe(0);
    expect(figures.deals).toBe(COUNT);
    expect(figures.runsWithoutOneDeal).toBe(0);
    expect(figures.notifyRepeated).toBe(0);
  });
});
