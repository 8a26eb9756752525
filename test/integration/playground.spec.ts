import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/** Issue 18: past requests of a flow, and one expression evaluated against them as runs would. */
describe('mapping playground', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let flowId: string;
  let requestIds: string[];

  beforeAll(async () => {
    app = await bootTestApp();
    api = apiClient(app.url!);
    const flow = await api.post('/api/v1/flows', {
      name: 'Playground',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    flowId = flow.body.id;
    for (const n of [1, 2, 3]) {
      const caught = await postToCatch(
        flow.body.catchUrl,
        JSON.stringify({ order: { n } }),
        'application/json',
        { authorization: 'Bearer secret-of-the-sender' },
      );
      expect(caught.status).toBe(202);
    }
    requestIds = (await api.get(`/api/v1/flows/${flowId}/requests`)).body.items.map(
      (r: { id: string }) => r.id,
    );
  });
  afterAll(() => app.stop());

  it('lists the flow’s stored requests newest first, credentials redacted, in pages', async () => {
    const first = await api.get(`/api/v1/flows/${flowId}/requests?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((r: { body: { order: { n: number } } }) => r.body.order.n)).toEqual(
      [3, 2],
    );
    expect(first.body.items[0].headers.authorization).toBe('[redacted]');
    const second = await api.get(
      `/api/v1/flows/${flowId}/requests?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body).toMatchObject({ items: [{ body: { order: { n: 1 } } }], nextCursor: null });
  });

  it('evaluates against a past request and earlier outputs, with $secrets as marks', async () => {
    const reply = await api.post(`/api/v1/flows/${flowId}/evaluate`, {
      expression:
        '{ "n": $trigger.body.order.n * 10, "prev": $steps.a.id, "key": $secrets.ERP_KEY, "flow": $run.flowId }',
      requestId: requestIds[0],
      steps: { a: { id: 'deal-7' } },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      matched: true,
      result: { n: 30, prev: 'deal-7', key: '[secret:ERP_KEY]', flow: flowId },
      error: null,
    });
  });

  it('says why an expression fails, with the guardrails of a run', async () => {
    const syntax = await api.post(`/api/v1/flows/${flowId}/evaluate`, {
      expression: '{ "a": ',
      payload: {},
    });
    expect(syntax.status).toBe(200);
    expect(syntax.body).toMatchObject({
      matched: false,
      result: null,
      error: expect.stringContaining('expression'),
    });
    const runaway = await api.post(`/api/v1/flows/${flowId}/evaluate`, {
      expression: '($f := function($n) { $f($n + 1) }; $f(0))',
      payload: {},
    });
    expect(runaway.body.error).toEqual(expect.any(String));
    const nothing = await api.post(`/api/v1/flows/${flowId}/evaluate`, {
      expression: '$trigger.body.missing',
      payload: { x: 1 },
    });
    expect(nothing.body).toEqual({ matched: false, result: null, error: null });
  });

  it('refuses a request of another flow, and lets a viewer evaluate and list requests', async () => {
    const other = await api.post('/api/v1/flows', {
      name: 'Other',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    const foreign = await api.post(`/api/v1/flows/${other.body.id}/evaluate`, {
      expression: '1',
      requestId: requestIds[0],
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).toContain(
      `GET /api/v1/flows/${other.body.id}/requests lists them`,
    );
    const key = (await api.post('/api/v1/api-keys', { name: 'v', role: 'viewer' })).body.key;
    const viewer = apiClient(app.url!, key);
    expect(
      (await viewer.post(`/api/v1/flows/${flowId}/evaluate`, { expression: '1 + 1' })).body.result,
    ).toBe(2);
    expect((await viewer.get(`/api/v1/flows/${flowId}/requests`)).status).toBe(200);
  });
});
