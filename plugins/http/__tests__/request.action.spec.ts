import { createHmac } from 'node:crypto';
import {
  sendJson,
  startLoopbackServer,
  type LoopbackServer,
} from '../../../src/common/egress/__tests__/loopback-server.js';
import { createEgressClient, type EgressClient } from '../../../src/common/egress/egress-client.js';
import { EgressBlockedError, HttpStatusError } from '@flowhub/plugin-sdk';
import { registry, runAction } from '../../__tests__/action-context.js';

// A loopback receiver and a real egress client that allows only 127.0.0.1 (TEST RULE).
describe('http.request', () => {
  let receiver: LoopbackServer;
  let http: EgressClient;
  const secret = 'whsec_test_secret_for_signing';

  beforeAll(async () => {
    receiver = await startLoopbackServer((request, response) => {
      if (request.url.startsWith('/busy')) {
        sendJson(response, 503, { error: 'busy' }, { 'retry-after': '7' });
      } else if (request.url.startsWith('/text')) {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('thanks');
      } else {
        sendJson(response, 200, { ok: true }, { 'x-receiver': 'fake' });
      }
    });
    http = createEgressClient({ allowCidrs: ['127.0.0.1/32'], allowHosts: [] });
  });

  afterAll(async () => {
    http.close();
    await receiver.close();
  });

  const call = (input: Record<string, unknown>, idempotencyKey = 'run-1:notify') =>
    runAction('http.request', input, { http, idempotencyKey });
  const last = () => receiver.received[receiver.received.length - 1];

  it('POSTs the body as JSON with an Idempotency-Key and returns status, headers and body', async () => {
    const output = await call({ url: `${receiver.origin}/orders`, body: { id: 7, items: ['a'] } });
    expect(output).toEqual({
      status: 200,
      headers: expect.objectContaining({
        'x-receiver': 'fake',
        'content-type': 'application/json',
      }),
      body: { ok: true },
    });
    const received = last();
    expect(received.method).toBe('POST');
    expect(received.body.toString('utf8')).toBe('{"id":7,"items":["a"]}');
    expect(received.headers['content-type']).toBe('application/json');
    expect(received.headers['idempotency-key']).toBe('run-1:notify');
  });

  it('sends method, headers and query, and keeps an Idempotency-Key set by the flow', async () => {
    await call({
      method: 'put',
      url: `${receiver.origin}/items?fixed=1`,
      headers: { 'X-Api-Key': 'k', 'idempotency-key': 'mine' },
      query: { page: 2, all: true },
      body: 'raw text',
    });
    const received = last();
    expect(received.method).toBe('PUT');
    expect(received.url).toBe('/items?fixed=1&page=2&all=true');
    expect(received.headers['x-api-key']).toBe('k');
    expect(received.headers['idempotency-key']).toBe('mine');
    expect(received.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(received.body.toString('utf8')).toBe('raw text');
  });

  it('signs exactly the bytes sent, verifiable by the receiver', async () => {
    const before = Math.floor(Date.now() / 1000);
    await call({
      url: `${receiver.origin}/signed`,
      body: { amount: 12.5, note: 'caf\u00e9 \u2615', nested: { a: [1, { b: null }] } },
      sign: { secret },
    });
    const received = last();
    const expected = createHmac('sha256', secret).update(received.body).digest('hex');
    expect(received.headers['x-webhook-signature']).toBe(`sha256=${expected}`);
    const timestamp = Number(received.headers['x-webhook-timestamp']);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('uses the configured signature header names and signs an empty body', async () => {
    await call({
      method: 'GET',
      url: `${receiver.origin}/ping`,
      sign: { secret, header: 'X-Sig', timestampHeader: 'X-Sig-Time' },
    });
    const received = last();
    expect(received.body.length).toBe(0);
    const expected = createHmac('sha256', secret).update(Buffer.alloc(0)).digest('hex');
    expect(received.headers['x-sig']).toBe(`sha256=${expected}`);
    expect(received.headers['x-sig-time']).toMatch(/^\d{10}$/);
    expect(received.headers['x-webhook-signature']).toBeUndefined();
  });

  it('returns text answers as text', async () => {
    expect(await call({ method: 'GET', url: `${receiver.origin}/text` })).toMatchObject({
      status: 200,
      body: 'thanks',
    });
  });

  it('throws HttpStatusError for a 503, with Retry-After', async () => {
    const error = (await call({ url: `${receiver.origin}/busy`, body: {} }).catch(
      (e: unknown) => e,
    )) as HttpStatusError;
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error.status).toBe(503);
    expect(error.retryAfterMs).toBe(7_000);
    expect(error.message).toBe(
      `POST ${receiver.origin}/busy answered 503 Service Unavailable: {"error":"busy"}`,
    );
  });

  it('is refused for a destination the egress guard blocks', async () => {
    const strict = createEgressClient({ allowCidrs: [], allowHosts: [] });
    const before = receiver.received.length;
    await expect(
      runAction('http.request', { url: `${receiver.origin}/x` }, { http: strict }),
    ).rejects.toThrow(EgressBlockedError);
    strict.close();
    expect(receiver.received.length).toBe(before);
  });

  it('declares side effects and a default retry policy', () => {
    expect(registry.getAction('http.request')?.action).toMatchObject({
      sideEffects: true,
      retry: { attempts: 5, backoff: 'exponential', delayMs: 1000 },
    });
  });

  it('fills defaults and validates the input with paths', async () => {
    const ok = await registry.validateInput('http.request', { url: 'https://example.com/hook' });
    expect(ok).toEqual({
      ok: true,
      value: expect.objectContaining({ method: 'POST', timeoutMs: 30_000 }),
    });
    const bad = await registry.validateInput('http.request', {
      method: 'TRACE',
      url: 'ftp://example.com',
      headers: { 'Bad Name': 'x' },
      query: { list: [1] },
      timeoutMs: 500_000,
      sign: { secret: '', header: 'with space' },
      extra: 1,
    });
    expect(bad.ok).toBe(false);
    const paths = !bad.ok ? bad.problems.map((p) => p.path) : [];
    expect(paths).toEqual(
      expect.arrayContaining([
        'method',
        'url',
        'headers',
        'query',
        'timeoutMs',
        'sign.secret',
        'sign.header',
        'extra',
      ]),
    );
    const get = await registry.validateInput('http.request', {
      method: 'GET',
      url: 'https://example.com',
      body: { a: 1 },
    });
    expect(get).toEqual({
      ok: false,
      problems: [
        { path: 'body', message: 'body cannot be sent with GET or HEAD: remove it or use POST' },
      ],
    });
    const length = await registry.validateInput('http.request', {
      url: 'https://example.com',
      headers: { 'Content-Length': '3' },
    });
    expect(length).toEqual({
      ok: false,
      problems: [
        { path: 'headers', message: 'headers cannot set Content-Length: Flowhub sets it' },
      ],
    });
  });
});
