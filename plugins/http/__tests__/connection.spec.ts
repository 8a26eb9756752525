import { createHmac } from 'node:crypto';
import {
  sendJson,
  startLoopbackServer,
  type LoopbackServer,
} from '../../../src/common/egress/__tests__/loopback-server.js';
import { createEgressClient, type EgressClient } from '../../../src/common/egress/egress-client.js';
import { FatalError } from '@flowhub/plugin-sdk';
import { runAction } from '../../__tests__/action-context.js';
import { isUnderBase } from '../auth.js';

// The http connection: the action attaches the credential at call time (loopback receiver).
describe('http.request with an http connection', () => {
  let receiver: LoopbackServer;
  let http: EgressClient;

  beforeAll(async () => {
    receiver = await startLoopbackServer((_request, response) => sendJson(response, 200, {}));
    http = createEgressClient({ allowCidrs: ['127.0.0.1/32'], allowHosts: [] });
  });
  afterAll(async () => {
    http.close();
    await receiver.close();
  });

  const call = (connection: Record<string, unknown>, input: Record<string, unknown> = {}) =>
    runAction(
      'http.request',
      { url: `${receiver.origin}/api/orders`, body: { id: 1 }, ...input },
      { http, connection: { baseUrl: `${receiver.origin}/api`, ...connection } },
    );
  const last = () => receiver.received[receiver.received.length - 1];

  it('sends a bearer token, replacing an Authorization header of the input', async () => {
    await call({ auth: 'bearer', token: 'tok-123' }, { headers: { authorization: 'x' } });
    expect(last().headers.authorization).toBe('Bearer tok-123');
  });

  it('sends basic credentials', async () => {
    await call({ auth: 'basic', username: 'ann', password: 'pa:ss' });
    expect(last().headers.authorization).toBe(
      `Basic ${Buffer.from('ann:pa:ss').toString('base64')}`,
    );
  });

  it('sends an API key in the named header', async () => {
    await call({ auth: 'api-key', headerName: 'X-Erp-Key', apiKey: 'k-42' });
    expect(last().headers['x-erp-key']).toBe('k-42');
  });

  it("signs the body with the connection's secret and header names", async () => {
    await call({ auth: 'hmac', signingSecret: 'hm-secret', signatureHeader: 'X-Sig' });
    const received = last();
    const expected = createHmac('sha256', 'hm-secret').update(received.body).digest('hex');
    expect(received.headers['x-sig']).toBe(`sha256=${expected}`);
    expect(received.headers['x-webhook-timestamp']).toMatch(/^\d+$/);
  });

  it('refuses a url outside the connection baseUrl before anything is sent', async () => {
    const before = receiver.received.length;
    const refused = call({ auth: 'bearer', token: 't' }, { url: `${receiver.origin}/apix` });
    await expect(refused).rejects.toThrow(FatalError);
    await expect(refused).rejects.toThrow(/outside the step's connection baseUrl/);
    expect(receiver.received.length).toBe(before);
  });

  it.each([
    ['https://erp.example/api/orders', 'https://erp.example/api', true],
    ['https://erp.example/api', 'https://erp.example/api/', false],
    ['https://erp.example/other', 'https://erp.example/', true],
    ['https://erp.example/apiary', 'https://erp.example/api', false],
    ['https://erp.example.evil/api', 'https://erp.example/api', false],
    ['http://erp.example/api', 'https://erp.example/api', false],
  ])('%s is under %s: %s', (url, base, under) => {
    expect(isUnderBase(url, base)).toBe(under);
  });
});
