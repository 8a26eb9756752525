import type { Queue } from 'bullmq';
import { RunQueue } from './run-queue.js';

describe('RunQueue.startWithin', () => {
  it('returns after the wait when the queue does not answer, and at once when it does', async () => {
    const added: string[] = [];
    const hanging = {
      add: (_name: string, data: { runId: string }) => {
        added.push(data.runId);
        return new Promise(() => undefined);
      },
    } as unknown as Queue;
    const started = Date.now();
    await new RunQueue(hanging).startWithin('r1', 150);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(added).toEqual(['r1']);

    const quick = { add: async () => undefined } as unknown as Queue;
    const before = Date.now();
    await new RunQueue(quick).startWithin('r2', 5000);
    expect(Date.now() - before).toBeLessThan(1000);
  });
});
