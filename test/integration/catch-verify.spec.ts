import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { sample } from '../support/samples.js';
import { senderHeaders } from '../support/sender-signatures.js';

const PUBLIC_URL = 'https://hooks.example.com';

/** trigger.verify end to end: presets on real senders' samples, VER-1 errors, rotation, secrecy. */
describe('signature verification at the catch URL', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  /** Catch URLs show FLOWHUB_PUBLIC_URL; tests post to the app itself. */
  const local = (catchUrl: string) => catchUrl.replace(PUBLIC_URL, app.url!);
  const createFlow = async (trigger: Record<string, unknown>) => {
    const reply = await api.post('/api/v1/flows', {
      name: 'Verified',
      trigger: { type: 'webhook', rateLimit: { perSecond: 1000 }, ...trigger },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    expect(reply.status).toBe(201);
    return { ...reply.body, url: local(reply.body.catchUrl) } as { id: string; url: string };
  };
  /** The raw bytes stored for each run's request, as UTF-8 text, in the runs' order. */
  const storedRawBodies = async (runIds: string[]): Promise<string[]> => {
    const client = new pg.Client({ connectionString: app.database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT r.id, convert_from(q.raw_body, 'UTF8') AS raw FROM runs r
         JOIN inbound_requests q ON q.id = r.request_id WHERE r.id = ANY($1::uuid[])`,
        [runIds],
      );
      return runIds.map((id) => rows.find((row) => row.id === id)?.raw);
    } finally {
      await client.end();
    }
  };
  const countRuns = async (flowId: string) =>
    (await api.get(`/api/v1/runs?flowId=${flowId}&limit=100`)).body.items.length;

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_ROLE: 'api', FLOWHUB_PUBLIC_URL: PUBLIC_URL });
    api = apiClient(app.url!);
  });
  afterAll(() => app.stop());

  describe.each([
    'github-push',
    'shopify-orders-create',
    'standard-webhooks-event',
    'stripe-payment-intent-succeeded',
  ])('%s sample', (name) => {
    const s = sample(name);
    const body = Buffer.from(JSON.stringify(s.body));
    const delivery = () => ({
      body,
      secret: s.signing.secret,
      timestamp: Math.floor(Date.now() / 1000),
      id: s.headers['webhook-id'] ?? 'msg_1',
    });
    const post = (flowUrl: string, signed: Record<string, string>, bytes = body) =>
      postToCatch(flowUrl, bytes, s.contentType, { ...s.headers, ...signed });

    it("accepts the sender's signature, refuses a changed byte, and dedupes on the preset's id", async () => {
      const flow = await createFlow({ verify: s.signing });
      const signed = senderHeaders[s.signing.preset](delivery());
      const first = await post(flow.url, signed);
      expect(first.status).toBe(202);
      const again = await post(flow.url, signed);
      expect(again).toMatchObject({
        status: 200,
        body: { runId: first.body.runId, duplicate: true },
      });
      const tampered = Buffer.from(body);
      tampered[10] ^= 1;
      const refused = await post(flow.url, signed, tampered);
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      expect(refused.body.message).toMatch(/does not match: .* raw body bytes .*flow's secret/);
      expect(await countRuns(flow.id)).toBe(1);
    });
  });

  it('names a missing header (400) and the skew of a stale timestamp (401)', async () => {
    const s = sample('stripe-payment-intent-succeeded');
    const flow = await createFlow({ verify: s.signing });
    const missing = await postToCatch(flow.url, JSON.stringify(s.body));
    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe(
      'Missing header Stripe-Signature: this flow verifies Stripe requests (trigger.verify)',
    );
    const body = Buffer.from(JSON.stringify(s.body));
    const old = Math.floor(Date.now() / 1000) - 3600;
    const stale = await postToCatch(
      flow.url,
      body,
      'application/json',
      senderHeaders.stripe({ body, secret: s.signing.secret, timestamp: old, id: '' }),
    );
    expect(stale.status).toBe(401);
    expect(stale.body.message).toMatch(/is 3\d{3} s behind Flowhub's clock; at most 300 s/);
    const rejections = (await api.get(`/api/v1/flows/${flow.id}/rejections`)).body;
    expect(rejections).toMatchObject({
      total: 2,
      byReason: { 'missing-header': { count: 1 }, 'stale-timestamp': { count: 1 } },
    });
    expect(await countRuns(flow.id)).toBe(0);
  });

  it('static-token and zoho-crm tokens are checked and never stored', async () => {
    const desk = sample('zoho-desk-ticket');
    const deskFlow = await createFlow({ verify: desk.signing });
    const accepted = await postToCatch(
      deskFlow.url,
      JSON.stringify(desk.body),
      desk.contentType,
      desk.headers,
    );
    expect(accepted.status).toBe(202);
    const wrong = await postToCatch(deskFlow.url, JSON.stringify(desk.body), desk.contentType, {
      'X-Webhook-Secret': 'guess',
    });
    expect(wrong.status).toBe(401);
    const run = (await api.get(`/api/v1/runs/${accepted.body.runId}`)).body;
    expect(run.trigger.headers['x-webhook-secret']).toBe('[redacted]');

    const books = sample('zoho-books-invoice-form');
    const booksFlow = await createFlow({ verify: books.signing });
    const form = await postToCatch(
      booksFlow.url,
      books.body as string,
      books.contentType,
      books.headers,
    );
    expect(form.status).toBe(202);

    const crm = sample('zoho-crm-notification');
    const crmFlow = await createFlow({ verify: crm.signing });
    const notified = await postToCatch(crmFlow.url, JSON.stringify(crm.body));
    expect(notified.status).toBe(202);
    const again = await postToCatch(crmFlow.url, JSON.stringify(crm.body));
    expect(again.body).toMatchObject({ duplicate: true, runId: notified.body.runId });
    const crmRun = (await api.get(`/api/v1/runs/${notified.body.runId}`)).body;
    expect(crmRun.trigger.body.token).toBe('[redacted]');
    expect(JSON.stringify(crmRun)).not.toContain(crm.signing.secret);
    // Nor in the stored bytes: the raw body is kept with the token redacted too.
    const rawBodies = await storedRawBodies([notified.body.runId, accepted.body.runId]);
    expect(rawBodies.join('\n')).not.toContain(crm.signing.secret);
    expect(JSON.parse(rawBodies[0])).toEqual({ ...(crm.body as object), token: '[redacted]' });
    const forged = await postToCatch(
      crmFlow.url,
      JSON.stringify({ ...(crm.body as object), token: 'x' }),
    );
    expect(forged.status).toBe(401);
  });

  it('keeps the secret encrypted and write-only', async () => {
    const secret = 'canary-verify-secret-5b1e';
    const flow = await createFlow({ verify: { preset: 'github', secret } });
    const shown = await api.get(`/api/v1/flows/${flow.id}`);
    expect(JSON.stringify(shown.body)).not.toContain(secret);
    expect(shown.body.definition.trigger.verify).toEqual({ preset: 'github' });
    expect(shown.body.verifySecrets).toEqual([{ addedAt: expect.any(String), expiresAt: null }]);
    const versions = await api.get(`/api/v1/flows/${flow.id}/versions`);
    expect(JSON.stringify(versions.body)).not.toContain(secret);
    const client = new pg.Client({ connectionString: app.database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        'SELECT f.verify_secrets_sealed || v.definition::text AS stored FROM flows f JOIN flow_versions v ON v.flow_id = f.id WHERE f.id = $1',
        [flow.id],
      );
      expect(rows[0].stored).toMatch(/^fhs1\./);
      expect(rows[0].stored).not.toContain(secret);
    } finally {
      await client.end();
    }
    expect(app.logs.join('\n')).not.toContain(secret);
    const noSecret = await api.post('/api/v1/flows', {
      name: 'x',
      trigger: { type: 'webhook', verify: { preset: 'github' } },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    expect(noSecret.status).toBe(400);
    expect(noSecret.body.details).toEqual([
      { path: 'trigger.verify.secret', message: expect.stringMatching(/^required/) },
    ]);
  });

  it('PUT keeps the stored secret when none is given, and drops it with verify', async () => {
    const flow = await createFlow({ verify: { preset: 'github', secret: 'kept' } });
    const sign = (secret: string) => ({
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update('{}').digest('hex')}`,
    });
    const definition = (await api.get(`/api/v1/flows/${flow.id}`)).body.definition;
    expect((await api.put(`/api/v1/flows/${flow.id}`, definition)).status).toBe(200);
    expect((await postToCatch(flow.url, '{}', 'application/json', sign('kept'))).status).toBe(202);
    const open = { ...definition, trigger: { type: 'webhook' } };
    expect((await api.put(`/api/v1/flows/${flow.id}`, open)).status).toBe(200);
    expect((await postToCatch(flow.url, '{}')).status).toBe(202);
    expect((await api.put(`/api/v1/flows/${flow.id}`, definition)).status).toBe(400);
  });

  it('rotate-secret accepts both secrets during the grace period, then only the new one', async () => {
    const flow = await createFlow({ verify: { preset: 'shopify', secret: 'old-secret' } });
    const sign = (secret: string) => ({
      'x-shopify-hmac-sha256': createHmac('sha256', secret).update('{}').digest('base64'),
    });
    const post = (secret: string) => postToCatch(flow.url, '{}', 'application/json', sign(secret));
    const rotated = await api.post(`/api/v1/flows/${flow.id}/rotate-secret`, {
      secret: 'new-secret',
      graceSeconds: 3600,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.verifySecrets).toEqual([
      { addedAt: expect.any(String), expiresAt: null },
      { addedAt: expect.any(String), expiresAt: expect.any(String) },
    ]);
    expect(rotated.body.verifySecret).toBeUndefined();
    expect((await post('old-secret')).status).toBe(202);
    expect((await post('new-secret')).status).toBe(202);
    await api.post(`/api/v1/flows/${flow.id}/rotate-secret`, { secret: 'newest', graceSeconds: 0 });
    expect((await post('new-secret')).status).toBe(401);
    expect((await post('newest')).status).toBe(202);
    const issued = await api.post(`/api/v1/flows/${flow.id}/rotate-secret`, {});
    expect(issued.status).toBe(400);
    expect(issued.body.message).toMatch(/issued by the sender/);
  });

  it('rotate-secret generates a secret where the user chooses it, shown once', async () => {
    const flow = await createFlow({ verify: { preset: 'github', secret: 'first' } });
    const rotated = await api.post(`/api/v1/flows/${flow.id}/rotate-secret`, {});
    expect(rotated.body.verifySecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const sig = createHmac('sha256', rotated.body.verifySecret).update('{}').digest('hex');
    expect(
      (
        await postToCatch(flow.url, '{}', 'application/json', {
          'x-hub-signature-256': `sha256=${sig}`,
        })
      ).status,
    ).toBe(202);
    expect(JSON.stringify((await api.get(`/api/v1/flows/${flow.id}`)).body)).not.toContain(
      rotated.body.verifySecret,
    );
    const plain = await createFlow({});
    expect((await api.post(`/api/v1/flows/${plain.id}/rotate-secret`, {})).body.message).toMatch(
      /has no trigger.verify/,
    );
  });

  it('rotate-key keeps the old catch URL working for the grace period only', async () => {
    const flow = await createFlow({});
    const rotated = await api.post(`/api/v1/flows/${flow.id}/rotate-key`, { graceSeconds: 1 });
    expect(rotated.body.previousCatchUrlExpiresAt).toEqual(expect.any(String));
    expect((await postToCatch(flow.url, '{}')).status).toBe(202);
    expect((await postToCatch(local(rotated.body.catchUrl), '{}')).status).toBe(202);
    await sleep(1100);
    expect((await postToCatch(flow.url, '{}')).status).toBe(404);
    const again = await api.post(`/api/v1/flows/${flow.id}/rotate-key`);
    expect(again.body.previousCatchUrlExpiresAt).toBeNull();
    expect((await postToCatch(local(rotated.body.catchUrl), '{}')).status).toBe(404);
    expect(
      (await api.post(`/api/v1/flows/${flow.id}/rotate-key`, { graceSeconds: -1 })).status,
    ).toBe(400);
  });

  it('Twilio: verified against FLOWHUB_PUBLIC_URL, whatever Host the request carries', async () => {
    const flow = await createFlow({ verify: { preset: 'twilio', secret: 'twilio-auth-token' } });
    const body = 'CallSid=CA1&From=%2B14158675309&To=%2B18005551212';
    const path = new URL(flow.url).pathname;
    const sign = (base: string) => {
      const params = new URLSearchParams(body);
      const content = [...params.keys()]
        .sort()
        .reduce((text, key) => text + key + params.get(key), base + path);
      return createHmac('sha1', 'twilio-auth-token').update(content).digest('base64');
    };
    const form = 'application/x-www-form-urlencoded';
    expect(
      (await postToCatch(flow.url, body, form, { 'x-twilio-signature': sign(PUBLIC_URL) })).status,
    ).toBe(202);
    expect(
      (await postToCatch(flow.url, body, form, { 'x-twilio-signature': sign(app.url!) })).status,
    ).toBe(401);
  });
});

describe('Twilio without a public URL', () => {
  it('is refused when the flow is saved', async () => {
    const app = await bootTestApp({ FLOWHUB_ROLE: 'api' });
    try {
      const reply = await apiClient(app.url!).post('/api/v1/flows', {
        name: 't',
        trigger: { type: 'webhook', verify: { preset: 'twilio', secret: 'x' } },
        steps: [{ id: 'a', action: 'core.transform' }],
      });
      expect(reply.status).toBe(400);
      expect(reply.body.details).toEqual([
        {
          path: 'trigger.verify.preset',
          message: expect.stringMatching(/needs FLOWHUB_PUBLIC_URL/),
        },
      ]);
    } finally {
      await app.stop();
    }
  });
});
