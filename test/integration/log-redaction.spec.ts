import { createHmac } from 'node:crypto';
import { connect } from 'node:net';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

const TOKEN = 'st-canary-0123456789-secret-value';
const HMAC_SECRET = 'hmac-canary-secret-abcdef';

/** One raw HTTP/1.1 request, exactly as written (paths fetch would normalise stay as they are). */
function rawRequest(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      // write, not end: a half-closed request is aborted by Node before a slow route answers
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          'Content-Length: 2\r\nConnection: close\r\n\r\n{}',
      );
    });
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('no secret in any log line (issue 15 #4, #7)', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_ROLE: 'api' });
    api = apiClient(app.url!);
  });
  afterAll(() => app.stop());

  const createFlow = async (
    verify: Record<string, unknown>,
    secret: string,
    trigger: Record<string, unknown> = {},
  ) => {
    const reply = await api.post('/api/v1/flows', {
      name: 'Logged',
      trigger: { type: 'webhook', ...trigger, verify: { ...verify, secret } },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    expect(reply.status).toBe(201);
    return reply.body as { id: string; catchUrl: string };
  };

  const localUrl = (catchUrl: string) => app.url! + new URL(catchUrl).pathname;
  const post = async (catchUrl: string, headers: Record<string, string>, body = '{}') =>
    (await postToCatch(localUrl(catchUrl), body, 'application/json', headers)).status;

  it('redacts the headers a static-token preset reads, on accepted and refused requests', async () => {
    const before = app.logs.length;
    const custom = { preset: 'static-token', header: 'X-Deliver-Pass' };
    const open = await createFlow(custom, TOKEN);
    const fenced = await createFlow(custom, TOKEN, { allowIps: ['10.0.0.0/8'] });
    const small = await createFlow(custom, TOKEN, { maxBodyBytes: 2 });
    const slow = await createFlow(custom, TOKEN, { rateLimit: { perSecond: 1, burst: 1 } });
    const standard = await createFlow({ preset: 'static-token' }, TOKEN);
    const pass = { 'x-deliver-pass': TOKEN };
    expect(await post(open.catchUrl, pass)).toBe(202);
    expect(await post(open.catchUrl, { 'x-deliver-pass': `${TOKEN}-guess` })).toBe(401);
    expect(await post(fenced.catchUrl, pass)).toBe(403);
    expect(await post(small.catchUrl, pass, '{"a":1}')).toBe(413);
    // over FLOWHUB_CATCH_BODY_LIMIT: refused by the body parser, before the flow is known
    expect(await post(open.catchUrl, pass, `"${'x'.repeat(1_100_000)}"`)).toBe(413);
    const statuses = [await post(slow.catchUrl, pass), await post(slow.catchUrl, pass)];
    expect(statuses).toEqual([202, 429]);
    expect(await post(standard.catchUrl, { 'x-webhook-secret': TOKEN })).toBe(202);
    expect(await post(standard.catchUrl, { 'x-webhook-secret': 'wrong' })).toBe(401);
    const logged = app.logs.slice(before);
    expect(logged.filter((line) => line.includes('request completed')).length).toBeGreaterThan(8);
    expect(logged.join('\n')).not.toContain(TOKEN);
    expect(logged.join('\n')).toContain('"x-deliver-pass":"[redacted]"');
  });

  it('redacts hmac signature headers of any name and the fixed credential headers', async () => {
    const before = app.logs.length;
    const flow = await createFlow(
      { preset: 'hmac', header: 'X-Payload-Mac', algorithm: 'sha256', encoding: 'hex' },
      HMAC_SECRET,
    );
    const mac = createHmac('sha256', HMAC_SECRET).update('{}').digest('hex');
    expect(await post(flow.catchUrl, { 'x-payload-mac': mac, cookie: 'sid=cookie-canary' })).toBe(
      202,
    );
    const other = { 'x-partner-key': 'pk-canary', 'x-custom-token': 'tk-canary' };
    expect(await post(flow.catchUrl, { 'x-payload-mac': 'ab', ...other })).toBe(401);
    const logged = app.logs.slice(before).join('\n');
    for (const canary of [mac, HMAC_SECRET, 'cookie-canary', 'pk-canary', 'tk-canary']) {
      expect(logged).not.toContain(canary);
    }
  });

  it('redacts catch keys in mis-cased, doubled-slash and encoded paths', async () => {
    const flow = await createFlow({ preset: 'static-token' }, TOKEN);
    const key = flow.catchUrl.split('/').at(-1)!;
    const port = Number(new URL(app.url!).port);
    const paths = [
      `/Webhook/catch/${flow.id}/${key}`,
      `//webhook/catch/${flow.id}/${key}`,
      `/WEBHOOK/CATCH/${flow.id}/${key}`,
      `/webhook//catch/${flow.id}/${key}`,
      `/webhook/catch//${flow.id}/${key}`,
      `/webhook%2Fcatch%2F${flow.id}%2F${key}`,
      `/webhook/catch/${flow.id}%2F${key}`,
      `/%77ebhook/catch/${flow.id}/${key}`,
      `/webhook/catch/${flow.id}/${key}/extra`,
      `/api/v1/../webhook/catch/${flow.id}/${key}`,
    ];
    const before = app.logs.length;
    for (const path of paths) {
      const response = await rawRequest(port, path);
      expect(`${path} ${response}`).toMatch(/^\S+ HTTP\/1\.1 [45]\d\d /);
      expect(response).not.toContain(key);
    }
    const logged = app.logs.slice(before).join('\n');
    expect(logged).toContain('[redacted]');
    expect(logged).not.toContain(key);
  });
});
