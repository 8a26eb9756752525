import { createHmac } from 'node:crypto';
import { startSecretFlows, type SecretFlows } from '../support/secret-flows.js';

const BEARER = 'conn-bearer-CANARY-7c1e95';
const HMAC = 'conn-hmac-CANARY-2b8f40';

/** Issue 15 item 6: an http connection's credential, attached at call time, in no record. */
describe('http connections', () => {
  let h: SecretFlows;
  const call = (method: string, path: string, body?: unknown) => h.call(method, path, body);
  const flow = (steps: unknown[], extra?: Record<string, unknown>) => h.flow(steps, extra);
  const runOnce = (catchUrl: string) => h.runOnce(catchUrl);
  const last = () => h.last();

  beforeAll(async () => {
    // /erp/echo answers with the Authorization header it got, as some test endpoints do.
    h = await startSecretFlows((request) =>
      request.url.startsWith('/erp/echo')
        ? { status: 200, body: { youSent: request.headers.authorization } }
        : { status: 200, body: { ok: true } },
    );
  });
  afterAll(() => h.stop());

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

  it('no response, log line or table holds the connection secrets in clear', async () => {
    for (const text of await h.everything()) {
      expect(text).not.toContain(BEARER);
      expect(text).not.toContain(HMAC);
    }
  });
});
