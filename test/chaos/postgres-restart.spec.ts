import { setTimeout as sleep } from 'node:timers/promises';
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
    const restart = (async () => {
      await sleep(0.3 * postingMs);
      return cluster.postgres.restartImmediate(DOWN_MS);
    })();
    const results = await postAtRate(cluster.catchUrl, {
      count: COUNT,
      perSecond: RATE,
      retries: 8,
    });
    const outage = await restart;
    const lastPost = Date.now();
    const settled = await settle(cluster, 90_000);
    const figures = await tally(cluster, results);
    const attempts = results.flatMap((r) => r.attempts);
    // Sent once the postmaster was gone, answered before it was started again: nothing can
    // be stored, so nothing may be accepted.
    const inOutage = attempts.filter((a) => a.sentAt > outage.goneAt && a.at < outage.restartingAt);
    const refused = results.flatMap((r) => r.refused);
    // Reconnection without a process restart: the api accepts again, the workers finish steps.
    const firstAccepted = Math.min(
      ...attempts.filter((a) => a.status === 202 && a.sentAt >= outage.upAt).map((a) => a.at),
    );
    const [{ first }] = await cluster.postgres.query<{ first: Date | null }>(
      `SELECT min(s.finished_at) AS first FROM run_steps s JOIN runs r ON r.id = s.run_id
       WHERE r.flow_id = $1 AND s.finished_at > to_timestamp($2 / 1000.0)`,
      [cluster.flowId, outage.upAt],
    );
    const apiReconnectMs = firstAccepted - outage.upAt;
    const workerReconnectMs = first ? first.getTime() - outage.upAt : Infinity;
    report('3 Postgres restart', {
      scale: SCALE,
      outage: {
        at: outage.killedAt - started,
        downMs: outage.upAt - outage.killedAt,
      },
      answersDuringOutage: histogram(inOutage.map((a) => a.status)),
      allAttempts: histogram(attempts.map((a) => a.status)),
      retryAfter: histogram(refused.map((r) => Number(r.retryAfter))),
      apiReconnectMs,
      workerReconnectMs,
      unexpectedExits: cluster.unexpectedExits(),
      settledMs: Date.now() - lastPost,
      ...figures,
    });
    if (!settled) process.stderr.write(cluster.logs());

    expect(inOutage.length).toBeGreaterThan(0);
    expect(inOutage.filter((a) => a.status !== 503)).toEqual([]);
    expect(refused.every((r) => r.retryAfter !== null)).toBe(true);
    expect(attempts.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
    expect(apiReconnectMs).toBeLessThanOrEqual(RECONNECT_MS);
    expect(workerReconnectMs).toBeLessThanOrEqual(RECONNECT_MS);
    expect(cluster.unexpectedExits()).toBe(0);
    expect(cluster.apiProcess.child.exitCode).toBeNull();
    expect(settled).toBe(true);
    // A 503 can hide a commit (Postgres died during COMMIT): the sender's retry then gets 200
    // with the run already stored, thanks to the delivery id.
    expect(Object.keys(figures.answers).filter((s) => s !== '202' && s !== '200')).toEqual([]);
    expect(figures.accepted).toBe(COUNT);
    expect(figures.acceptedSucceeded).toBe(COUNT);
    expect(figures.runs).toEqual({ succeeded: COUNT });
    expect(figures.runsWithoutOneDeal).toBe(0);
    expect(figures.deals).toBe(COUNT);
  });
});
