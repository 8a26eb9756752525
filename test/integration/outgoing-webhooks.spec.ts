import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { DeliverySweeper } from '../../src/webhooks/delivery-sweeper.job.js';
import { WebhooksRepository } from '../../src/webhooks/webhooks.repository.js';
import { apiClient } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import {
  startReceiver,
  type FakeReceiver,
  type ReceivedRequest,
  type Reply,
} from '../support/fake-receiver.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EventBody = { event: string; data: Record<string, any> };

/** Issue 6: subscriptions, signed deliveries, retries, the delivery log, auto-disable. */
describe('outgoing event webhooks', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let receiver: FakeReceiver;
  const script = new Map<string, (index: number) => Reply>();
  const hits = (path: string) => receiver.requests.filter((r) => r.url === path);
  const headersOf = (r: ReceivedRequest) =>
    Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)]));
  const verify = (secret: string, r: ReceivedRequest) =>
    new Webhook(secret).verify(r.raw.toString('utf8'), headersOf(r));

  const subscribe = async (path: string, body: Record<string, unknown> = {}) => {
    const reply = await api.post('/api/v1/webhooks', {
      url: `${receiver.url}${path}`,
      events: ['flow.created'],
      ...body,
    });
    expect(reply.status).toBe(201);
    return reply.body as { id: string; secret: string };
  };
  const createFlow = () =>
    api.post('/api/v1/flows', {
      name: 'Evented',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
  const deliveries = async (id: string) =>
    (await api.get(`/api/v1/webhooks/${id}/deliveries`)).body.items;
  const until = async <T>(probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await sleep(50);
    }
  };
  const finished = (id: string, n = 1) =>
    until(async () => {
      const items = await deliveries(id);
      return items.filter((d: { status: string }) => d.status !== 'pending').length >= n
        ? items
        : undefined;
    });

  beforeAll(async () => {
    receiver = await startReceiver((request, index) => {
      const behaviour = script.get(request.url.split('?')[0]);
      return behaviour
        ? behaviour(hits(request.url).length - 1)
        : { status: 200, body: { ok: true, index } };
    });
    app = await bootTestApp({ FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32' });
    api = apiClient(app.url!);
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  it('manages subscriptions with clear errors and never shows the secret again', async () => {
    const created = await subscribe('/crud', { description: 'ops' });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const shown = await api.get(`/api/v1/webhooks/${created.id}`);
    expect(shown.body).toMatchObject({
      isActive: true,
      events: ['flow.created'],
      retrySchedule: [60, 300, 1800, 7200],
    });
    expect(JSON.stringify(shown.body)).not.toContain(created.secret.slice(6));
    const available = (await api.get('/api/v1/webhooks/events/available?limit=100')).body.items.map(
      (e: { name: string }) => e.name,
    );
    expect(available).toEqual(
      expect.arrayContaining([
        'run.succeeded',
        'run.failed',
        'run.held',
        'step.failed',
        'flow.created',
        'request.rejected',
        'webhook.test',
        'webhook.disabled',
      ]),
    );
    const bad = await api.post('/api/v1/webhooks', {
      url: `${receiver.url}/x`,
      events: ['run.exploded'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/events: each must be one of run.succeeded/);
    expect(
      (await api.post('/api/v1/webhooks', { url: `${receiver.url}/x`, events: [] })).body.message,
    ).toMatch(/at least one event/);
    const short = await api.post('/api/v1/webhooks', {
      url: `${receiver.url}/x`,
      events: ['run.failed'],
      secret: `whsec_${Buffer.alloc(8).toString('base64')}`,
    });
    expect(short.body.message).toMatch(/24-64 bytes/);
    const internal = await api.post('/api/v1/webhooks', {
      url: 'http://10.1.2.3/hook',
      events: ['run.failed'],
    });
    expect(internal.status).toBe(400);
    expect(internal.body.message).toMatch(/^url: /);
    expect(
      (await api.put(`/api/v1/webhooks/${created.id}`, { secret: created.secret })).body.message,
    ).toMatch(/rotate-secret/);
    const paused = await api.put(`/api/v1/webhooks/${created.id}`, { is_active: false });
    expect(paused.body.isActive).toBe(false);
    const inactive = (await api.get('/api/v1/webhooks?is_active=false')).body.items.map(
      (w: { id: string }) => w.id,
    );
    expect(inactive).toContain(created.id);
    expect((await api.delete(`/api/v1/webhooks/${created.id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/webhooks/${created.id}`)).status).toBe(404);
  });

  it('test sends webhook.test now; the receiver verifies it with standardwebhooks and the seed header', async () => {
    const { id, secret } = await subscribe('/test');
    const attempt = await api.post(`/api/v1/webhooks/${id}/test`);
    expect(attempt.body).toMatchObject({
      attempt: 1,
      trigger: 'manual',
      status: 200,
      durationMs: expect.any(Number),
    });
    const [request] = hits('/test');
    expect(verify(secret, request)).toMatchObject({
      event: 'webhook.test',
      data: { subscription: { id } },
    });
    const seed = createHmac('sha256', secret).update(request.raw).digest('hex');
    expect(request.headers['x-webhook-signature']).toBe(`sha256=${seed}`);
    expect(request.headers['x-webhook-event']).toBe('webhook.test');
    expect(request.headers['x-webhook-id']).toBe(request.headers['webhook-id']);
    const [logged] = await deliveries(id);
    expect(logged.payload).toBe(request.raw.toString('utf8'));
    await api.delete(`/api/v1/webhooks/${id}`);
  });

  it('after rotate-secret both the old and the new secret verify during the grace period, then only the new', async () => {
    const { id, secret: old } = await subscribe('/rotate');
    const rotated = await api.post(`/api/v1/webhooks/${id}/rotate-secret`, { graceSeconds: 3600 });
    expect(rotated.body.previousSecretExpiresAt).toEqual(expect.any(String));
    await api.post(`/api/v1/webhooks/${id}/test`);
    const during = hits('/rotate').at(-1)!;
    expect(() => verify(old, during)).not.toThrow();
    expect(() => verify(rotated.body.secret, during)).not.toThrow();
    const again = await api.post(`/api/v1/webhooks/${id}/rotate-secret`, { graceSeconds: 0 });
    await api.post(`/api/v1/webhooks/${id}/test`);
    const after = hits('/rotate').at(-1)!;
    expect(() => verify(again.body.secret, after)).not.toThrow();
    expect(() => verify(rotated.body.secret, after)).toThrow();
    await api.delete(`/api/v1/webhooks/${id}`);
  });

  it('retries 500, 500 then logs the 200, with status, duration and the truncated body', async () => {
    script.set('/flaky', (i) =>
      i < 2 ? { status: 500, body: { pad: 'x'.repeat(30_000) } } : { status: 200 },
    );
    const { id, secret } = await subscribe('/flaky', { retrySchedule: [0.2, 0.2, 0.2] });
    await createFlow();
    const [delivery] = await finished(id);
    expect(delivery.status).toBe('succeeded');
    expect(delivery.attempts.map((a: { status: number }) => a.status)).toEqual([500, 500, 200]);
    expect(delivery.attempts[0].responseBody.length).toBe(20 * 1024);
    expect(delivery.attempts[0].nextAttemptAt).toEqual(expect.any(String));
    expect(delivery.attempts.every((a: { durationMs: number }) => a.durationMs >= 0)).toBe(true);
    const ids = new Set(hits('/flaky').map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    hits('/flaky').forEach((r) => expect(() => verify(secret, r)).not.toThrow());
    await api.delete(`/api/v1/webhooks/${id}`);
  });

  it('never follows a redirect, and does not retry a 404', async () => {
    script.set('/redirect', () => ({
      status: 302,
      headers: { location: `${receiver.url}/target` },
    }));
    script.set('/missing', () => ({ status: 404 }));
    const redirect = await subscribe('/redirect', { retrySchedule: [0.1, 0.1] });
    const missing = await subscribe('/missing', { retrySchedule: [0.1, 0.1] });
    await createFlow();
    const [redirected] = await finished(redirect.id);
    expect(redirected).toMatchObject({ status: 'failed', attempts: [{ status: 302 }] });
    expect(hits('/target')).toHaveLength(0);
    const [notFound] = await finished(missing.id);
    expect(notFound).toMatchObject({ status: 'failed', attempts: [{ status: 404 }] });
    await sleep(300);
    expect(hits('/missing')).toHaveLength(1);
    await api.delete(`/api/v1/webhooks/${redirect.id}`);
    await api.delete(`/api/v1/webhooks/${missing.id}`);
  });

  it('honours Retry-After on a 429', async () => {
    script.set('/busy', (i) =>
      i === 0 ? { status: 429, headers: { 'retry-after': '2' } } : { status: 200 },
    );
    const { id } = await subscribe('/busy', { retrySchedule: [0.1] });
    await createFlow();
    await finished(id);
    const [first, second] = hits('/busy');
    expect(second.at - first.at).toBeGreaterThanOrEqual(1950);
    await api.delete(`/api/v1/webhooks/${id}`);
  });

  it('a 410 disables the subscription and tells the others with webhook.disabled', async () => {
    script.set('/gone', () => ({ status: 410 }));
    const gone = await subscribe('/gone', { retrySchedule: [0.1] });
    const watcher = await subscribe('/watcher', { events: ['webhook.disabled'] });
    await createFlow();
    const disabled = await until(async () => {
      const body = (await api.get(`/api/v1/webhooks/${gone.id}`)).body;
      return body.isActive ? undefined : body;
    });
    expect(disabled.disabledReason).toMatch(/410 Gone/);
    const notice = await until(async () => hits('/watcher')[0]);
    expect(verify(watcher.secret, notice)).toMatchObject({
      event: 'webhook.disabled',
      data: { subscription: { id: gone.id } },
    });
    await api.delete(`/api/v1/webhooks/${gone.id}`);
    await api.delete(`/api/v1/webhooks/${watcher.id}`);
  });

  it('pauses a subscription after 5 exhausted deliveries in a row, with the reason', async () => {
    script.set('/down', () => ({ status: 503 }));
    const { id } = await subscribe('/down', { retrySchedule: [0.05] });
    for (let i = 0; i < 5; i += 1) await createFlow();
    const paused = await until(async () => {
      const body = (await api.get(`/api/v1/webhooks/${id}`)).body;
      return body.isActive ? undefined : body;
    });
    expect(paused.disabledReason).toMatch(
      /^5 deliveries in a row failed after every retry; the last: HTTP 503/,
    );
    expect(hits('/down')).toHaveLength(10);
    const failedPage = (
      await api.get(`/api/v1/webhooks/${id}/deliveries?status=failed&event=flow.created&limit=3`)
    ).body;
    expect(failedPage.items).toHaveLength(3);
    const rest = (
      await api.get(
        `/api/v1/webhooks/${id}/deliveries?status=failed&limit=3&cursor=${failedPage.nextCursor}`,
      )
    ).body;
    expect(rest.items).toHaveLength(2);
    expect(rest.nextCursor).toBeNull();
    const seen = new Set([...failedPage.items, ...rest.items].map((d: { id: string }) => d.id));
    expect(seen.size).toBe(5);
    expect(
      (await api.get(`/api/v1/webhooks/${id}/deliveries?status=succeeded`)).body.items,
    ).toEqual([]);
    expect((await api.get(`/api/v1/webhooks/${id}/deliveries?cursor=nope`)).status).toBe(400);
    const reenabled = await api.put(`/api/v1/webhooks/${id}`, { is_active: true });
    expect(reenabled.body).toMatchObject({
      isActive: true,
      disabledReason: null,
      consecutiveFailures: 0,
    });
    await api.delete(`/api/v1/webhooks/${id}`);
  });

  it('redeliver keeps webhook-id with a new timestamp and signature, logged as manual', async () => {
    const { id, secret } = await subscribe('/again');
    await createFlow();
    const [delivery] = await finished(id);
    await sleep(1100);
    const attempt = await api.post(`/api/v1/webhooks/${id}/deliveries/${delivery.id}/redeliver`);
    expect(attempt.body).toMatchObject({ trigger: 'manual', attempt: 2, status: 200 });
    const [first, second] = hits('/again');
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(second.headers['webhook-timestamp']).not.toBe(first.headers['webhook-timestamp']);
    expect(second.headers['webhook-signature']).not.toBe(first.headers['webhook-signature']);
    expect(() => verify(secret, second)).not.toThrow();
    expect(second.raw.equals(first.raw)).toBe(true);
    const other = await api.post(
      `/api/v1/webhooks/${id}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`,
    );
    expect(other.status).toBe(404);
    await api.delete(`/api/v1/webhooks/${id}`);
  });

  it('a failing run sends run.failed and step.failed with the step and its error', async () => {
    script.set('/erp', () => ({ status: 422, body: { error: 'customer missing' } }));
    const { id, secret } = await subscribe('/events', {
      events: ['run.failed', 'step.failed', 'run.succeeded'],
    });
    const flow = (
      await api.post('/api/v1/flows', {
        name: 'Order sync',
        trigger: { type: 'webhook' },
        steps: [
          { id: 'shape', action: 'core.transform' },
          {
            id: 'erp',
            action: 'http.request',
            input: { method: 'POST', url: `${receiver.url}/erp` },
          },
        ],
      })
    ).body;
    const posted = await fetch(flow.catchUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"order": 1}',
    });
    const { runId } = (await posted.json()) as { runId: string };
    const events = await until(async () => {
      const got = hits('/events').map((r) => verify(secret, r) as EventBody);
      return got.length >= 2 ? got : undefined;
    });
    const failed = events.find((e) => e.event === 'run.failed')!;
    expect(failed.data).toMatchObject({
      run: {
        id: runId,
        status: 'failed',
        failedStep: { id: 'erp', error: expect.stringMatching(/422/) },
      },
      flow: { id: flow.id, name: 'Order sync' },
      links: { run: `/api/v1/runs/${runId}` },
    });
    expect(failed.data.request).toBeUndefined();
    expect(events.find((e) => e.event === 'step.failed')!.data.step).toMatchObject({ id: 'erp' });
    await api.delete(`/api/v1/webhooks/${id}`);
  });

  it('announces flow changes and rejected requests, and adds the request body only when asked', async () => {
    const { id, secret } = await subscribe('/flows', {
      events: [
        'flow.updated',
        'flow.paused',
        'flow.activated',
        'flow.deleted',
        'request.rejected',
        'run.succeeded',
        'run.held',
      ],
      includeRequestBody: true,
    });
    const flow = (
      await api.post('/api/v1/flows', {
        name: 'Signed',
        trigger: { type: 'webhook', verify: { preset: 'github', secret: 'gh-secret' } },
        steps: [{ id: 'a', action: 'core.transform' }],
      })
    ).body;
    const definition = { ...flow.definition, name: 'Signed v2' };
    await api.put(`/api/v1/flows/${flow.id}`, definition);
    await api.post(`/api/v1/flows/${flow.id}/pause`);
    const body = '{"held":true}';
    const heldSignature = `sha256=${createHmac('sha256', 'gh-secret').update(body).digest('hex')}`;
    const held = await fetch(flow.catchUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': heldSignature },
      body,
    });
    const heldRun = (await held.json()) as { runId: string; status: string };
    expect(heldRun.status).toBe('held');
    await api.post(`/api/v1/flows/${flow.id}/activate`);
    const post = (signature: string) =>
      fetch(flow.catchUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
        body: '{"secretish":"order 7"}',
      });
    for (let i = 0; i < 3; i += 1) await post('sha256=00');
    const good = `sha256=${createHmac('sha256', 'gh-secret').update('{"secretish":"order 7"}').digest('hex')}`;
    await post(good);
    await api.delete(`/api/v1/flows/${flow.id}`);
    const events = await until(async () => {
      const got = hits('/flows').map((r) => verify(secret, r) as EventBody);
      return got.length >= 8 ? got : undefined;
    });
    const byName = Object.fromEntries(events.map((e) => [e.event, e.data]));
    expect(byName['flow.updated'].flow).toMatchObject({
      id: flow.id,
      name: 'Signed v2',
      version: 2,
    });
    expect(byName['flow.paused'].flow.status).toBe('paused');
    expect(byName['flow.activated'].flow.status).toBe('active');
    expect(byName['request.rejected']).toMatchObject({
      flow: { id: flow.id },
      reason: 'bad-signature',
      count: 1,
    });
    expect(events.filter((e) => e.event === 'request.rejected')).toHaveLength(1);
    const succeeded = events
      .filter((e) => e.event === 'run.succeeded')
      .map((e) => e.data.request.body);
    expect(succeeded).toEqual(expect.arrayContaining([{ secretish: 'order 7' }, { held: true }]));
    expect(byName['flow.deleted'].flow.id).toBe(flow.id);
    expect(byName['run.held'].run).toMatchObject({ id: heldRun.runId });
    expect(byName['run.held'].request.body).toEqual({ held: true });
    expect(JSON.stringify(events)).not.toContain('gh-secret');
    await api.delete(`/api/v1/webhooks/${id}`);
  });

  it('re-enqueues a delivery whose job was lost, and prunes deliveries past retention', async () => {
    const { id } = await subscribe('/lost');
    const repository = app.app.get(WebhooksRepository);
    const [deliveryId] = await repository.insertDeliveries(
      [
        {
          subscriptionId: id,
          event: 'flow.created',
          messageId: 'msg_lost1',
          payload: '{"event":"flow.created"}',
        },
      ],
      new Date(Date.now() - 60_000),
    );
    const sweeper = app.app.get(DeliverySweeper);
    expect((await sweeper.sweep()).requeued).toBeGreaterThanOrEqual(1);
    const [delivery] = await finished(id);
    expect(delivery).toMatchObject({ id: deliveryId, status: 'succeeded' });
    await app.app
      .get(DataSource)
      .query(
        "UPDATE webhook_deliveries SET created_at = now() - interval '31 days' WHERE id = $1",
        [deliveryId],
      );
    expect(await repository.prune(30)).toBe(1);
    expect(await deliveries(id)).toEqual([]);
    await api.delete(`/api/v1/webhooks/${id}`);
  });
});
