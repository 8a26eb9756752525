import { randomBytes } from 'node:crypto';
import { apiClient, postToCatch } from '../support/api-client.js';
import { TEST_ADMIN_KEY, TEST_MASTER_KEYS } from '../support/boot-test-app.js';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';
import {
  freePort,
  startFlowhub,
  waitUntilReady,
  type FlowhubProcess,
} from '../support/flowhub-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const REQUESTS = 20;

/**
 * kill -9 of a worker process in the middle of steps: every accepted request still ends
 * with exactly one succeeded run, and the receiver applies each idempotency key once.
 */
describe('a worker killed mid-step', () => {
  let database: TestDatabase;
  let receiver: FakeReceiver;
  const processes: FlowhubProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver(() => ({ status: 200, body: { ok: true }, delayMs: 300 }));
  });
  afterAll(async () => {
    for (const proc of processes) proc.child.kill('SIGKILL');
    await Promise.all(processes.map((proc) => proc.exited));
    await receiver.close();
    await database.drop();
  });

  it('loses nothing and doubles nothing', async () => {
    const port = await freePort();
    const env = {
      DATABASE_URL: database.url,
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      FLOWHUB_QUEUE_PREFIX: `crash${randomBytes(4).toString('hex')}`,
      FLOWHUB_MASTER_KEYS: TEST_MASTER_KEYS,
      FLOWHUB_ADMIN_KEY: TEST_ADMIN_KEY,
      FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
      FLOWHUB_RECONCILE_INTERVAL_MS: '300',
      // A start job active in the killed worker is handed back by BullMQ's stalled check; with
      // the default 30 s lock and check that can take a minute, beyond the wait below (the
      // reconciler leaves a run alone while its start job looks active). As in the chaos suite.
      FLOWHUB_QUEUE_LOCK_DURATION_MS: '4000',
      FLOWHUB_QUEUE_STALLED_INTERVAL_MS: '2000',
      FLOWHUB_WORKER_CONCURRENCY: '4',
      LOG_LEVEL: 'warn',
      PORT: String(port),
    };
    const apiProcess = startFlowhub({ ...env, FLOWHUB_ROLE: 'api' });
    processes.push(apiProcess);
    await waitUntilReady(apiProcess, port, 20_000);
    // The victim works alone until it is killed, so it surely dies in the middle of steps.
    const victim = startFlowhub({ ...env, FLOWHUB_ROLE: 'worker' });
    processes.push(victim);

    const api = apiClient(`http://127.0.0.1:${port}`);
    const flow = (
      await api.post('/api/v1/flows', {
        name: 'Crash test',
        trigger: { type: 'webhook' },
        steps: [
          {
            id: 'post',
            action: 'http.request',
            timeoutMs: 1000,
            input: { url: `${receiver.url}/effects` },
            map: "{ 'body': { 'n': n } }",
          },
        ],
      })
    ).body;
    const runIds: string[] = [];
    for (let n = 0; n < REQUESTS; n += 1) {
      const caught = await postToCatch(flow.catchUrl, JSON.stringify({ n }));
      expect(caught.status).toBe(202);
      runIds.push(caught.body.runId);
    }
    const deadline = Date.now() + 15_000;
    while (receiver.requests.length < 3 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    victim.child.kill('SIGKILL');
    await victim.exited;
    const survivor = startFlowhub({ ...env, FLOWHUB_ROLE: 'worker' });
    processes.push(survivor);

    const runs = [];
    for (const id of runIds) {
      runs.push(
        await api.waitForRun(id, 45_000).catch((error: Error) => {
          console.log(
            'surviving worker output:\n' +
              survivor.output().slice(-6000) +
              '\napi output:\n' +
              apiProcess.output().slice(-3000),
          );
          throw error;
        }),
      );
    }
    expect(runs.map((run) => run.status)).toEqual(runIds.map(() => 'succeeded'));
    const keys = runs.map((run) => run.steps[0].idempotencyKey);
    expect([...receiver.effects.keys()].sort()).toEqual([...keys].sort());
    expect([...receiver.effects.values()].every((count) => count === 1)).toBe(true);
    const lost = runs
      .flatMap((run) => run.steps[0].history)
      .filter((h: { outcome: string }) => h.outcome === 'lost');
    expect(lost.length).toBeGreaterThan(0);
  }, 90_000);
});
