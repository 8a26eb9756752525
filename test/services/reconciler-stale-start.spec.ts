import { getQueueToken } from '@nestjs/bullmq';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Worker, type Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { RUNTIME, type Runtime } from '../../src/config/runtime.js';
import { QueueName } from '../../src/queue/queue-names.js';
import { RunRecovery } from '../../src/runs/state/run-recovery.repository.js';
import { Reconciler } from '../../src/runs/reconciler.job.js';
import { RunQueue } from '../../src/runs/run-queue.service.js';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/**
 * A worker that took a run's start job and died leaves the job active until BullMQ's lock and
 * stalled check run out (up to about a minute by default). The reconciler does not wait for
 * that: a start job active past its grace while the run is still queued is re-enqueued.
 */
describe('reconciler and a start job held by a dead worker', () => {
  let app: TestApp;
  let taker: Worker | undefined;

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_ROLE: 'api', LOG_LEVEL: 'warn' }); // no worker of its own
  });
  afterAll(async () => {
    await taker?.close(true);
    await app?.stop();
  });

  it('leaves a freshly taken start job alone, and re-enqueues one taken past the grace', async () => {
    const runtime = app.app.get<Runtime>(RUNTIME);
    const queue = app.app.get<Queue>(getQueueToken(QueueName.runs));
    const dataSource = app.app.get<DataSource>(getDataSourceToken());
    // Reconcile interval 100 ms: a grace of 2 s (its minimum) for runs and for taken jobs.
    const reconciler = new Reconciler(
      new RunRecovery(dataSource),
      { ...runtime, config: { ...runtime.config, reconcileIntervalMs: 100 } },
      app.app.get(RunQueue),
      queue,
    );
    const api = apiClient(app.url!);
    const flow = await api.post('/api/v1/flows', {
      name: 'Taken start',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    const { runId } = (await postToCatch(flow.body.catchUrl, '{}')).body;
    await dataSource.query(`UPDATE runs SET created_at = now() - interval '1 hour' WHERE id = $1`, [
      runId,
    ]);
    // A worker takes the start job and never finishes it (as if killed right after).
    taker = new Worker(QueueName.runs, null, {
      connection: { url: process.env.REDIS_URL! },
      prefix: runtime.config.queuePrefix,
      autorun: false,
    });
    let taken;
    for (let i = 0; i < 50 && !taken; i += 1) {
      taken = await taker.getNextJob('dead-worker');
      if (!taken) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(taken?.data).toMatchObject({ runId });
    expect(await queue.getJobState(taken!.id!)).toBe('active');

    expect(await reconciler.reconcile()).toMatchObject({ restartedRuns: 0, stillQueued: 1 });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await reconciler.reconcile()).toMatchObject({ restartedRuns: 1, stillQueued: 0 });
    const waiting = await queue.getJobs(['waiting']);
    expect(waiting.map((job) => job.id)).toContainEqual(
      expect.stringMatching(new RegExp(`^run-${runId}-start-r\\d+$`)),
    );
  });
});
