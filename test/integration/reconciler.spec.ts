import { setTimeout as sleep } from 'node:timers/promises';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** The queue may lose jobs (Redis restart, a job removed by hand): Postgres still knows. */
describe('reconciler', () => {
  let database: TestDatabase;
  let api: TestApp;
  let worker: TestApp | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await database.drop();
  });

  it('runs a queued run whose job was lost', async () => {
    const env = {
      FLOWHUB_QUEUE_PREFIX: `rec${randomBytes(4).toString('hex')}`,
      FLOWHUB_RECONCILE_INTERVAL_MS: '200',
      // A lost job is a BullMQ matter (postgres mode has no job to lose: pg-queue.spec.ts).
      FLOWHUB_QUEUE: process.env.REDIS_URL ? 'redis' : 'bullmq-postgres',
    };
    api = await bootTestApp({ ...env, FLOWHUB_ROLE: 'api' }, { database });
    const client = apiClient(api.url!);
    const flow = (
      await client.post('/api/v1/flows', {
        name: 'Lost job',
        trigger: { type: 'webhook' },
        steps: [{ id: 'a', action: 'core.transform', map: "{ 'seen': true }" }],
      })
    ).body;
    const caught = await postToCatch(flow.catchUrl, '{}');
    expect(caught.body.status).toBe('queued');
    const queue = api.app.get<Queue>(getQueueToken('runs'));
    // The catch path adds the start job after the 202 (in the background): lose it once added.
    const jobId = `run-${caught.body.runId}-start`;
    for (let i = 0; i < 100 && !(await queue.getJob(jobId)); i += 1) await sleep(20);
    const removed = await queue.remove(jobId);
    expect(removed).toBe(1);

    worker = await bootTestApp({ ...env, FLOWHUB_ROLE: 'worker' }, { database });
    const run = await client.waitForRun(caught.body.runId, 15_000);
    expect(run.status).toBe('succeeded');
    expect(run.steps[0].output).toEqual({ seen: true });
    expect(worker.logs.join('\n')).toMatch(/re-enqueued .*1 queued run/);
  });
});
