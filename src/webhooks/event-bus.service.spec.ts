import type { Queue } from 'bullmq';
import type { Runtime } from '../config/runtime.js';
import { Metrics } from '../metrics/metrics.service.js';
import { EventBus } from './event-bus.service.js';
import type { WebhooksRepository } from './webhooks.repository.js';

describe('EventBus', () => {
  const subscription = { id: 's1', events: ['flow.created'], includeRequestBody: false };

  function bus(inserted: string[][], added: unknown[][]) {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const repository = {
      activeSubscriptions: async () => [subscription],
      insertDeliveries: async (rows: { payload: string }[]) => {
        await gate;
        inserted.push(rows.map((row) => row.payload));
        return rows.map((_, i) => `d${i}`);
      },
    } as unknown as WebhooksRepository;
    const queue = { addBulk: async (jobs: unknown[]) => void added.push(jobs) } as unknown as Queue;
    const runtime = {
      config: { publicUrl: 'https://hub.example.com', metricsPerFlow: false },
    } as Runtime;
    return { bus: new EventBus(repository, queue, runtime, new Metrics(runtime)), release };
  }

  it('returns from emit at once, and lets shutdown wait for the fan-out', async () => {
    const inserted: string[][] = [];
    const added: unknown[][] = [];
    const { bus: events, release } = bus(inserted, added);
    events.emit({ event: 'flow.created', key: 'flow.created:f1', data: { flow: { id: 'f1' } } });
    events.emit({ event: 'run.failed', data: {} }); // nobody subscribed: nothing stored
    expect(inserted).toEqual([]);
    const shutdown = events.beforeApplicationShutdown();
    setTimeout(release, 50);
    await shutdown;
    expect(inserted).toHaveLength(1);
    expect(JSON.parse(inserted[0][0])).toMatchObject({
      event: 'flow.created',
      data: { flow: { id: 'f1' } },
    });
    expect(added).toHaveLength(1);
    expect(events.link('/api/v1/flows/f1')).toBe('https://hub.example.com/api/v1/flows/f1');
  });
});
