import { SyncReplies } from '../../src/catch/sync-replies.service.js';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';

const LIMIT = 20;

/** Issue 21 item 4: a catch URL that answers with its flow's result. */
describe('synchronous replies', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let failing: FakeReceiver;

  beforeAll(async () => {
    failing = await startReceiver(() => ({ status: 500, body: { error: 'secret-ish detail' } }));
    app = await bootTestApp({
      FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
      FLOWHUB_SYNC_REPLY_LIMIT: String(LIMIT),
    });
    api = apiClient(app.url!);
  });
  afterAll(async () => {
    await app.stop();
    await failing.close();
  });

  const flow = async (steps: unknown[], respond: Record<string, unknown> = {}) => {
    const created = await api.post('/api/v1/flows', {
      name: 'Sync',
      trigger: {
        type: 'webhook',
        respond: { mode: 'sync', ...respond },
        rateLimit: { perSecond: 1000, burst: 1000 },
      },
      steps,
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; catchUrl: string };
  };
  const runCount = async (flowId: string) =>
    (await api.get(`/api/v1/runs?flowId=${flowId}&limit=100`)).body.items.length as number;

  it("answers with the core.respond step's status, headers and body, after storing the request", async () => {
    const { id, catchUrl } = await flow([
      { id: 'shape', action: 'core.transform', map: '{"order": order}' },
      {
        id: 'reply',
        action: 'core.respond',
        map: '{"status": 201, "headers": {"X-Order": $string($steps.shape.order)}, "body": {"received": $steps.shape.order}}',
      },
      { id: 'after', action: 'core.transform', map: '{"done": true}' },
    ]);
    const response = await fetch(catchUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order: 42 }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-order')).toBe('42');
    expect(await response.json()).toEqual({ received: 42 });
    expect(await runCount(id)).toBe(1);
  });

  it('answers a slow run with 202 at the timeout, and a failed one with 502 without its error', async () => {
    const slow = await flow([{ id: 'wait', action: 'core.delay', input: { ms: 3000 } }], {
      timeoutMs: 400,
    });
    const started = Date.now();
    const accepted = await postToCatch(slow.catchUrl, '{}');
    expect(accepted.status).toBe(202);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(accepted.body).toMatchObject({ status: 'queued', runId: expect.any(String) });

    const broken = await flow([
      {
        id: 'push',
        action: 'http.request',
        input: { method: 'POST', url: `${failing.url}/x` },
        retry: { attempts: 1 },
      },
    ]);
    const failed = await postToCatch(broken.catchUrl, '{}');
    expect(failed.status).toBe(502);
    expect(failed.body).toMatchObject({ status: 'failed', failedStep: 'push' });
    expect(JSON.stringify(failed.body)).not.toContain('secret-ish');
  });

  it(`keeps at most ${LIMIT} requests waiting: 429 beyond, with nothing stored`, async () => {
    const { id, catchUrl } = await flow(
      [{ id: 'wait', action: 'core.delay', input: { ms: 1500 } }],
      { timeoutMs: 5000 },
    );
    const replies = app.app.get(SyncReplies);
    let most = 0;
    const sampler = setInterval(() => (most = Math.max(most, replies.waiting)), 5);
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, n) => postToCatch(catchUrl, JSON.stringify({ n }))),
    );
    clearInterval(sampler);
    const refused = answers.filter((answer) => answer.status === 429);
    const answered = answers.filter((answer) => answer.status === 200);
    expect(refused.length + answered.length).toBe(200);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(answered.length).toBeLessThanOrEqual(LIMIT);
    expect(most).toBeLessThanOrEqual(LIMIT);
    expect(most).toBeGreaterThan(0);
    expect(refused[0].headers.get('retry-after')).toBe('1');
    expect(refused[0].body.message).toMatch(/FLOWHUB_SYNC_REPLY_LIMIT.*nothing was stored/);
    expect(await runCount(id)).toBe(answered.length);
  });
});
