import { createHmac, timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { apiClient } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import {
  startReceiver,
  type FakeReceiver,
  type ReceivedRequest,
} from '../support/fake-receiver.js';

/**
 * Issue 16 items 7, 11, 12: X-Webhook-Signature in both formats receivers use, checked
 * exactly as the docs/webhooks.md snippets do; the test ping is sent once; the webhooks API
 * speaks camelCase, takes the snake_case names as aliases and pages like every list.
 */
describe('outgoing webhooks: signature formats, test ping, API style', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let receiver: FakeReceiver;
  const hits = (path: string) => receiver.requests.filter((r) => r.url === path);
  const header = (r: ReceivedRequest, name: string) => String(r.headers[name]);

  /** The Node snippet of docs/webhooks.md, "sha256-prefixed". */
  const verifyPrefixed = (secret: string, raw: Buffer, received: string) => {
    const expected = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
    const a = Buffer.from(received);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  /** The Node snippet of docs/webhooks.md, "hex". */
  const verifyHex = (secret: string, raw: Buffer, received: string) => {
    const expected = createHmac('sha256', secret).update(raw).digest('hex');
    const a = Buffer.from(received);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const verifyStandard = (secret: string, r: ReceivedRequest) =>
    new Webhook(secret).verify(r.raw.toString('utf8'), {
      'webhook-id': header(r, 'webhook-id'),
      'webhook-timestamp': header(r, 'webhook-timestamp'),
      'webhook-signature': header(r, 'webhook-signature'),
    });
  const subscribe = async (path: string, extra: Record<string, unknown> = {}) => {
    const reply = await api.post('/api/v1/webhooks', {
      url: `${receiver.url}${path}`,
      events: ['flow.created'],
      ...extra,
    });
    expect(reply.status).toBe(201);
    return reply.body as { id: string; secret: string; signatureFormat: string };
  };

  beforeAll(async () => {
    receiver = await startReceiver((request) =>
      request.url.startsWith('/down') ? { status: 503 } : { status: 200, body: { ok: true } },
    );
    app = await bootTestApp({ FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32' });
    api = apiClient(app.url!);
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  it('signs X-Webhook-Signature as sha256=<hex> by default, keyed with the whole whsec_ text', async () => {
    const { id, secret, signatureFormat } = await subscribe('/prefixed');
    expect(signatureFormat).toBe('sha256-prefixed');
    await api.post(`/api/v1/webhooks/${id}/test`);
    const [request] = hits('/prefixed');
    const received = header(request, 'x-webhook-signature');
    expect(received).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyPrefixed(secret, request.raw, received)).toBe(true);
    expect(verifyHex(secret, request.raw, received)).toBe(false);
    expect(verifyStandard(secret, request)).toMatchObject({ event: 'webhook.test' });
  });

  it('signatureFormat hex sends the bare hex a compare_digest receiver expects', async () => {
    const { id, secret, signatureFormat } = await subscribe('/hex', { signatureFormat: 'hex' });
    expect(signatureFormat).toBe('hex');
    await api.post(`/api/v1/webhooks/${id}/test`);
    const [request] = hits('/hex');
    const received = header(request, 'x-webhook-signature');
    expect(received).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyHex(secret, request.raw, received)).toBe(true);
    expect(verifyStandard(secret, request)).toMatchObject({ event: 'webhook.test' });
    const back = await api.put(`/api/v1/webhooks/${id}`, { signature_format: 'sha256-prefixed' });
    expect(back.body.signatureFormat).toBe('sha256-prefixed');
    const bad = await api.put(`/api/v1/webhooks/${id}`, { signatureFormat: 'base64' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/signatureFormat must be sha256-prefixed or hex/);
  });

  it('sends the test ping once and says it is not retried, even to a failing receiver', async () => {
    const { id } = await subscribe('/down');
    const ping = await api.post(`/api/v1/webhooks/${id}/test`);
    expect(ping.status).toBe(200);
    expect(ping.body).toMatchObject({ status: 503, retried: false, attempt: 1 });
    expect(ping.body.note).toMatch(/sent once and never retried/);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(hits('/down')).toHaveLength(1);
    const [delivery] = (await api.get(`/api/v1/webhooks/${id}/deliveries`)).body.items;
    expect(delivery).toMatchObject({
      event: 'webhook.test',
      status: 'failed',
      nextAttemptAt: null,
    });
    expect(delivery.attempts).toHaveLength(1);
  });

  it('answers in camelCase and reads the snake_case names as aliases; disagreeing forms are a 400', async () => {
    const created = await subscribe('/style', {
      is_active: false,
      retry_schedule: [5, 10],
      include_request_body: true,
    });
    expect(created).toMatchObject({
      isActive: false,
      retrySchedule: [5, 10],
      includeRequestBody: true,
      createdAt: expect.any(String),
    });
    expect(Object.keys(created).filter((key) => key.includes('_'))).toEqual([]);
    const both = await api.put(`/api/v1/webhooks/${created.id}`, {
      isActive: true,
      is_active: false,
    });
    expect(both.status).toBe(400);
    expect(both.body.message).toMatch(/isActive and is_active .*disagree/);
    const agreeing = await api.put(`/api/v1/webhooks/${created.id}`, {
      isActive: true,
      is_active: true,
    });
    expect(agreeing.body.isActive).toBe(true);
    await api.put(`/api/v1/webhooks/${created.id}`, { isActive: false });
    for (const filter of ['isActive=false', 'is_active=false']) {
      const page = (await api.get(`/api/v1/webhooks?${filter}&limit=100`)).body;
      expect(page.items.map((w: { id: string }) => w.id)).toContain(created.id);
      expect(page.items.every((w: { isActive: boolean }) => !w.isActive)).toBe(true);
    }
    const conflicting = await api.get('/api/v1/webhooks?isActive=true&is_active=false');
    expect(conflicting.status).toBe(400);
  });

  it('pages GET /webhooks and the event catalogue as {items, nextCursor} with ?limit=&cursor=', async () => {
    const made = [await subscribe('/p1'), await subscribe('/p2'), await subscribe('/p3')];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = (await api.get(`/api/v1/webhooks${query}`)).body;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((w: { id: string }) => w.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(made.map((m) => m.id)));
    expect(seen.indexOf(made[2].id)).toBeLessThan(seen.indexOf(made[0].id));
    const events = (await api.get('/api/v1/webhooks/events/available?limit=3')).body;
    expect(events.items).toHaveLength(3);
    const rest = (await api.get(`/api/v1/webhooks/events/available?cursor=${events.nextCursor}`))
      .body;
    expect(rest.items.map((e: { name: string }) => e.name)).not.toContain(events.items[0].name);
    const forged = await api.get('/api/v1/webhooks?cursor=bm90LWpzb24');
    expect(forged.status).toBe(400);
    expect(forged.body.message).toMatch(/cursor is not valid/);
  });
});
