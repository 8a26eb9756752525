import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { GITHUB_SECRET, hostileRequests, type Targets } from '../hostile/hostile-cases.js';
import { mapLimited, sendRaw } from '../hostile/raw-http.js';
import { startChaosCluster, type ChaosCluster } from './support/chaos-cluster.js';
import { histogram, postAtRate, scaled, SCALE } from './support/load.js';
import { report, settle, tally } from './support/tally.js';

const HOSTILE = scaled(10_000, 500);
const COUNT = scaled(1000, 120);
/** 40/s; scaled down, slower, so that the faults still land while webhooks arrive. */
const RATE = Math.min(40, COUNT / 8);
const IN_FLIGHT = 8;
const DOWN_MS = 3000;
/** 503s are expected from the Postgres kill until the api has reconnected (at most 10 s). */
const RECONNECT_MS = 10_000;

interface Answer {
  sentAt: number;
  at: number;
  status: number;
  error?: string;
  /** The case's category / variant and the status it expects. */
  kind?: string;
  expected?: number;
}

/**
 * A refusal the server sends before the body is read (413 for a body over the limit, 431 for
 * headers) closes the connection: a client still writing the body may see EPIPE or
 * ECONNRESET instead of the answer. That is not a server error.
 */
const refusedMidUpload = (a: Answer) =>
  a.status === 0 &&
  (a.expected === 413 || a.expected === 431) &&
  /EPIPE|ECONNRESET/.test(a.error ?? '');

/**
 * Scenario 6: the hostile-request mix (10,000 at full size) at catch URLs while webhooks
 * arrive and everything else breaks: workers killed -9 every 2-5 s, Redis killed (no
 * persistence), Postgres restarted in immediate mode. No 5xx but the outage's 503s.
 */
describe(`chaos 6: ${HOSTILE} hostile requests during ${COUNT} webhooks and every fault`, () => {
  let cluster: ChaosCluster;
  let targets: Targets;
  let agent: Agent;

  beforeAll(async () => {
    cluster = await startChaosCluster({ workers: 2 });
    agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    const createFlow = async (trigger: Record<string, unknown>) => {
      const created = await cluster.api.post('/api/v1/flows', {
        name: 'Under attack',
        trigger: { type: 'webhook', rateLimit: { perSecond: 100_000, burst: 100_000 }, ...trigger },
        steps: [{ id: 'a', action: 'core.transform' }],
      });
      if (created.status !== 201) throw new Error(JSON.stringify(created.body));
      const [, , , flowId, key] = new URL(created.body.catchUrl).pathname.split('/');
      return { flowId, key };
    };
    const plain = await createFlow({});
    const signed = await createFlow({ verify: { preset: 'github', secret: GITHUB_SECRET } });
    const reference = await sendRaw(
      cluster.baseUrl,
      {
        method: 'POST',
        path: `/webhook/catch/${plain.flowId}/wrong`,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from('{}'),
      },
      agent,
    );
    targets = {
      flowId: plain.flowId,
      key: plain.key,
      signedFlowId: signed.flowId,
      signedKey: signed.key,
      notFoundText: reference.text,
      bodyLimit: 1024 * 1024,
    };
  }, 120_000);
  afterAll(async () => {
    agent?.destroy();
    await cluster?.close();
  });

  it('answers no 5xx but the outage 503s, stores no hostile request, loses no webhook', async () => {
    const cases = hostileRequests(targets, HOSTILE, 0x5eed);
    const postingMs = (COUNT * 1000) / RATE;
    const started = Date.now();
    let running = true;
    const faults: Record<string, number> = {};
    let outage = { downAt: Infinity, upAt: Infinity };
    const killer = (async () => {
      let kills = 0;
      for (let victim = 0; running; victim = 1 - victim) {
        await sleep(2000 + Math.random() * 3000);
        if (!running) break;
        await cluster.killWorker(victim);
        cluster.startWorker(victim);
        faults.workerKills = ++kills;
      }
    })();
    const storage = (async () => {
      await sleep(0.25 * postingMs);
      faults.redisKilledAt = Date.now() - started;
      await cluster.redis.kill();
      await sleep(DOWN_MS);
      await cluster.redis.start({ persistent: false });
      await sleep(Math.max(0, started + 0.6 * postingMs - Date.now()));
      const downAt = Date.now();
      faults.postgresKilledAt = downAt - started;
      outage = { downAt, upAt: Infinity };
      await cluster.postgres.restartImmediate(DOWN_MS);
      outage = { downAt, upAt: Date.now() };
    })();
    const hostile = mapLimited(cases, IN_FLIGHT, async (hostileCase): Promise<Answer> => {
      const sentAt = Date.now();
      const kind = `${hostileCase.category} / ${hostileCase.variant}`;
      const expected = hostileCase.expected.status;
      return sendRaw(cluster.baseUrl, hostileCase.request, agent).then(
        (response) => ({ sentAt, at: Date.now(), status: response.status }),
        (error: Error) => ({
          sentAt,
          at: Date.now(),
          status: 0,
          error: error.message,
          kind,
          expected,
        }),
      );
    });
    const results = await postAtRate(cluster.catchUrl, {
      count: COUNT,
      perSecond: RATE,
      retries: 8,
    });
    await storage;
    const answers = await hostile;
    const hostileMs = Date.now() - started;
    running = false;
    await killer;
    const lastPost = Date.now();
    const settled = await settle(cluster, 90_000);
    const figures = await tally(cluster, results);
    const inOutage = (a: Answer) => a.at >= outage.downAt && a.sentAt <= outage.upAt + RECONNECT_MS;
    const bad = answers.filter(
      (a) =>
        (a.status === 0 && !refusedMidUpload(a)) ||
        (a.status >= 500 && !(a.status === 503 && inOutage(a))),
    );
    const cutMidUpload = answers.filter(refusedMidUpload);
    const webhookAttempts = results.flatMap((r) => r.attempts);
    const badWebhooks = webhookAttempts.filter(
      (a) => a.status === 0 || (a.status >= 500 && !(a.status === 503 && inOutage(a))),
    );
    const [stored] = await cluster.postgres.query<{ runs: number }>(
      'SELECT count(*)::int AS runs FROM runs WHERE flow_id = ANY($1)',
      [[targets.flowId, targets.signedFlowId]],
    );
    report('6 hostile load under faults', {
      scale: SCALE,
      hostile: HOSTILE,
      hostileMs,
      faults,
      outageMs: outage.upAt - outage.downAt,
      hostileAnswers: histogram(answers.map((a) => a.status)),
      hostile5xxOutsideOutage: bad.length,
      hostileCutMidUpload: histogram(cutMidUpload.map((a) => a.expected!)),
      hostileStoredRuns: stored.runs,
      webhookAttempts: histogram(webhookAttempts.map((a) => a.status)),
      webhook5xxOutsideOutage: badWebhooks.length,
      settledMs: Date.now() - lastPost,
      ...figures,
    });
    if (!settled) process.stderr.write(cluster.logs());

    expect(bad.slice(0, 5)).toEqual([]);
    expect(badWebhooks.slice(0, 5)).toEqual([]);
    expect(stored.runs).toBe(0);
    expect(settled).toBe(true);
    // A 503 can hide a commit (Postgres died during COMMIT): the sender's retry then gets 200
    // with the run already stored, thanks to the delivery id.
    expect(Object.keys(figures.answers).filter((s) => s !== '202' && s !== '200')).toEqual([]);
    expect(figures.accepted).toBe(COUNT);
    expect(figures.runs).toEqual({ succeeded: COUNT });
    expect(figures.deals).toBe(COUNT);
    expect(figures.runsWithoutOneDeal).toBe(0);
    expect(figures.notifyKeys).toBe(COUNT);
  });
});
