import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Run = Record<string, any>;

/** Issue 21 item 3: a schedule trigger in one process (the multi-process case: test/services). */
describe('schedule triggers', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let slow: FakeReceiver;

  beforeAll(async () => {
    slow = await startReceiver(() => ({ status: 200, body: { ok: true }, delayMs: 2_200 }));
    app = await bootTestApp({ FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32' });
    api = apiClient(app.url!);
  });
  afterAll(async () => {
    await app.stop();
    await slow.close();
  });

  const create = async (trigger: Record<string, unknown>) => {
    const created = await api.post('/api/v1/flows', {
      name: 'Every second',
      trigger: { type: 'schedule', ...trigger },
      steps: [{ id: 'tick', action: 'core.transform', map: '{"at": $trigger.scheduledAt}' }],
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; catchUrl: string };
  };
  const runsOf = async (flowId: string): Promise<Run[]> => {
    const page = await api.get(`/api/v1/runs?flowId=${flowId}&limit=100`);
    expect(page.status).toBe(200);
    return page.body.items as Run[];
  };
  const finished = (runs: Run[]) => Promise.all(runs.map((run) => api.waitForRun(run.id)));

  it('runs once per tick on the grid, with $trigger.scheduledAt, and stops while paused', async () => {
    const flow = await create({ every: '1s' });
    const schedule = await api.get(`/api/v1/flows/${flow.id}/schedule`);
    expect(schedule.status).toBe(200);
    expect(schedule.body).toMatchObject({ every: '1s', overlap: 'skip', active: true });
    const firstDue = Date.parse(schedule.body.nextDueAt);
    expect(firstDue - Date.now()).toBeLessThanOrEqual(1000);

    await sleep(firstDue - Date.now() + 3_400);
    const runs = await finished(await runsOf(flow.id));
    const ticks = runs.map((run) => run.steps[0].output.at as string).sort();
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ticks).size).toBe(ticks.length);
    ticks.forEach((tick, i) => expect(Date.parse(tick) - firstDue).toBe(i * 1000));
    expect(runs[0].trigger).toMatchObject({ method: 'SCHEDULE', body: { missedTicks: 0 } });

    expect((await api.post(`/api/v1/flows/${flow.id}/pause`)).status).toBe(200);
    await sleep(300); // a pass already in its transaction finishes
    const paused = (await runsOf(flow.id)).length;
    await sleep(2_200);
    expect((await runsOf(flow.id)).length).toBe(paused);
    const stopped = await api.get(`/api/v1/flows/${flow.id}/schedule`);
    expect(stopped.body).toMatchObject({ active: false, nextDueAt: null });

    const activatedAt = Date.now();
    expect((await api.post(`/api/v1/flows/${flow.id}/activate`)).status).toBe(200);
    await sleep(1_600);
    const resumed = (await runsOf(flow.id)).slice(0, -paused);
    // No burst for the ticks of the pause: one or two new runs, all of ticks after activation.
    expect(resumed.length).toBeGreaterThanOrEqual(1);
    expect(resumed.length).toBeLessThanOrEqual(2);
    for (const run of await finished(resumed))
      expect(Date.parse(run.steps[0].output.at)).toBeGreaterThan(activatedAt);
  });

  it('skips the ticks of an unfinished run, or runs the newest one after it (overlap)', async () => {
    const slowFlow = (overlap: string) =>
      api.post('/api/v1/flows', {
        name: `Slow, overlap ${overlap}`,
        trigger: { type: 'schedule', every: '1s', overlap },
        steps: [{ id: 'call', action: 'http.request', input: { url: `${slow.url}/slow` } }],
      });
    const [skip, queue] = (await Promise.all([slowFlow('skip'), slowFlow('queue')])).map(
      (created) => created.body.id as string,
    );
    await sleep(3_300);
    const waiting = await api.get(`/api/v1/flows/${queue}/schedule`);
    expect(waiting.body.queuedTickAt).not.toBeNull();
    await sleep(3_000);
    await Promise.all([skip, queue].map((id) => api.post(`/api/v1/flows/${id}/pause`)));
    const runs = await Promise.all([skip, queue].map(runsOf));
    const [skipped, queued] = await Promise.all(
      [skip, queue].map((id) => api.get(`/api/v1/flows/${id}/schedule`)),
    );
    // About 6 s of ticks, each run 2.2 s: skip runs every third tick, queue back to back.
    expect(runs[0].length).toBeGreaterThanOrEqual(2);
    expect(runs[0].length).toBeLessThanOrEqual(3);
    expect(skipped.body.skippedTicks).toBeGreaterThanOrEqual(3);
    expect(runs[1].length).toBeGreaterThanOrEqual(2);
    const inOrder = (await finished(runs[1])).sort(
      (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt),
    );
    // A queued run starts after the one before it has finished, for the tick it waited for.
    inOrder.slice(1).forEach((run, i) => {
      expect(Date.parse(run.createdAt)).toBeGreaterThanOrEqual(Date.parse(inOrder[i].finishedAt));
      expect(Date.parse(run.trigger.body.scheduledAt)).toBeLessThan(Date.parse(run.createdAt));
    });
    expect(queued.body.skippedTicks).toBeGreaterThanOrEqual(1);
  });

  it('after downtime runs nothing for the missed ticks, or one run for the latest (catchUp)', async () => {
    const db = app.app.get(DataSource);
    const flows = await Promise.all([
      create({ every: '1h' }),
      create({ every: '1h', catchUp: 'last' }),
    ]);
    const ids = flows.map((flow) => flow.id);
    await Promise.all(ids.map((id) => api.get(`/api/v1/flows/${id}/schedule`)));
    // As if Flowhub had been down for five and a half hours (ticks 4.5 h to 0.5 h ago) since the ticks were scheduled.
    const rows: unknown[] = await db.query(
      `UPDATE flow_schedules SET anchor_at = anchor_at - interval '330 minutes',
         next_due_at = next_due_at - interval '330 minutes'
       WHERE flow_id = ANY($1) RETURNING next_due_at`,
      [ids],
    );
    // An UPDATE answers [rows, count].
    expect(rows[0]).toHaveLength(2);
    await sleep(1_500);
    const [none, last] = await Promise.all(ids.map(runsOf));
    expect(none).toHaveLength(0);
    expect(last).toHaveLength(1);
    const [noneSchedule, lastSchedule] = await Promise.all(
      ids.map((id) => api.get(`/api/v1/flows/${id}/schedule`)),
    );
    expect(noneSchedule.body.missedTicks).toBe(5);
    expect(lastSchedule.body.missedTicks).toBe(4);
    const run = await api.waitForRun(last[0].id);
    expect(run.trigger.body.missedTicks).toBe(4);
    expect(Date.parse(run.trigger.body.scheduledAt)).toBe(
      Date.parse(lastSchedule.body.nextDueAt) - 3_600_000,
    );
  });

  it('has no catch URL, and says why', async () => {
    const flow = await create({ every: '1h' });
    const caught = await postToCatch(flow.catchUrl, '{}');
    expect(caught.status).toBe(404);
    expect(caught.body.message).toMatch(
      /started by its schedule.*POST \/api\/v1\/flows\/:id\/test/,
    );
  });

  it('refuses a schedule it cannot keep, saying what to write', async () => {
    const refused = await api.post('/api/v1/flows', {
      name: 'Bad',
      trigger: { type: 'schedule', cron: '61 * * * *', allowIps: ['10.0.0.1'] },
      steps: [{ id: 'a', action: 'core.transform', map: '{}' }],
    });
    expect(refused.status).toBe(400);
    const paths = (refused.body.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(['trigger.allowIps', 'trigger.cron']);
    const webhook = await api.post('/api/v1/flows', {
      name: 'Webhook',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform', map: '{}' }],
    });
    const none = await api.get(`/api/v1/flows/${webhook.body.id}/schedule`);
    expect(none.status).toBe(404);
    expect(none.body.message).toMatch(/its trigger type is webhook/);
  });
});
