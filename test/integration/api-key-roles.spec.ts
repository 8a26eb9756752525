import { apiClient } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/** Issue 18: API keys have a role; the API answers 403 to what the role may not do. */
describe('API key roles', () => {
  let app: TestApp;
  let admin: ReturnType<typeof apiClient>;
  let operator: ReturnType<typeof apiClient>;
  let viewer: ReturnType<typeof apiClient>;
  let flowId: string;
  let runId: string;

  const keyWith = async (role?: string) => {
    const reply = await admin.post('/api/v1/api-keys', {
      name: `k-${role}`,
      ...(role ? { role } : {}),
    });
    expect(reply.status).toBe(201);
    return reply.body as { key: string; role: string };
  };

  beforeAll(async () => {
    app = await bootTestApp();
    admin = apiClient(app.url!);
    operator = apiClient(app.url!, (await keyWith('operator')).key);
    viewer = apiClient(app.url!, (await keyWith('viewer')).key);
    const flow = await admin.post('/api/v1/flows', {
      name: 'Roles',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    flowId = flow.body.id;
    const test = await admin.post(`/api/v1/flows/${flowId}/test`, { payload: { n: 1 } });
    runId = test.body.id;
    await admin.waitForRun(runId);
  });
  afterAll(() => app.stop());

  it('creates keys as admin unless a role is given, shows the role, refuses an unknown one', async () => {
    expect((await keyWith()).role).toBe('admin');
    const listed = (await admin.get('/api/v1/api-keys')).body.items as { role: string }[];
    expect(new Set(listed.map((k) => k.role))).toEqual(new Set(['admin', 'operator', 'viewer']));
    const bad = await admin.post('/api/v1/api-keys', { name: 'x', role: 'root' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('role must be one of viewer, operator, admin');
  });

  it('a viewer reads everything it may and is refused every write with 403', async () => {
    for (const path of [
      '/api/v1/flows',
      `/api/v1/flows/${flowId}`,
      '/api/v1/runs',
      `/api/v1/runs/${runId}`,
      '/api/v1/webhooks',
      '/api/v1/connections',
      '/api/v1/plugins',
    ]) {
      expect({ path, status: (await viewer.get(path)).status }).toEqual({ path, status: 200 });
    }
    const refused = await viewer.post(`/api/v1/runs/${runId}/replay`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(
      `This API key has role 'viewer', which may only read: POST /api/v1/runs/${runId}/replay needs role 'operator' or admin. Use such a key (an admin creates one with POST /api/v1/api-keys and a role).`,
    );
    expect((await viewer.post(`/api/v1/flows/${flowId}/pause`)).status).toBe(403);
    expect((await viewer.post('/api/v1/flows', { name: 'n' })).status).toBe(403);
    expect((await viewer.get('/api/v1/api-keys')).status).toBe(403);
  });

  it('an operator replays, cancels, pauses and activates, and may not change what flows do', async () => {
    expect((await operator.post(`/api/v1/flows/${flowId}/pause`)).status).toBe(200);
    expect((await operator.post(`/api/v1/flows/${flowId}/activate`)).status).toBe(200);
    const replay = await operator.post(`/api/v1/runs/${runId}/replay`, { mode: 'fresh' });
    expect(replay.status).toBe(202);
    const cancel = await operator.post(`/api/v1/runs/${runId}/cancel`);
    expect(cancel.status).toBe(409); // finished: allowed, and refused for what it is
    const edits = [
      operator.put(`/api/v1/flows/${flowId}`, {
        name: 'x',
        trigger: { type: 'webhook' },
        steps: [],
      }),
      operator.post(`/api/v1/flows/${flowId}/rotate-key`),
      operator.delete(`/api/v1/flows/${flowId}`),
      operator.post('/api/v1/webhooks', { url: 'https://example.com/h', events: ['run.failed'] }),
      operator.post('/api/v1/secrets', { name: 'S', value: 'v' }),
      operator.post('/api/v1/api-keys', { name: 'mine', role: 'admin' }),
      operator.get('/api/v1/api-keys'),
    ];
    expect((await Promise.all(edits)).map((r) => r.status)).toEqual(Array(edits.length).fill(403));
  });

  it('a revoked key of any role gets 401, not 403', async () => {
    const created = await admin.post('/api/v1/api-keys', { name: 'gone', role: 'viewer' });
    await admin.delete(`/api/v1/api-keys/${created.body.id}`);
    expect((await apiClient(app.url!, created.body.key).get('/api/v1/flows')).status).toBe(401);
  });
});
