import { loadConfig } from '../config/load-config.js';
import { configureWebhooksWorker, WebhooksProcessor } from '../webhooks/webhooks.processor.js';
import { configureRunsWorker, RunsProcessor, runsWorkerOptions } from './runs.processor.js';

describe('the runs worker options', () => {
  it("keep BullMQ's 30 s lock and stalled check by default, and maxStalledCount 3", () => {
    expect(runsWorkerOptions(loadConfig({}))).toEqual({
      maxStalledCount: 3,
      autorun: false,
      lockDuration: 30_000,
      stalledInterval: 30_000,
    });
  });

  it('take the lock and stalled check from configuration, as the worker metadata', () => {
    const config = loadConfig({
      FLOWHUB_QUEUE_LOCK_DURATION_MS: '4000',
      FLOWHUB_QUEUE_STALLED_INTERVAL_MS: '2000',
    });
    configureRunsWorker(config);
    configureWebhooksWorker(config);
    for (const processor of [RunsProcessor, WebhooksProcessor]) {
      expect(Reflect.getMetadata('bullmq:worker_metadata', processor)).toMatchObject({
        lockDuration: 4000,
        stalledInterval: 2000,
        maxStalledCount: 3,
      });
    }
  });

  it('refuse a lock shorter than a second', () => {
    expect(() => loadConfig({ FLOWHUB_QUEUE_LOCK_DURATION_MS: '10' })).toThrow(
      /FLOWHUB_QUEUE_LOCK_DURATION_MS must be an integer between 1000 and 600000/,
    );
  });
});
