import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

const NOT_FOUND = {
  statusCode: 404,
  error: 'Not Found',
  message: 'No flow at this catch URL: check the flow id and key (rotate-key issues a new URL)',
};

describe('catch URL', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let catchUrl: string;
  let flowId: string;

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_CATCH_BODY_LIMIT: '4096', FLOWHUB_ROLE: 'api' });
    api = apiClient(app.url!);
    const { body } = await api.post('/api/v1/flows', {
      name: 'Catch test',
      trigger: { type: 'webhook' },
      steps: [{ id: 'echo', action: 'core.transform' }],
    });
    ({ catchUrl, id: flowId } = body);
  });
  afterAll(() => app.stop());

  const storedTrigger = async (runId: string) =>
    (await api.get(`/api/v1/runs/${runId}`)).body.trigger;

  it('accepts JSON with 202 and stores the request with credentials redacted', async () => {
    const response = await postToCatch(`${catchUrl}?src=shop`, '{"order": 7}', 'application/json', {
      authorization: 'Bearer sender-secret',
      cookie: 'sid=1',
      'x-topic': 'orders/create',
      'x-forwarded-for': '203.0.113.9',
    });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({
      runId: expect.any(String),
      status: 'queued',
      statusUrl: `/api/v1/runs/${response.body.runId}`,
    });
    const trigger = await storedTrigger(response.body.runId);
    expect(trigger).toMatchObject({
      method: 'POST',
      body: { order: 7 },
      query: { src: 'shop' },
      size: 12,
      contentType: 'application/json',
    });
    expect(trigger.headers).toMatchObject({
      authorization: '[redacted]',
      cookie: '[redacted]',
      'x-topic': 'orders/create',
    });
    expect(trigger.sourceIp).toBe('127.0.0.1'); // X-Forwarded-For ignored: FLOWHUB_TRUST_PROXY is off
    expect(JSON.stringify(app.logs)).not.toContain(catchUrl.split('/').pop());
  });

  it('keeps form bodies as fields, text as a string, anything else as base64', async () => {
    const form = await postToCatch(catchUrl, 'a=1&b=two', 'application/x-www-form-urlencoded');
    expect((await storedTrigger(form.body.runId)).body).toEqual({ a: '1', b: 'two' });
    const text = await postToCatch(catchUrl, 'hello', 'text/plain');
    expect((await storedTrigger(text.body.runId)).body).toBe('hello');
    const raw = await postToCatch(
      catchUrl,
      Buffer.from([0, 1, 2, 255]),
      'application/octet-stream',
    );
    expect((await storedTrigger(raw.body.runId)).body).toBe(
      Buffer.from([0, 1, 2, 255]).toString('base64'),
    );
  });

  it('accepts PUT and refuses other methods with 405', async () => {
    expect(
      (
        await fetch(catchUrl, {
          method: 'PUT',
          body: '{}',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(202);
    const get = await fetch(catchUrl);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, PUT');
  });

  it('answers the same 404 for an unknown flow and a wrong key', async () => {
    const wrongKey = await postToCatch(catchUrl.replace(/[^/]+$/, 'x'.repeat(43)), '{}');
    const unknownFlow = await postToCatch(
      catchUrl.replace(flowId, '00000000-0000-4000-8000-000000000000'),
      '{}',
    );
    const notUuid = await postToCatch(catchUrl.replace(flowId, 'nope'), '{}');
    for (const response of [wrongKey, unknownFlow, notUuid]) {
      expect(response.status).toBe(404);
      expect(response.body).toEqual(NOT_FOUND);
    }
  });

  it('answers 400 for bad JSON, 413 over the size limit, 415 for multipart', async () => {
    const bad = await postToCatch(catchUrl, '{"a":', 'application/json');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('Bad Request');
    const big = await postToCatch(catchUrl, JSON.stringify({ pad: 'x'.repeat(5000) }));
    expect(big.status).toBe(413);
    const multipart = await postToCatch(
      catchUrl,
      '--b\r\n\r\nx\r\n--b--',
      'multipart/form-data; boundary=b',
    );
    expect(multipart.status).toBe(415);
    const poisoned = await postToCatch(catchUrl, '{"__proto__": {"admin": true}}');
    expect(poisoned.status).toBe(400);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    const deep = await postToCatch(catchUrl, '['.repeat(100) + ']'.repeat(100));
    expect(deep.status).toBe(400);
    expect(deep.body.message).toBe(
      'JSON body is nested deeper than 64 levels: send a flatter or smaller body',
    );
  });

  it('holds requests while the flow is paused', async () => {
    await api.post(`/api/v1/flows/${flowId}/pause`);
    const held = await postToCatch(catchUrl, '{}');
    expect(held.status).toBe(202);
    expect(held.body.status).toBe('held');
    const cancelled = await api.post(`/api/v1/runs/${held.body.runId}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await api.post(`/api/v1/runs/${held.body.runId}/cancel`)).status).toBe(409);
    await api.post(`/api/v1/flows/${flowId}/activate`);
  });

  it('answers 503 and stores nothing while Postgres refuses connections', async () => {
    const before = (await api.get(`/api/v1/runs?flowId=${flowId}&limit=100`)).body.items.length;
    const { name } = app.database;
    await app.database.admin(async (client) => {
      await client.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
      await client.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
        [name],
      );
    });
    let response;
    try {
      response = await postToCatch(catchUrl, '{"during":"outage"}');
    } finally {
      await app.database.admin((client) =>
        client.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`),
      );
    }
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.body.message).toMatch(
      /could not confirm this request was stored .*: retry later/,
    );
    let after = -1;
    for (let i = 0; i < 50 && after < 0; i += 1) {
      const list = await api.get(`/api/v1/runs?flowId=${flowId}&limit=100`);
      if (list.status === 200) after = list.body.items.length;
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(after).toBe(before);
  });

  it('pages through runs with a cursor, newest first', async () => {
    for (let i = 0; i < 3; i += 1) await postToCatch(catchUrl, JSON.stringify({ i }));
    const first = (await api.get(`/api/v1/runs?flowId=${flowId}&limit=2`)).body;
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (
      await api.get(`/api/v1/runs?flowId=${flowId}&limit=2&cursor=${first.nextCursor}`)
    ).body;
    const ids = [...first.items, ...second.items].map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Date.parse(first.items[1].createdAt)).toBeGreaterThanOrEqual(
      Date.parse(second.items[0].createdAt),
    );
    expect((await api.get('/api/v1/runs?cursor=garbage')).status).toBe(400);
    expect((await api.get('/api/v1/runs?status=weird')).status).toBe(400);
  });
});
