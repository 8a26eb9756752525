import { Agent } from 'node:http';
import { mapLimited, sendRaw } from '../hostile/raw-http.js';
import { apiClient } from '../support/api-client.js';
import { bootTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/boot-test-app.js';
import {
  type ApiCase,
  hostileBodyCases,
  type Ids,
  issueCases,
  otherRouteCases,
} from './api-input-cases.js';
import { paramAndQueryCases } from './api-input-param-cases.js';

interface Outcome {
  name: string;
  status: number;
  message: unknown;
}

describe('API input: every bad input is a 4xx with a message, never a 5xx (issue 15.3)', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let ids: Ids;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });

  const send = async (item: ApiCase): Promise<Outcome> => {
    const headers: Record<string, string> = { authorization: `Bearer ${TEST_ADMIN_KEY}` };
    const contentType = item.contentType === undefined ? 'application/json' : item.contentType;
    if (item.body !== undefined && contentType !== null) headers['content-type'] = contentType;
    const body = item.body === undefined ? undefined : Buffer.from(item.body);
    const response = await sendRaw(
      app.url!,
      { method: item.method, path: item.path, headers, body },
      agent,
    );
    let message: unknown;
    try {
      message = (JSON.parse(response.text) as { message?: unknown }).message;
    } catch {
      message = undefined;
    }
    return { name: item.name, status: response.status, message };
  };

  /** Every case answered as expected; a mismatch names the case and what came back. */
  const expectAll = async (cases: ApiCase[]) => {
    const outcomes = await mapLimited(cases, 4, send);
    const wrong = outcomes.filter((outcome, index) => {
      const expected = cases[index];
      const statusOk = expected.status
        ? outcome.status === expected.status
        : outcome.status >= 400 && outcome.status < 500;
      const text = typeof outcome.message === 'string' ? outcome.message : '';
      return !statusOk || text === '' || (expected.message && !expected.message.test(text));
    });
    expect(wrong).toEqual([]);
    return outcomes;
  };

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_PLUGINS: './test/fixtures/plugins/vault-plugin.mjs' });
    api = apiClient(app.url!);
    const flow = await api.post('/api/v1/flows', {
      name: 'target',
      trigger: { type: 'webhook' },
      steps: [{ id: 'shape', action: 'core.transform', map: '{ "ok": true }' }],
    });
    const run = await api.post(`/api/v1/flows/${flow.body.id}/test`, { payload: { a: 1 } });
    const webhook = await api.post('/api/v1/webhooks', {
      url: 'https://example.com/hook',
      events: ['run.failed'],
    });
    const connection = await api.post('/api/v1/connections', {
      name: 'vault-main',
      plugin: 'vault',
      fields: { apiKey: 'good-0123456789', region: 'eu' },
    });
    ids = {
      flow: flow.body.id,
      run: run.body.id,
      webhook: webhook.body.id,
      connection: connection.body.id,
    };
    expect(Object.values(ids).every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
  });
  afterAll(async () => {
    agent.destroy();
    await app.stop();
  });

  it('answers the cases of the issue with a 400 that says what to fix', async () => {
    await expectAll(issueCases(ids));
    const version = await api.get(`/api/v1/flows/${ids.flow}/versions/99999999999999999999`);
    expect(version.status).toBe(400);
    expect(version.body.message).toBe(
      'version must be a whole number from 1 to 2147483647 (GET /api/v1/flows/:id/versions lists them)',
    );
    expect((await api.get(`/api/v1/flows/${ids.flow}/versions/1`)).status).toBe(200);
  });

  it('refuses every hostile body on every route that takes a body', async () => {
    const cases = hostileBodyCases(ids);
    expect(cases.length).toBeGreaterThan(200);
    await expectAll(cases);
  });

  it('refuses bad path parameters and query strings', async () => {
    await expectAll(paramAndQueryCases(ids));
  });

  it('answers hostile input on the named-secrets routes with a 4xx too', async () => {
    await expectAll(otherRouteCases());
  });

  it('still accepts what it accepted: valid bodies, 100 levels of input, no body, empty form', async () => {
    const input = JSON.parse(`{"x":${'{"a":'.repeat(95)}1${'}'.repeat(95)}}`) as unknown;
    const flow = {
      name: 'deep but allowed',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform', input }],
    };
    expect((await api.post('/api/v1/flows', flow)).status).toBe(201);
    const noBody = await send({
      name: 'pause',
      method: 'POST',
      path: `/api/v1/flows/${ids.flow}/pause`,
    });
    expect(noBody.status).toBe(200);
    const emptyForm = await send({
      name: 'activate with curl -d ""',
      method: 'POST',
      path: `/api/v1/flows/${ids.flow}/activate`,
      body: '',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(emptyForm.status).toBe(200);
    const charset = await send({
      name: 'json with charset',
      method: 'POST',
      path: '/api/v1/api-keys',
      body: '{"name":"ci"}',
      contentType: 'application/json; charset=utf-8',
    });
    expect(charset.status).toBe(201);
    expect((await api.get('/api/v1/api-keys?includeRevoked=true')).status).toBe(200);
    expect((await api.get('/api/v1/connections/vault-main')).status).toBe(200);
  });

  it('documents the ranges in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${app.url}/docs/json`)).json()) as {
      paths: Record<string, { get: { parameters: { name: string; schema: unknown }[] } }>;
    };
    const param = (path: string, name: string) =>
      doc.paths[path].get.parameters.find((p) => p.name === name)?.schema;
    expect(param('/api/v1/flows/{id}/versions/{version}', 'version')).toEqual({
      type: 'integer',
      minimum: 1,
      maximum: 2147483647,
    });
    expect(param('/api/v1/runs', 'limit')).toMatchObject({ type: 'integer', maximum: 100 });
    expect(param('/api/v1/api-keys', 'includeRevoked')).toMatchObject({ type: 'boolean' });
  });

  it('is still healthy, and logged no stack overflow', async () => {
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
    expect(app.logs.join('\n')).not.toMatch(/Maximum call stack|RangeError/);
  });
});
