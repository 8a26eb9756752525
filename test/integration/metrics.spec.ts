import { Metrics } from '../../src/metrics/metrics.service.js';
import { PgRunQueue } from '../../src/runs/pg-queue/pg-run-queue.service.js';
import { RunQueue } from '../../src/runs/run-queue.service.js';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/** GET /metrics: Prometheus text, without an API key. */
describe('metrics', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_ROLE: 'api' });
  });
  afterAll(() => app.stop());

  it('serves process, queue and rejection metrics without authentication', async () => {
    const api = apiClient(app.url!);
    const flow = (
      await api.post('/api/v1/flows', {
        name: 'm',
        trigger: { type: 'webhook', verify: { preset: 'github', secret: 's' } },
        steps: [{ id: 'a', action: 'core.transform' }],
      })
    ).body;
    expect((await postToCatch(flow.catchUrl, '{}')).status).toBe(400);
    await api.put(`/api/v1/flows/${flow.id}`, { ...flow.definition, trigger: { type: 'webhook' } });
    expect((await postToCatch(flow.catchUrl, '{}')).status).toBe(202);
    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    const text = await response.text();
    expect(text).toContain('flowhub_catch_rejected_total{reason="missing-header"} 1');
    expect(text).toContain('flowhub_runs{status="queued"} 1');
    expect(text).toContain('flowhub_webhook_deliveries_pending 0');
    expect(text).toMatch(/^flowhub_run_enqueue_backlog [01]$/m);
    expect(text).toMatch(/^flowhub_runs_left_to_reconciler_total 0$/m);
    // The start job is added after the 202; once the queue has it the backlog is empty.
    let backlog = text;
    for (let i = 0; i < 100 && !/^flowhub_run_enqueue_backlog 0$/m.test(backlog); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      backlog = await (await fetch(`${app.url}/metrics`)).text();
    }
    expect(backlog).toMatch(/^flowhub_run_enqueue_backlog 0$/m);
    // The gauge above is this process's: BullMQ's RunQueue got the Metrics that /metrics
    // serves. In postgres mode the committed row is the job: there is no add to wait for.
    const queue = app.app.get(RunQueue);
    if (app.runtime.config.queueMode === 'postgres') expect(queue).toBeInstanceOf(PgRunQueue);
    else expect(queue).toHaveProperty('metrics', app.app.get(Metrics));
    expect(text).toMatch(/^flowhub_process_resident_memory_bytes \d+/m);
  });
});
