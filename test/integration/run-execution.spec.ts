import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { startReceiver, type FakeReceiver, type Reply } from '../support/fake-receiver.js';
import { sample } from '../support/samples.js';

const shopify = sample('shopify-orders-create');

describe('running flows end to end', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let receiver: FakeReceiver;
  let script: (path: string, index: number) => Reply;

  beforeAll(async () => {
    receiver = await startReceiver((request, index) => script(request.url, index));
    app = await bootTestApp({
      FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
      // A signing secret typed into a step is bound to its http:// loopback origin: allowed here.
      FLOWHUB_EGRESS_ALLOW_HOSTS: '127.0.0.1',
      FLOWHUB_WORKER_CONCURRENCY: '1',
      FLOWHUB_RECONCILE_INTERVAL_MS: '500',
    });
    api = apiClient(app.url!);
  });
  beforeEach(() => {
    receiver.requests.length = 0;
    script = () => ({ status: 200, body: { ok: true } });
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  const createFlow = async (definition: Record<string, unknown>) => {
    const { status, body } = await api.post('/api/v1/flows', {
      trigger: { type: 'webhook' },
      ...definition,
    });
    expect(status).toBe(201);
    return body as { id: string; catchUrl: string };
  };
  const notify = (path: string, extra: Record<string, unknown> = {}) => ({
    id: 'notify-erp',
    action: 'http.request',
    input: { method: 'POST', url: `${receiver.url}${path}` },
    map: "{ 'body': { 'event': 'order.created', 'order': $steps.order.number, 'email': $steps.order.email, 'shop': $trigger.headers.'x-shopify-shop-domain' } }",
    ...extra,
  });
  const order = {
    id: 'order',
    action: 'core.transform',
    map: "{ 'number': order_number, 'email': customer.email, 'total': $number(total_price), 'items': $count(line_items) }",
  };
  const sendShopify = (catchUrl: string, body: unknown = shopify.body) =>
    postToCatch(catchUrl, JSON.stringify(body), 'application/json', shopify.headers);

  it('maps a Shopify order and calls the receiver once with an Idempotency-Key', async () => {
    const flow = await createFlow({ name: 'Shopify -> ERP', steps: [order, notify('/orders')] });
    const caught = await sendShopify(flow.catchUrl);
    expect(caught.status).toBe(202);
    const run = await api.waitForRun(caught.body.runId);
    expect(run.status).toBe('succeeded');
    expect(receiver.requests).toHaveLength(1);
    const [received] = receiver.requests;
    expect(received.body).toEqual({
      event: 'order.created',
      order: 1234,
      email: 'client@test.com',
      shop: 'example-store.myshopify.com',
    });
    expect(received.headers['idempotency-key']).toBe(`${run.id}:notify-erp`);
    expect(
      run.steps.map((s: { id: string; status: string; attempts: number }) => [
        s.id,
        s.status,
        s.attempts,
      ]),
    ).toEqual([
      ['order', 'succeeded', 1],
      ['notify-erp', 'succeeded', 1],
    ]);
    expect(run.steps[0].output).toEqual({
      number: 1234,
      email: 'client@test.com',
      total: 99.99,
      items: 2,
    });
    expect(run.steps[1].input).toMatchObject({ method: 'POST', body: received.body });
    expect(run.steps[1].output).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('retries 503 with backoff and succeeds on the third attempt', async () => {
    script = (_path, index) =>
      index < 2 ? { status: 503, body: { error: 'busy' } } : { status: 200 };
    const retry = { attempts: 3, backoff: 'fixed', delayMs: 400 };
    const flow = await createFlow({ name: 'Retry', steps: [order, notify('/busy', { retry })] });
    const run = await api.waitForRun((await sendShopify(flow.catchUrl)).body.runId);
    expect(run.status).toBe('succeeded');
    const step = run.steps[1];
    expect(step.attempts).toBe(3);
    expect(step.history.map((h: { outcome: string }) => h.outcome)).toEqual([
      'retrying',
      'retrying',
      'succeeded',
    ]);
    const gaps = receiver.requests.slice(1).map((r, i) => r.at - receiver.requests[i].at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(400 * 0.8 - 20);
    expect(new Set(receiver.requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);
  });

  it('fails at once on a 400 and keeps the receiver message', async () => {
    script = () => ({ status: 400, body: { error: 'missing sku on line 2' } });
    const flow = await createFlow({ name: 'Fatal', steps: [order, notify('/reject')] });
    const run = await api.waitForRun((await sendShopify(flow.catchUrl)).body.runId);
    expect(run.status).toBe('failed');
    expect(run.steps[1]).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'http_400' });
    expect(run.steps[1].error).toContain('missing sku on line 2');
    expect(run.error).toMatch(/^step 'notify-erp' failed: /);
    expect(receiver.requests).toHaveLength(1);
  });

  it('replays from the failed step, reusing the earlier outputs', async () => {
    script = (_path, index) =>
      index === 0 ? { status: 422, body: { error: 'no' } } : { status: 200 };
    const flow = await createFlow({ name: 'Replay', steps: [order, notify('/replay')] });
    const failed = await api.waitForRun((await sendShopify(flow.catchUrl)).body.runId);
    expect(failed.status).toBe('failed');
    const replay = await api.post(`/api/v1/runs/${failed.id}/replay`, { fromStep: 'notify-erp' });
    expect(replay.status).toBe(202);
    const run = await api.waitForRun(replay.body.id);
    expect(run).toMatchObject({
      status: 'succeeded',
      replayOf: failed.id,
      flowVersion: failed.flowVersion,
    });
    expect(run.steps[0]).toMatchObject({
      status: 'succeeded',
      output: failed.steps[0].output,
      history: [],
    });
    expect(run.steps[1]).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect((await api.post(`/api/v1/runs/${failed.id}/replay`, { fromStep: 'nope' })).status).toBe(
      400,
    );
  });

  it('runs held requests in arrival order when the flow is activated', async () => {
    const flow = await createFlow({
      name: 'Paused',
      steps: [
        {
          id: 'post',
          action: 'http.request',
          input: { url: `${receiver.url}/held` },
          map: "{ 'body': { 'seq': seq } }",
        },
      ],
    });
    await api.post(`/api/v1/flows/${flow.id}/pause`);
    const runIds: string[] = [];
    for (const seq of [1, 2, 3]) {
      const caught = await postToCatch(flow.catchUrl, JSON.stringify({ seq }));
      expect(caught.body.status).toBe('held');
      runIds.push(caught.body.runId);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.requests).toHaveLength(0);
    expect((await api.post(`/api/v1/flows/${flow.id}/activate`)).body.status).toBe('active');
    for (const id of runIds) expect((await api.waitForRun(id)).status).toBe('succeeded');
    expect(receiver.requests.map((r) => (r.body as { seq: number }).seq)).toEqual([1, 2, 3]);
  });

  it('dry-run records the resolved input and calls nothing with side effects', async () => {
    const flow = await createFlow({ name: 'Dry', mode: 'dry-run', steps: [order, notify('/dry')] });
    const run = await api.waitForRun((await sendShopify(flow.catchUrl)).body.runId);
    expect(run).toMatchObject({ status: 'succeeded', mode: 'dry-run' });
    expect(receiver.requests).toHaveLength(0);
    expect(run.steps[1].input.body).toMatchObject({ order: 1234 });
    expect(run.steps[1]).toMatchObject({ status: 'skipped', reason: 'dry-run', output: null });
  });

  it('tests a flow with a sample payload and returns the finished run', async () => {
    const flow = await createFlow({ name: 'Tested', steps: [order, notify('/tested')] });
    const dry = await api.post(`/api/v1/flows/${flow.id}/test`, {
      payload: shopify.body,
      headers: { 'X-Shopify-Shop-Domain': 'a.myshopify.com' },
      dryRun: true,
    });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ status: 'succeeded', mode: 'dry-run' });
    expect(dry.body.steps[1].input.body.shop).toBe('a.myshopify.com');
    expect(receiver.requests).toHaveLength(0);
    const live = await api.post(`/api/v1/flows/${flow.id}/test`, { payload: shopify.body });
    expect(live.body.status).toBe('succeeded');
    expect(receiver.requests).toHaveLength(1);
  });

  it('ends a run as filtered when the trigger filter is false, and skips steps whose when is false', async () => {
    const flow = await createFlow({
      name: 'Filtered',
      trigger: { type: 'webhook', filter: '$number(total_price) > 0' },
      steps: [order, { ...notify('/when'), when: '$steps.order.items > 5' }],
    });
    const free = await api.waitForRun(
      (await sendShopify(flow.catchUrl, { ...(shopify.body as object), total_price: '0.00' })).body
        .runId,
    );
    expect(free.status).toBe('filtered');
    const paid = await api.waitForRun((await sendShopify(flow.catchUrl)).body.runId);
    expect(paid.status).toBe('succeeded');
    expect(paid.steps[1].status).toBe('skipped');
    expect(receiver.requests).toHaveLength(0);
  });

  it('runs forEach once per item and collects the outputs', async () => {
    const flow = await createFlow({
      name: 'Lines',
      steps: [
        {
          id: 'lines',
          action: 'http.request',
          forEach: 'line_items',
          input: { url: `${receiver.url}/line` },
          map: "{ 'body': { 'sku': $item.sku, 'n': $index } }",
        },
      ],
    });
    const run = await api.waitForRun((await sendShopify(flow.catchUrl)).body.runId);
    expect(run.status).toBe('succeeded');
    expect(receiver.requests.map((r) => r.body)).toEqual([
      { sku: 'TSHIRT-BLK-M', n: 0 },
      { sku: 'MUG-LOGO', n: 1 },
    ]);
    expect(receiver.requests.map((r) => r.headers['idempotency-key'])).toEqual([
      `${run.id}:lines:0`,
      `${run.id}:lines:1`,
    ]);
    expect(run.steps[0].output).toHaveLength(2);
  });

  it('parks a delayed step in the queue and resumes it, without holding the worker', async () => {
    const flow = await createFlow({
      name: 'Delayed',
      steps: [
        { id: 'wait', action: 'core.delay', input: { ms: 600 } },
        { id: 'after', action: 'core.transform', map: "{ 'done': true }" },
      ],
    });
    const other = await createFlow({ name: 'Meanwhile', steps: [order] });
    const started = Date.now();
    const delayed = (await sendShopify(flow.catchUrl)).body.runId;
    // concurrency is 1 here: this run can only finish first if the delay does not occupy the worker
    const meanwhile = await api.waitForRun((await sendShopify(other.catchUrl)).body.runId);
    expect(meanwhile.status).toBe('succeeded');
    const run = await api.waitForRun(delayed);
    expect(run.status).toBe('succeeded');
    expect(Date.parse(meanwhile.finishedAt)).toBeLessThan(Date.parse(run.finishedAt));
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(run.steps[0].history.map((h: { outcome: string }) => h.outcome)).toEqual([
      'sleeping',
      'succeeded',
    ]);
    expect(run.steps[0]).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(run.steps[1].output).toEqual({ done: true });
  });

  it('signs the body it sends and never stores the signing secret', async () => {
    const secret = 'whsec-test-0123456789abcdef';
    const flow = await createFlow({
      name: 'Signed',
      steps: [
        order,
        notify('/signed', { input: { url: `${receiver.url}/signed`, sign: { secret } } }),
      ],
    });
    const run = await api.waitForRun((await sendShopify(flow.catchUrl)).body.runId);
    expect(run.status).toBe('succeeded');
    const [received] = receiver.requests;
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', secret).update(received.raw).digest('hex');
    expect(received.headers['x-webhook-signature']).toBe(`sha256=${expected}`);
    expect(Number(received.headers['x-webhook-timestamp'])).toBeGreaterThan(0);
    expect(run.steps[1].input.sign.secret).toBe('[redacted]');
    expect(
      JSON.stringify(
        await app.database.admin(async () => {
          const { default: pg } = await import('pg');
          const client = new pg.Client({ connectionString: app.database.url });
          await client.connect();
          try {
            return (await client.query('SELECT input, history FROM run_steps')).rows;
          } finally {
            await client.end();
          }
        }),
      ),
    ).not.toContain(secret);
  });

  it('goes on after a failed step with onError continue, and times out slow attempts', async () => {
    script = (path) =>
      path === '/slow' ? { status: 200, delayMs: 1500 } : { status: 400, body: { error: 'nope' } };
    const flow = await createFlow({
      name: 'Continue',
      steps: [
        { ...notify('/reject'), id: 'optional', onError: 'continue', map: undefined },
        {
          id: 'slow',
          action: 'http.request',
          input: { url: `${receiver.url}/slow` },
          timeoutMs: 300,
          retry: { attempts: 1 },
        },
      ],
    });
    const run = await api.waitForRun((await postToCatch(flow.catchUrl, '{}')).body.runId);
    expect(run.steps[0]).toMatchObject({ status: 'failed', errorCode: 'http_400' });
    expect(run.steps[1]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(run.steps[1].error).toMatch(/timed out|timeoutMs \(300 ms\)/);
    expect(run.status).toBe('failed');
  });
});
