import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { RUNTIME, type Runtime } from '../../src/config/runtime.js';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';

/**
 * FLOWHUB_QUEUE=postgres with REDIS_URL set (docs/queue-modes.md): runs are queued on their
 * own rows in PostgreSQL, while what stays on BullMQ (outgoing deliveries, housekeeping) runs
 * on Redis. A run and the delivery of its event both complete, and Redis holds no run job.
 */
describe('the postgres queue mode beside Redis', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let receiver: FakeReceiver;
  let redis: Redis;
  let prefix: string;
  const keys = async (pattern: string) => redis.keys(`${prefix}:${pattern}`);
  /** Waits until `probe` holds (or `ms` pass); the assertions after it say what did not. */
  const waitUntil = async (probe: () => boolean | Promise<boolean>, ms: number) => {
    const deadline = Date.now() + ms;
    while (!(await probe()) && Date.now() < deadline) await sleep(50);
  };

  beforeAll(async () => {
    receiver = await startReceiver((request) =>
      request.url.startsWith('/erp') ? { status: 500, body: { down: true } } : { status: 200 },
    );
    app = await bootTestApp({
      FLOWHUB_QUEUE: 'postgres',
      FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
    });
    api = apiClient(app.url!);
    prefix = app.app.get<Runtime>(RUNTIME).config.queuePrefix;
    redis = new Redis(process.env.REDIS_URL!);
  });
  afterAll(async () => {
    redis.disconnect();
    await app.stop();
    await receiver.close();
  });

  it('runs flows from PostgreSQL and delivers their events through Redis', async () => {
    expect(app.app.get<Runtime>(RUNTIME).config.queueMode).toBe('postgres');
    const subscription = await api.post('/api/v1/webhooks', {
      url: `${receiver.url}/events`,
      events: ['run.failed'],
    });
    expect(subscription.status).toBe(201);
    const flow = await api.post('/api/v1/flows', {
      name: 'ERP is down',
      trigger: { type: 'webhook' },
      steps: [
        {
          id: 'erp',
          action: 'http.request',
          input: { method: 'POST', url: `${receiver.url}/erp` },
          retry: { attempts: 1 },
        },
      ],
    });
    expect(flow.status).toBe(201);
    const caught = await postToCatch(flow.body.catchUrl, '{"order":1}', 'application/json');
    expect(caught.status).toBe(202);

    const run = await api.waitForRun(caught.body.runId);
    expect(run.status).toBe('failed');
    await waitUntil(() => receiver.requests.some((r) => r.url === '/events'), 15_000);
    const events = receiver.requests.filter((r) => r.url === '/events');
    expect(events.map((r) => (r.body as { event: string }).event)).toEqual(['run.failed']);
    expect((events[0].body as { data: { run: { id: string } } }).data.run.id).toBe(
      caught.body.runId,
    );

    // The delivery went through BullMQ on Redis, the run never did.
    // (A queue's meta key is written when it is opened, job or not.)
    const jobKeys = async (queue: string) =>
      (await keys(`${queue}:*`)).filter((key) => !key.endsWith(':meta'));
    // The receiver has its answer a moment before BullMQ records the job as completed.
    const completed = async () =>
      (await jobKeys('webhooks')).some((key) => key.endsWith(':webhooks:completed'));
    await waitUntil(completed, 5_000);
    expect(await completed()).toBe(true);
    expect(await jobKeys('runs')).toEqual([]);
  });
});
