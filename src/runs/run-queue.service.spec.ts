import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createServer, type Socket } from 'node:net';
import type { Runtime } from '../config/runtime.js';
import { Metrics } from '../metrics/metrics.service.js';
import { BullRunQueue } from './run-queue.service.js';

/** A Redis that accepts connections and never answers: a stalled server, not a refused one. */
async function stalledRedis() {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    connections: () => sockets.length,
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('BullRunQueue.startInBackground with a stalled Redis', () => {
  it('returns at once, holds at most maxBackground jobs, and bounds the wait at shutdown', async () => {
    const redis = await stalledRedis();
    const connection = new Redis({ host: '127.0.0.1', port: redis.port });
    const queue = new Queue('runs', { connection });
    const metrics = new Metrics({ config: { metricsPerFlow: false } } as Runtime);
    const runs = new BullRunQueue(queue, metrics);
    runs.maxBackground = 5;
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const started = Date.now();
      for (let i = 0; i < 8; i += 1) runs.startInBackground(`run-${i}`);
      expect(Date.now() - started).toBeLessThan(100);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(redis.connections()).toBeGreaterThan(0);
      expect(runs.backgroundJobs).toBe(5);
      expect((await metrics.enqueueBacklog.get()).values[0].value).toBe(5);
      expect((await metrics.leftToReconciler.get()).values[0].value).toBe(3);
      expect(warn.mock.calls.map(([message]) => message)).toEqual([
        expect.stringMatching(
          /^5 start jobs are waiting for the queue; 1 new run\(s\) so far were left/,
        ),
      ]);

      const stopping = Date.now();
      await runs.beforeApplicationShutdown();
      const waited = Date.now() - stopping;
      expect(waited).toBeGreaterThanOrEqual(1900);
      expect(waited).toBeLessThan(4000);
      expect(warn).toHaveBeenLastCalledWith(
        expect.stringMatching(/^5 start job\(s\) were not confirmed by the queue before shutdown/),
      );
    } finally {
      warn.mockRestore();
      connection.disconnect();
      await queue.close();
      await redis.close();
    }
  });
});
