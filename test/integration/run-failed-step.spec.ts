import { setTimeout as sleep } from 'node:timers/promises';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EventBody = { event: string; data: Record<string, any> };

/** Issue 16 item 1: run.failed and the run's error name the step that failed the run. */
describe('the step that failed the run', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let receiver: FakeReceiver;

  beforeAll(async () => {
    receiver = await startReceiver((request) => {
      if (request.url === '/a') return { status: 422, body: { error: 'a refused' } };
      if (request.url === '/b') return { status: 400, body: { error: 'b refused' } };
      return { status: 200, body: { ok: true } };
    });
    app = await bootTestApp({ FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32' });
    api = apiClient(app.url!);
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  it('is b when a (onError continue) failed earlier and b failed the run', async () => {
    const subscribed = await api.post('/api/v1/webhooks', {
      url: `${receiver.url}/events`,
      events: ['run.failed'],
    });
    expect(subscribed.status).toBe(201);
    const call = (id: string, extra: Record<string, unknown> = {}) => ({
      id,
      action: 'http.request',
      input: { method: 'POST', url: `${receiver.url}/${id}` },
      ...extra,
    });
    const flow = await api.post('/api/v1/flows', {
      name: 'Continue then fail',
      trigger: { type: 'webhook' },
      steps: [call('a', { onError: 'continue' }), call('b'), call('c')],
    });
    expect(flow.status).toBe(201);
    const caught = await postToCatch(flow.body.catchUrl, '{"order": 1}');
    const run = await api.waitForRun(caught.body.runId);
    expect(run.steps.map((s: { status: string }) => s.status)).toEqual([
      'failed',
      'failed',
      'skipped',
    ]);
    expect(run.error).toMatch(/^step 'b' failed: .*b refused/);

    let event: EventBody | undefined;
    for (let tries = 0; !event && tries < 300; tries += 1) {
      const got = receiver.requests.find((r) => r.url === '/events');
      event = got?.body as EventBody | undefined;
      if (!event) await sleep(50);
    }
    expect(event?.event).toBe('run.failed');
    expect(event?.data.run).toMatchObject({
      id: run.id,
      status: 'failed',
      error: run.error,
      failedStep: { id: 'b', error: expect.stringMatching(/b refused/) },
    });
    expect(run).toMatchObject({ status: 'failed', failedStep: 'b' });
  });
});
