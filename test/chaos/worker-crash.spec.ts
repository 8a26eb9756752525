import { setTimeout as sleep } from 'node:timers/promises';
import { startChaosCluster, type ChaosCluster } from './support/chaos-cluster.js';
import { postAtRate, scaled, SCALE } from './support/load.js';
import { report, settle, tally } from './support/tally.js';

const COUNT = scaled(2000, 80);
const RATE = 40;

/**
 * Scenario 1: 2,000 webhooks at 40/s through shape -> Zoho CRM deal (200-800 ms) -> ERP
 * notify while worker processes are SIGKILLed every 2-5 s and restarted.
 */
describe(`chaos 1: workers killed -9 every 2-5 s during ${COUNT} webhooks at ${RATE}/s`, () => {
  let cluster: ChaosCluster;

  beforeAll(async () => {
    cluster = await startChaosCluster({ workers: 2 });
  }, 120_000);
  afterAll(() => cluster?.close());

  it('gives every 202 exactly one succeeded run and exactly one deal', async () => {
    let posting = true;
    let kills = 0;
    const killer = (async () => {
      for (let victim = 0; posting; victim = 1 - victim) {
        await sleep(2000 + Math.random() * 3000);
        if (!posting) break;
        await cluster.killWorker(victim);
        kills += 1;
        cluster.startWorker(victim);
      }
    })();
    const results = await postAtRate(cluster.catchUrl, { count: COUNT, perSecond: RATE });
    const lastPost = Date.now();
    posting = false;
    await killer;
    const settled = await settle(cluster, 90_000);
    const settledMs = Date.now() - lastPost;
    const figures = await tally(cluster, results);
    report('1 worker crash', { scale: SCALE, kills, settledMs, ...figures });
    if (!settled) process.stderr.write(cluster.logs());

    expect(settled).toBe(true);
    expect(figures.answers).toEqual({ 202: COUNT });
    expect(figures.acceptedSucceeded).toBe(COUNT);
    expect(figures.runs).toEqual({ succeeded: COUNT });
    expect(figures.deals).toBe(COUNT);
    expect(figures.runsWithoutOneDeal).toBe(0);
    expect(figures.notifyKeys).toBe(COUNT);
    expect(figures.openRuns + figures.openSteps).toBe(0);
    expect(kills).toBeGreaterThan(0);
  });
});
