import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { sample } from '../support/samples.js';

const PUBLIC_URL = 'https://hooks.example.com';

/**
 * twilio-node's getExpectedTwilioSignature (src/webhooks/webhooks.ts), restated because the
 * twilio package is not installed: URL + params sorted by name, a repeated name's distinct
 * values sorted; the hash named by X-Twilio-Webhooks-Signature-Settings (SHA1 without it).
 */
function twilioSignature(secret: string, url: string, form: string, hash: 'sha1' | 'sha256') {
  const params = new URLSearchParams(form);
  const data = [...new Set(params.keys())]
    .sort()
    .reduce(
      (text, name) =>
        text + [...new Set(params.getAll(name))].sort().reduce((t, v) => t + name + v, ''),
      url,
    );
  return createHmac(hash, secret).update(Buffer.from(data, 'utf-8')).digest('base64');
}

/**
 * Issue 16 items 8-10: Shopify's two header forms are both accepted (and deduped), Twilio's
 * SharedKey HMAC-SHA256 signatures verify, and a refusal names the header the sender used.
 */
describe('senders as their own libraries send', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  const createFlow = async (verify: Record<string, unknown>) => {
    const reply = await api.post('/api/v1/flows', {
      name: 'Senders',
      trigger: { type: 'webhook', rateLimit: { perSecond: 1000 }, verify },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    expect(reply.status).toBe(201);
    return reply.body.catchUrl.replace(PUBLIC_URL, app.url!) as string;
  };
  const shopifyHmac = (secret: string, body: string) =>
    createHmac('sha256', secret).update(body).digest('base64');

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_ROLE: 'api', FLOWHUB_PUBLIC_URL: PUBLIC_URL });
    api = apiClient(app.url!);
  });
  afterAll(() => app.stop());

  it('accepts Shopify Events headers without the X- prefix, and dedupes on shopify-webhook-id', async () => {
    const url = await createFlow({ preset: 'shopify', secret: 'shopify-secret' });
    const body = '{"id":1001}';
    const headers = {
      'shopify-hmac-sha256': shopifyHmac('shopify-secret', body),
      'shopify-webhook-id': 'evt-1',
      'shopify-topic': 'orders/create',
    };
    const first = await postToCatch(url, body, 'application/json', headers);
    expect(first.status).toBe(202);
    const again = await postToCatch(url, body, 'application/json', headers);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, runId: first.body.runId });
  });

  it('still accepts the X-Shopify-* form, and names both forms when neither came', async () => {
    const url = await createFlow({ preset: 'shopify', secret: 'shopify-secret' });
    const body = '{"id":1002}';
    const signed = { 'x-shopify-hmac-sha256': shopifyHmac('shopify-secret', body) };
    expect((await postToCatch(url, body, 'application/json', signed)).status).toBe(202);
    const missing = await postToCatch(url, body, 'application/json', {});
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('X-Shopify-Hmac-Sha256 (or Shopify-Hmac-Sha256)');
  });

  it('a wrong unprefixed Shopify signature is refused naming Shopify-Hmac-Sha256', async () => {
    const url = await createFlow({ preset: 'shopify', secret: 'shopify-secret' });
    const wrong = { 'shopify-hmac-sha256': shopifyHmac('other-secret', '{}') };
    const refused = await postToCatch(url, '{}', 'application/json', wrong);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toContain('Shopify-Hmac-Sha256');
    expect(refused.body.message).not.toContain('X-Shopify-Hmac-Sha256');
  });

  it('names svix-signature when the request came with svix-* headers', async () => {
    const secret = `whsec_${Buffer.from('standard-webhooks-secret-bytes').toString('base64')}`;
    const url = await createFlow({ preset: 'standard-webhooks', secret });
    const body = '{"type":"invoice.paid"}';
    const now = new Date();
    const signature = new Webhook(secret).sign('msg_1', now, body);
    const svix = {
      'svix-id': 'msg_1',
      'svix-timestamp': String(Math.floor(now.getTime() / 1000)),
      'svix-signature': signature,
    };
    expect((await postToCatch(url, body, 'application/json', svix)).status).toBe(202);
    const forged = { ...svix, 'svix-id': 'msg_2', 'svix-signature': 'v1,AAAA' };
    const refused = await postToCatch(url, body, 'application/json', forged);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toContain('svix-signature');
    expect(refused.body.message).not.toMatch(/\bwebhook-signature/);
    const { 'svix-timestamp': _dropped, ...noTimestamp } = svix;
    const missing = await postToCatch(url, body, 'application/json', noTimestamp);
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('svix-timestamp');
  });

  it('Shopify Events sample: both header forms as Events sends them, deduped on Shopify-Webhook-Id', async () => {
    const s = sample('shopify-events-product-update');
    const url = await createFlow(s.signing);
    const body = JSON.stringify(s.body);
    const hmac = shopifyHmac(s.signing.secret, body);
    const unprefixed = { ...s.headers, 'Shopify-Hmac-Sha256': hmac };
    const first = await postToCatch(url, body, s.contentType, unprefixed);
    expect(first.status).toBe(202);
    const withLegacy = {
      ...unprefixed,
      'X-Shopify-Hmac-Sha256': hmac,
      'X-Shopify-Webhook-Id': s.headers['Shopify-Webhook-Id'],
    };
    const again = await postToCatch(url, body, s.contentType, withLegacy);
    expect(again.body).toMatchObject({ duplicate: true, runId: first.body.runId });
    const run = (await api.get(`/api/v1/runs/${first.body.runId}`)).body;
    expect(run.trigger.headers['shopify-topic']).toBe('Product');
  });

  it('Twilio: a SharedKey HMAC-SHA256 delivery verifies; a URL mismatch says which URL Flowhub used', async () => {
    const s = sample('twilio-incoming-sms-form');
    const catchUrl = await createFlow(s.signing);
    const path = new URL(catchUrl).pathname;
    const form = s.body as string;
    const settings = { 'X-Twilio-Webhooks-Signature-Settings': 'key=WK0123,algorithm=HMAC_SHA256' };
    const signed = (base: string) => ({
      ...s.headers,
      ...settings,
      'X-Twilio-Signature': twilioSignature(s.signing.secret, base + path, form, 'sha256'),
    });
    const first = await postToCatch(catchUrl, form, s.contentType, signed(PUBLIC_URL));
    expect(first.status).toBe(202);
    const again = await postToCatch(catchUrl, form, s.contentType, signed(PUBLIC_URL));
    expect(again.body).toMatchObject({ duplicate: true, runId: first.body.runId });

    const wrong = signed('http://hooks.example.com:8080');
    const refused = await postToCatch(catchUrl, form, s.contentType, wrong);
    expect(refused.status).toBe(401);
    const flowId = path.split('/')[3];
    expect(refused.body.message).toContain(`${PUBLIC_URL}/webhook/catch/${flowId}/[redacted]`);
    expect(refused.body.message).toMatch(/sorted by name.*FLOWHUB_PUBLIC_URL/);
    for (const hidden of [path.split('/')[4], wrong['X-Twilio-Signature'], s.signing.secret]) {
      expect(refused.body.message).not.toContain(hidden);
    }
  });
});
