import { apiClient } from '../support/api-client.js';
import { bootTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/boot-test-app.js';

/** Issue 18: the runs list filters by time range and by a step's error code. */
describe('GET /runs filters', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let ok: { id: string; createdAt: string; flowId: string };
  let idle: string;
  let failed: { id: string; createdAt: string; errorCode: string; flowId: string };

  const testRun = async (flowId: string) => {
    const run = await api.post(`/api/v1/flows/${flowId}/test`, { payload: { n: 1 } });
    return api.waitForRun(run.body.id);
  };
  const ids = async (query: string) =>
    ((await api.get(`/api/v1/runs?${query}`)).body.items as { id: string }[]).map((r) => r.id);

  beforeAll(async () => {
    app = await bootTestApp();
    api = apiClient(app.url!);
    const flow = (body: object) =>
      api.post('/api/v1/flows', { name: 'F', trigger: { type: 'webhook' }, ...body });
    const good = (await flow({ steps: [{ id: 'a', action: 'core.transform' }] })).body;
    const bad = (
      await flow({ steps: [{ id: 'a', action: 'core.transform', map: '$error("no customer")' }] })
    ).body;
    ok = await testRun(good.id);
    idle = (await flow({ steps: [{ id: 'a', action: 'core.transform' }] })).body.id;
    const run = await testRun(bad.id);
    failed = { ...run, errorCode: run.steps[0].errorCode };
  });
  afterAll(() => app.stop());

  it('finds the runs whose step failed with an error code, and only those', async () => {
    expect(failed.errorCode).toEqual(expect.any(String));
    expect(await ids(`errorCode=${failed.errorCode}`)).toEqual([failed.id]);
    expect(await ids('errorCode=HTTP_599')).toEqual([]);
  });

  it("names each run's flow as the run's version has it, in the list and the run", async () => {
    const rename = await api.put(`/api/v1/flows/${ok.flowId}`, {
      name: 'G',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    expect(rename.status).toBe(200);
    const listed = (await api.get(`/api/v1/runs?flowId=${ok.flowId}`)).body.items;
    expect(listed.map((r: { flowName: string }) => r.flowName)).toEqual(['F']);
    expect((await api.get(`/api/v1/runs/${ok.id}`)).body.flowName).toBe('F');
  });

  it('limits runs to a time range, since inclusive and until exclusive', async () => {
    expect(await ids(`since=${encodeURIComponent(failed.createdAt)}`)).toEqual([failed.id]);
    expect(await ids(`until=${encodeURIComponent(failed.createdAt)}`)).toEqual([ok.id]);
    const both = `since=${encodeURIComponent(ok.createdAt)}&until=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`;
    expect(await ids(both)).toEqual([failed.id, ok.id]);
  });

  it("gives each flow's last run and failure rate (the flows list's columns)", async () => {
    const { body } = await api.get('/api/v1/runs/activity');
    const byFlow = Object.fromEntries(body.items.map((i: { flowId: string }) => [i.flowId, i]));
    expect(byFlow[ok.flowId]).toEqual({
      flowId: ok.flowId,
      lastRun: { id: ok.id, status: 'succeeded', createdAt: ok.createdAt },
      runs: 1,
      failed: 0,
      failureRate: 0,
    });
    expect(byFlow[failed.flowId]).toMatchObject({ runs: 1, failed: 1, failureRate: 1 });
    expect(byFlow[idle]).toEqual({
      flowId: idle,
      lastRun: null,
      runs: 0,
      failed: 0,
      failureRate: null,
    });
    const later = new Date(Date.now() + 60_000).toISOString();
    const quiet = await api.get(`/api/v1/runs/activity?since=${encodeURIComponent(later)}`);
    const okLater = quiet.body.items.find((i: { flowId: string }) => i.flowId === ok.flowId);
    expect(okLater).toMatchObject({ lastRun: { id: ok.id }, runs: 0, failureRate: null });
  });

  it('says what to send for a malformed filter', async () => {
    const reply = await api.get('/api/v1/runs?since=yesterday&errorCode=1;DROP');
    expect(reply.status).toBe(400);
    const text = JSON.stringify(reply.body);
    expect(text).toContain('since must be a date-time, e.g. 2026-12-03T08:00:00Z');
    expect(text).toContain('errorCode must be an error code as steps report it');
  });

  // Last: it adds a run to the flow the tests above count.
  it('answers a test at once with the queued run when asked not to wait', async () => {
    const started = await api.post(`/api/v1/flows/${ok.flowId}/test`, {
      payload: { n: 2 },
      wait: false,
    });
    expect(started.status).toBe(202);
    expect(['queued', 'running']).toContain(started.body.status);
    expect((await api.waitForRun(started.body.id)).status).toBe('succeeded');
    const refused = await api.post(`/api/v1/flows/${ok.flowId}/test`, { wait: 'no' });
    expect([refused.status, refused.body.message]).toEqual([
      400,
      expect.stringContaining('wait must be true or false'),
    ]);
  });
});

describe('GET /runs and /runs/:id answer conditional requests', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    app = await bootTestApp();
    api = apiClient(app.url!);
  });
  afterAll(() => app.stop());

  it('304 while nothing changed, 200 with a new ETag once a run appears', async () => {
    const get = (path: string, etag?: string) =>
      fetch(`${app.url}${path}`, {
        headers: {
          authorization: `Bearer ${TEST_ADMIN_KEY}`,
          ...(etag ? { 'if-none-match': etag } : {}),
        },
      });
    const first = await get('/api/v1/runs');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    const same = await get('/api/v1/runs', etag);
    expect(same.status).toBe(304);
    expect(await same.text()).toBe('');
    const flow = await api.post('/api/v1/flows', {
      name: 'E',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    const run = await api.post(`/api/v1/flows/${flow.body.id}/test`, { payload: {} });
    const changed = await get('/api/v1/runs', etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const detail = await get(`/api/v1/runs/${run.body.id}`);
    const again = await get(`/api/v1/runs/${run.body.id}`, detail.headers.get('etag')!);
    expect(again.status).toBe(304);
  });
});
