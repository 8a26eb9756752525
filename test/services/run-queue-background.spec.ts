import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { BullRunQueue } from '../../src/runs/run-queue.service.js';

/** The catch path's start jobs on the real Redis: added without waiting, flushed at shutdown. */
describe('BullRunQueue.startInBackground on Redis', () => {
  const prefix = `flowhub_test_bg_${process.pid}`;
  let queue: Queue;

  beforeAll(() => {
    queue = new Queue('runs', { prefix, connection: { url: process.env.REDIS_URL! } });
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('adds every start job with its flow version; shutdown waits until Redis has them', async () => {
    const runs = new BullRunQueue(queue);
    const flowId = randomUUID();
    const ids = Array.from({ length: 250 }, () => randomUUID());
    for (const id of ids) runs.startInBackground(id, { flowId, flowVersion: 3 });
    expect(runs.backgroundJobs).toBe(250);

    await runs.beforeApplicationShutdown();
    expect(runs.backgroundJobs).toBe(0);
    const jobs = await Promise.all(ids.map((id) => queue.getJob(`run-${id}-start`)));
    expect(jobs.map((job) => job?.data)).toEqual(
      ids.map((runId) => ({ runId, flowId, flowVersion: 3 })),
    );
    expect(new Set(jobs.map((job) => job?.name))).toEqual(new Set(['start']));
  });
});
