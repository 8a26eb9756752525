import { classifyError, FatalError } from '../../engine/step-errors.js';
import { HttpStatusError } from '@flowhub/plugin-sdk';
import { startEgressFixtures, type EgressFixtures } from './__tests__/egress-fixtures.js';
import { closedLoopbackPort, type LoopbackServer } from './__tests__/loopback-server.js';
import { createEgressClient, type EgressClient } from './egress-client.js';

// Real requests, to 127.0.0.1 only (TEST RULE).
describe('egress client', () => {
  let fixtures: EgressFixtures;
  let server: LoopbackServer;
  let client: EgressClient;

  beforeAll(async () => {
    fixtures = await startEgressFixtures();
    ({ server } = fixtures);
    client = createEgressClient({
      allowCidrs: ['127.0.0.1/32'],
      allowHosts: [],
      maxResponseBytes: 1000,
    });
  });

  afterAll(async () => {
    client.close();
    await fixtures.close();
  });

  it('parses JSON answers and returns lower-case headers', async () => {
    const response = await client.request({ method: 'GET', url: `${server.origin}/json` });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true, items: [1, 2] });
    expect(response.headers['x-trace']).toBe('abc');
    expect(response.headers['content-type']).toBe('application/json');
  });

  it('returns other answers as text', async () => {
    const response = await client.request({ method: 'GET', url: `${server.origin}/text` });
    expect(response.body).toBe('plain text');
  });

  it('sends objects as JSON with headers and query', async () => {
    const response = await client.request({
      method: 'POST',
      url: `${server.origin}/echo?fixed=1`,
      headers: { 'X-Custom': 'yes' },
      query: { q: 'a b', n: 2, flag: true },
      body: { name: 'Ada', tags: ['x'] },
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      method: 'POST',
      url: '/echo?fixed=1&q=a+b&n=2&flag=true',
      contentType: 'application/json',
      custom: 'yes',
      body: '{"name":"Ada","tags":["x"]}',
    });
  });

  it('sends strings and Buffers as they are, keeping a given content type', async () => {
    const text = await client.request({
      method: 'PUT',
      url: `${server.origin}/echo`,
      body: 'a=1&b=2',
    });
    expect(text.body).toMatchObject({ body: 'a=1&b=2', contentType: 'text/plain; charset=utf-8' });
    const bytes = Buffer.from('{"pre":"serialised"}');
    const raw = await client.request({
      method: 'POST',
      url: `${server.origin}/echo`,
      headers: { 'Content-Type': 'application/vnd.api+json' },
      body: bytes,
    });
    expect(raw.body).toMatchObject({
      body: '{"pre":"serialised"}',
      contentType: 'application/vnd.api+json',
    });
  });

  it('throws HttpStatusError naming the call and quoting the body', async () => {
    const error = (await client
      .request({ method: 'POST', url: `${server.origin}/bad?api_key=secret`, body: {} })
      .catch((e: unknown) => e)) as HttpStatusError;
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error.status).toBe(400);
    expect(
      error.message.startsWith(
        `POST ${server.origin}/bad answered 400 Bad Request: missing field 'email' x`,
      ),
    ).toBe(true);
    expect(error.message).not.toContain('secret');
    expect(error.message.length).toBe(
      `POST ${server.origin}/bad answered 400 Bad Request: `.length + 500,
    );
    expect(error.response.status).toBe(400);
    expect(error.retryAfterMs).toBeUndefined();
    expect(classifyError(error)).toMatchObject({ retryable: false, code: 'http_400' });
  });

  it('reads Retry-After as seconds or a date, clamped to an hour', async () => {
    const busy = (await client
      .request({ method: 'GET', url: `${server.origin}/busy` })
      .catch((e: unknown) => e)) as HttpStatusError;
    expect(busy.status).toBe(503);
    expect(busy.retryAfterMs).toBe(120_000);
    expect(busy.response.body).toEqual({ error: 'busy' });
    expect(classifyError(busy)).toMatchObject({ retryable: true, retryAfterMs: 120_000 });
    const dated = (await client
      .request({ method: 'GET', url: `${server.origin}/busy-date` })
      .catch((e: unknown) => e)) as HttpStatusError;
    expect(dated.retryAfterMs).toBeGreaterThan(25_000);
    expect(dated.retryAfterMs).toBeLessThanOrEqual(30_000);
    const long = (await client
      .request({ method: 'GET', url: `${server.origin}/busy-long` })
      .catch((e: unknown) => e)) as HttpStatusError;
    expect(long.retryAfterMs).toBe(3_600_000);
  });

  it.each(['/big', '/big-chunked', '/bomb'])('refuses a body over the cap (%s)', async (path) => {
    const error = await client
      .request({ method: 'GET', url: `${server.origin}${path}` })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalError);
    expect((error as Error).message).toMatch(/over the 1000-byte egress limit/);
  });

  it.each(['gzip', 'deflate', 'deflate-raw', 'br'])('decodes a %s answer', async (as) => {
    const response = await client.request({
      method: 'GET',
      url: `${server.origin}/encoded?as=${as}`,
    });
    expect(response.body).toMatchObject({ encoded: as });
    expect(response.headers['content-encoding']).toBeUndefined();
    const head = await client.request({ method: 'HEAD', url: `${server.origin}/encoded?as=${as}` });
    expect(head.body).toBe('');
  });

  it('sends default Accept, Accept-Encoding and User-Agent unless the caller set them', async () => {
    const plain = await client.request({ method: 'GET', url: `${server.origin}/encoded?as=gzip` });
    expect((plain.body as { echo: Record<string, string> }).echo).toMatchObject({
      accept: 'application/json, text/plain, */*',
      'accept-encoding': 'gzip, deflate, br',
      'user-agent': 'Flowhub',
    });
    const own = await client.request({
      method: 'GET',
      url: `${server.origin}/encoded?as=gzip`,
      headers: { 'User-Agent': 'mine/1', Accept: 'text/csv' },
    });
    const echo = (own.body as { echo: Record<string, string> }).echo;
    expect(echo).toMatchObject({ 'user-agent': 'mine/1', accept: 'text/csv' });
  });

  it('times out with a TimeoutError (retryable)', async () => {
    const started = Date.now();
    const error = await client
      .request({ method: 'GET', url: `${server.origin}/slow`, timeoutMs: 150 })
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect((error as Error).name).toBe('TimeoutError');
    expect((error as Error).message).toBe(`GET ${server.origin}/slow timed out after 150 ms`);
    expect(classifyError(error)).toMatchObject({ retryable: true, code: 'timeout' });
  });

  it('honours the caller signal with an AbortError', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await client
      .request({ method: 'GET', url: `${server.origin}/slow`, signal: controller.signal })
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    const early = await client
      .request({ method: 'GET', url: `${server.origin}/json`, signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect((early as Error).name).toBe('AbortError');
  });

  it('reports refused connections with their code (retryable)', async () => {
    const port = await closedLoopbackPort();
    const error = await client
      .request({ method: 'GET', url: `http://127.0.0.1:${port}/` })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', name: 'EgressNetworkError' });
    expect((error as Error).message).toMatch(
      new RegExp(`^GET http://127\\.0\\.0\\.1:${port}/ failed: `),
    );
    expect(classifyError(error)).toMatchObject({ retryable: true, code: 'ECONNREFUSED' });
  });

  it('refuses to start with an allowlist entry that is not a CIDR', () => {
    expect(() =>
      createEgressClient({ allowCidrs: ['10.0.0.0/8', '10.0.0/33'], allowHosts: [] }),
    ).toThrow(/FLOWHUB_EGRESS_ALLOW_CIDRS has entries that are not CIDR ranges: 10\.0\.0\/33/);
  });
});
