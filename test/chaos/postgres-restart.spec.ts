import { setTimeout as sleep } from 'node:timers/promises';
import { postToCatch } from '../support/api-client.js';
import { startChaosCluster, type ChaosCluster } from './support/chaos-cluster.js';
import { histogram, postAtRate, scaled, SCALE } from './support/load.js';
import { report, settle, tally } from './support/tally.js';

const COUNT = scaled(500, 120);
const RATE = 40;
const DOWN_MS = 3000;
const RECONNECT_MS = 10_000;

/**
 * Scenario 3: PostgreSQL stops in `immediate` mode (no checkpoint, every connection cut)
 * during 500 posts and comes back on the same port 3 s later. Senders retry 503s after
 * Retry-After, as webhook senders do.
 */
describe(`chaos 3: Postgres restarted (immediate) during ${COUNT} posts`, () => {
  let cluster: ChaosCluster;

  beforeAll(async () => {
    cluster = await startChaosCluster({ workers: 2 });
  }, 120_000);
  afterAll(() => cluster?.close());

  it('answers 503 with Retry-After during the outage, never 202, and loses nothing', async () => {
    const postingMs = (COUNT * 1000) / RATE;
    const started = Date.now();
    let outage = { downAt: 0, upAt: 0 };
    const restart = (async () => {
      await sleep(0.3 * postingMs);
      const downAt = Date.now();
      await cluster.postgres.restartImmediate(DOWN_MS);
      outage = { downAt, upAt: Date.now() };
    })();
    const results = await postAtRate(cluster.catchUrl, {
      count: COUNT,
      perSecond: RATE,
      retries: 8,
    });
    await restart;

    // Reconnection without a process restart: a new request is accepted and runs to the end.
    let recoveredMs = -1;
    let acceptedMs = -1;
    const probeDeadline = outage.upAt + RECONNECT_MS;
    while (Date.now() < probeDeadline && recoveredMs < 0) {
      const probe = await postToCatch(cluster.catchUrl, JSON.stringify({ n: -1 })).catch(
        () => undefined,
      );
      if (probe?.status === 202) {
        acceptedMs = Date.now() - outage.upAt;
        const run = await cluster.api
          .waitForRun(probe.body.runId, Math.max(100, probeDeadline - Date.now()))
          .catch(() => undefined);
        if (run?.status === 'succeeded') recoveredMs = Date.now() - outage.upAt;
      } else await sleep(200);
    }
    const lastPost = Date.now();
    const settled = await settle(cluster, 90_000);
    const figures = await tally(cluster, results);
    const attempts = results.flatMap((r) => r.attempts);
    // Sent after the kill and answered before Postgres was back: nothing can be stored.
    const inOutage = attempts.filter((a) => a.sentAt > outage.downAt + 100 && a.at < outage.upAt);
    const refused = results.flatMap((r) => r.refused);
    report('3 Postgres restart', {
      scale: SCALE,
      outage: { at: outage.downAt - started, ms: outage.upAt - outage.downAt },
      answersDuringOutage: histogram(inOutage.map((a) => a.status)),
      allAttempts: histogram(attempts.map((a) => a.status)),
      retryAfter: histogram(refused.map((r) => Number(r.retryAfter))),
      acceptedMs,
      recoveredMs,
      unexpectedExits: cluster.unexpectedExits(),
      settledMs: Date.now() - lastPost,
      ...figures,
    });
    if (!settled || recoveredMs < 0) process.stderr.write(cluster.logs());

    expect(inOutage.length).toBeGreaterThan(0);
    expect(inOutage.filter((a) => a.status !== 503)).toEqual([]);
    expect(refused.every((r) => r.retryAfter !== null)).toBe(true);
    expect(attempts.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
    expect(recoveredMs).toBeGreaterThan(0);
    expect(recoveredMs).toBeLessThanOrEqual(RECONNECT_MS);
    expect(cluster.unexpectedExits()).toBe(0);
    expect(cluster.apiProcess.child.exitCode).toBeNull();
    expect(settled).toBe(true);
    expect(figures.answers).toEqual({ 202: COUNT });
    expect(figures.acceptedSucceeded).toBe(COUNT);
    expect(figures.runs).toEqual({ succeeded: COUNT + 1 });
    expect(figures.runsWithoutOneDeal).toBe(0);
    expect(figures.deals).toBe(COUNT + 1);
  });
});
