import { createHmac } from 'node:crypto';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';
import { startSecretFlows, type SecretFlows } from '../support/secret-flows.js';

const BEARER = 'conn-bearer-CANARY-7c1e95';
const HMAC = 'conn-hmac-CANARY-2b8f40';
const PARTNER = 'partner-key-CANARY-9b3e08';
const PASSWORD = 'basic-pass-CANARY-61c2aa';
const BASIC = Buffer.from(`ann:${PASSWORD}`).toString('base64');

/** Issue 15 item 6: an http connection's credential, attached at call time, in no record. */
describe('http connections', () => {
  let h: SecretFlows;
  let other: FakeReceiver;
  const call = (method: string, path: string, body?: unknown) => h.call(method, path, body);
  const flow = (steps: unknown[], extra?: Record<string, unknown>) => h.flow(steps, extra);
  const runOnce = (catchUrl: string) => h.runOnce(catchUrl);
  const last = () => h.last();

  beforeAll(async () => {
    other = await startReceiver();
    // /erp/echo answers with the Authorization header it got, as some test endpoints do.
    h = await startSecretFlows((request) => {
      if (request.url.startsWith('/erp/echo'))
        return { status: 200, body: { youSent: request.headers.authorization } };
      if (request.url.startsWith('/erp/redirect'))
        return { status: 307, headers: { location: `${other.url}/stolen` } };
      return { status: 200, body: { ok: true } };
    });
  });
  afterAll(async () => {
    await h.stop();
    await other.close();
  });

  it('an http connection attaches its bearer token at call time; the run records none of it', async () => {
    const created = await call('POST', '/api/v1/connections', {
      name: 'erp',
      plugin: 'http',
      fields: { baseUrl: `${h.receiver.url}/erp`, auth: 'bearer', token: BEARER },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ secretsSet: ['token'], fields: { auth: 'bearer' } });
    const { catchUrl } = await flow([
      {
        id: 'notify',
        action: 'http.request',
        connection: 'erp',
        input: { url: `${h.receiver.url}/erp/orders` },
        map: "{ 'body': { 'order': order } }",
      },
    ]);
    const run = await runOnce(catchUrl);
    expect(run.status).toBe('succeeded');
    expect(last().headers.authorization).toBe(`Bearer ${BEARER}`);
    const echo = await flow([
      {
        id: 'echo',
        action: 'http.request',
        connection: 'erp',
        input: { url: `${h.receiver.url}/erp/echo` },
      },
    ]);
    const echoed = await runOnce(echo.catchUrl);
    expect(echoed.steps[0].output.body).toEqual({
      youSent: 'Bearer [secret:connection:erp.token]',
    });
    const outside = await flow([
      {
        id: 'leak',
        action: 'http.request',
        connection: 'erp',
        input: { url: `${h.receiver.url}/elsewhere` },
      },
    ]);
    const refused = await runOnce(outside.catchUrl);
    expect(refused.status).toBe('failed');
    expect(refused.steps[0].error).toMatch(/outside the step's connection baseUrl/);
  });

  it('an hmac http connection signs the body with its secret', async () => {
    await call('POST', '/api/v1/connections', {
      name: 'signer',
      plugin: 'http',
      fields: { baseUrl: h.receiver.url, auth: 'hmac', signingSecret: HMAC },
    });
    const { catchUrl } = await flow([
      {
        id: 'signed',
        action: 'http.request',
        connection: 'signer',
        input: { url: `${h.receiver.url}/signed`, body: { a: 1 } },
      },
    ]);
    expect((await runOnce(catchUrl)).status).toBe('succeeded');
    const expected = createHmac('sha256', HMAC).update(last().raw).digest('hex');
    expect(last().headers['x-webhook-signature']).toBe(`sha256=${expected}`);
  });

  it('redacts basic credentials a receiver echoes, plain and base64 (A4)', async () => {
    const short = await call('POST', '/api/v1/connections', {
      name: 'weak',
      plugin: 'http',
      fields: {
        baseUrl: `${h.receiver.url}/erp`,
        auth: 'basic',
        username: 'ann',
        password: 'admin',
      },
    });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body)).toMatch(/password must be at least 8 characters/);
    const created = await call('POST', '/api/v1/connections', {
      name: 'basic',
      plugin: 'http',
      fields: {
        baseUrl: `${h.receiver.url}/erp`,
        auth: 'basic',
        username: 'ann',
        password: PASSWORD,
      },
    });
    expect(created.status).toBe(201);
    const { catchUrl } = await flow([
      {
        id: 'echo',
        action: 'http.request',
        connection: 'basic',
        input: { url: `${h.receiver.url}/erp/echo` },
      },
    ]);
    const run = await runOnce(catchUrl);
    expect(last().headers.authorization).toBe(`Basic ${BASIC}`);
    expect(run.steps[0].output.body).toEqual({ youSent: 'Basic [secret:connection:basic.basic]' });
  });

  it("does not follow a redirect to another origin with an api-key connection's header (A3)", async () => {
    await call('POST', '/api/v1/connections', {
      name: 'partner',
      plugin: 'http',
      fields: {
        baseUrl: `${h.receiver.url}/erp`,
        auth: 'api-key',
        headerName: 'X-Partner',
        apiKey: PARTNER,
      },
    });
    const { catchUrl } = await flow([
      {
        id: 'hop',
        action: 'http.request',
        connection: 'partner',
        input: { url: `${h.receiver.url}/erp/redirect` },
      },
    ]);
    const run = await runOnce(catchUrl);
    expect(run.status).toBe('failed');
    expect(run.steps[0].error).toMatch(
      new RegExp(
        `answered 307, a redirect to ${other.url.replace(/\./g, '\\.')}, another origin: not followed`,
      ),
    );
    expect(last().headers['x-partner']).toBe(PARTNER);
    expect(other.requests).toEqual([]);
  });

  it('no response, log line or table holds the connection secrets in clear', async () => {
    for (const text of await h.everything()) {
      for (const secret of [BEARER, HMAC, PARTNER, PASSWORD, BASIC])
        expect(text).not.toContain(secret);
    }
  });
});
