import { DomainEvents } from '../../src/events/domain-events.service.js';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/** Issue 19: the runs of an issue, listed (GET /runs?issueId=) and acted on in bulk. */
describe('runs of an issue', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let issueId: string;
  const failed: string[] = [];

  beforeAll(async () => {
    app = await bootTestApp();
    api = apiClient(app.url!);
    const flow = await api.post('/api/v1/flows', {
      name: 'Orders',
      trigger: { type: 'webhook' },
      steps: [{ id: 'check', action: 'core.transform', map: 'ok ? { "ok": true } : $error("no")' }],
    });
    for (const ok of [false, true, false, false]) {
      const caught = await postToCatch(flow.body.catchUrl, JSON.stringify({ ok }));
      const run = await api.waitForRun(caught.body.runId);
      if (run.status === 'failed') failed.unshift(run.id);
      await app.app.get(DomainEvents).settled();
    }
    const issues = (await api.get(`/api/v1/issues?flowId=${flow.body.id}`)).body.items;
    expect(issues).toHaveLength(1);
    issueId = issues[0].id;
  });
  afterAll(() => app.stop());

  it('lists the runs that failed as the issue, newest first, and no other', async () => {
    const runs = (await api.get(`/api/v1/runs?issueId=${issueId}`)).body.items;
    expect(runs.map((r: { id: string }) => r.id)).toEqual(failed);
    const none = await api.get('/api/v1/runs?issueId=00000000-0000-4000-8000-000000000000');
    expect(none.body.items).toEqual([]);
    const bad = await api.get('/api/v1/runs?issueId=x');
    expect([bad.status, bad.body.message]).toEqual([
      400,
      expect.stringContaining('issueId must be an issue id'),
    ]);
  });

  it('counts them for a bulk replay', async () => {
    const dry = await api.post('/api/v1/runs/bulk', {
      action: 'replay',
      filter: { issueId },
      dryRun: true,
    });
    expect(dry.status).toBe(200);
    expect(dry.body.count).toBe(3);
  });
});
