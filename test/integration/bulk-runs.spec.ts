import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { startFakeZoho, zohoConnectionFields, type FakeZoho } from '../fakes/fake-zoho.js';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { BULK_THROTTLE } from '../../src/runs/bulk/bulk-runs.service.js';
import type { BulkThrottle } from '../../src/runs/bulk/bulk-throttle.js';

const RUNS = 1000;
const RESTART_RUNS = 20;
type Api = ReturnType<typeof apiClient>;
interface Job {
  id: string;
  status: string;
  total: number;
  done: number;
  failed: number;
  skipped: number;
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/**
 * Issue 19 item 4: bulk replay of 1,000 failed runs completes with progress, can be cancelled
 * halfway, and creates no duplicate side effect at the fake Zoho (a retry replay reuses the
 * Deal step; the ERP step is sent again with the original run's key).
 */
describe('bulk replay and cancel by query', () => {
  let app: TestApp;
  let zoho: FakeZoho;
  let erp: FakeReceiver;
  let erpUp = false;
  let api: Api;
  let viewer: Api;
  let operator: Api;
  let db: DataSource;
  let flowId: string;
  let throttle: BulkThrottle;
  const failedFilter = () => ({ flowId, status: 'failed' });

  const count = async (filter: Record<string, unknown>, action = 'replay') => {
    const reply = await api.post('/api/v1/runs/bulk', { action, filter, dryRun: true });
    expect(reply.status).toBe(200);
    return reply.body.count as number;
  };
  /** Polls the job, keeping every distinct progress seen, until `until` says stop. */
  const follow = async (id: string, until: (job: Job) => boolean, ms = 120_000) => {
    const seen: Job[] = [];
    const deadline = Date.now() + ms;
    for (;;) {
      const reply = await api.get(`/api/v1/runs/bulk/${id}`);
      expect(reply.status).toBe(200);
      const job = reply.body as Job;
      if (seen.at(-1)?.done !== job.done || seen.at(-1)?.status !== job.status) seen.push(job);
      if (until(job)) return { job, seen };
      if (Date.now() > deadline) throw new Error(`job still ${JSON.stringify(job)}`);
      await sleep(100);
    }
  };
  const finished = (job: Job) => ['succeeded', 'cancelled', 'failed'].includes(job.status);
  const replaysSince = async (at: string): Promise<{ replay_of: string; n: number }[]> =>
    db.query(
      `SELECT replay_of, count(*)::int AS n FROM runs
       WHERE replay_of IS NOT NULL AND created_at >= $1 GROUP BY replay_of`,
      [at],
    );

  beforeAll(async () => {
    zoho = await startFakeZoho();
    erp = await startReceiver(() =>
      erpUp ? { status: 200, body: { ok: true } } : { status: 400, body: { error: 'ERP down' } },
    );
    app = await bootTestApp({
      FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
      FLOWHUB_EGRESS_ALLOW_HOSTS: '127.0.0.1',
    });
    api = apiClient(app.url!);
    db = app.app.get(DataSource);
    throttle = app.app.get(BULK_THROTTLE);
    const keyWith = async (role: string) =>
      (await api.post('/api/v1/api-keys', { name: `k-${role}`, role })).body.key as string;
    viewer = apiClient(app.url!, await keyWith('viewer'));
    operator = apiClient(app.url!, await keyWith('operator'));
    await api.post('/api/v1/connections', {
      name: 'zoho-crm',
      plugin: 'zoho-crm',
      fields: zohoConnectionFields(zoho),
    });
    const flow = await api.post('/api/v1/flows', {
      name: 'Order -> Zoho Deal + ERP',
      trigger: { type: 'webhook', rateLimit: { perSecond: 10_000, burst: 10_000 } },
      steps: [
        {
          id: 'deal',
          action: 'zoho-crm.createDeal',
          connection: 'zoho-crm',
          input: { Stage: 'Closed Won' },
          map: "{ 'Deal_Name': 'Order #' & order, 'Amount': total }",
        },
        {
          id: 'notify-erp',
          action: 'http.request',
          input: { method: 'POST', url: `${erp.url}/hooks/deal` },
          map: "{ 'body': { 'dealId': $steps.deal.id } }",
        },
      ],
    });
    expect(flow.status).toBe(201);
    flowId = flow.body.id;
    for (let start = 0; start < RUNS; start += 50) {
      const caught = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          postToCatch(flow.body.catchUrl, JSON.stringify({ order: start + i, total: 10 })),
        ),
      );
      expect(caught.map((c) => c.status)).toEqual(Array(50).fill(202));
    }
    const deadline = Date.now() + 180_000;
    while ((await count(failedFilter())) < RUNS && Date.now() < deadline) await sleep(250);
  }, 360_000);
  afterAll(async () => {
    await app?.stop();
    await zoho?.close();
    await erp?.close();
  });

  it('answers a dry run with the count, for the operator role and above only', async () => {
    expect(await count(failedFilter())).toBe(RUNS);
    expect(zoho.crm.records.Deals).toHaveLength(RUNS);
    expect(await count({ flowId, status: 'succeeded' })).toBe(0);
    expect(await count(failedFilter(), 'cancel')).toBe(0); // finished runs cannot be cancelled
    expect(await count({ ...failedFilter(), errorCode: 'NO_SUCH_CODE' })).toBe(0);
    expect(await count({ ...failedFilter(), match: 'order=7' })).toBe(1);
    const asViewer = await viewer.post('/api/v1/runs/bulk', {
      action: 'replay',
      filter: failedFilter(),
      dryRun: true,
    });
    expect(asViewer.status).toBe(403);
    const asOperator = await operator.post('/api/v1/runs/bulk', {
      action: 'replay',
      filter: failedFilter(),
      dryRun: true,
    });
    expect(asOperator.body).toEqual({
      action: 'replay',
      count: RUNS,
      maxRuns: 100_000,
      tooMany: false,
    });
  });

  it('refuses bad requests with what to fix', async () => {
    const post = (body: unknown) => api.post('/api/v1/runs/bulk', body);
    const cases: [unknown, RegExp][] = [
      [{ action: 'delete', filter: {} }, /action must be replay or cancel/],
      [{ action: 'replay' }, /filter must be an object/],
      [{ action: 'replay', filter: { status: 'broken' } }, /filter.status must be one of/],
      [{ action: 'replay', filter: { from: 'yesterday' } }, /filter.from must be a date-time/],
      [
        { action: 'replay', filter: {}, mode: 'fresh', fromStep: 'deal' },
        /fromStep cannot be combined/,
      ],
      [{ action: 'cancel', filter: {}, mode: 'fresh' }, /only apply to action 'replay'/],
    ];
    for (const [body, message] of cases) {
      const reply = await post(body);
      expect(reply.status).toBe(400);
      expect(JSON.stringify(reply.body.message)).toMatch(message);
    }
    throttle.maxRuns = 10;
    try {
      const big = await post({ action: 'replay', filter: failedFilter() });
      expect(big.status).toBe(400);
      expect(big.body.message).toMatch(/More than 10 runs match: narrow the filter/);
      const dry = await post({ action: 'replay', filter: failedFilter(), dryRun: true });
      expect(dry.body).toMatchObject({ count: 11, tooMany: true });
    } finally {
      throttle.maxRuns = 100_000;
    }
    expect((await api.get('/api/v1/runs/bulk/00000000-0000-4000-8000-000000000000')).status).toBe(
      404,
    );
  });

  it('cancelled halfway, it stops after its batch and replayed each run it reached once', async () => {
    Object.assign(throttle, { batchSize: 50, pauseMs: 20, perSecond: 100 });
    erpUp = true;
    const started = await operator.post('/api/v1/runs/bulk', {
      action: 'replay',
      filter: failedFilter(),
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'queued', total: RUNS, done: 0 });
    const id = started.body.id as string;
    await follow(id, (job) => job.done >= 300);
    expect((await viewer.post(`/api/v1/runs/bulk/${id}/cancel`)).status).toBe(403);
    const cancel = await operator.post(`/api/v1/runs/bulk/${id}/cancel`);
    expect(cancel.status).toBe(200);
    expect(cancel.body.cancelRequested).toBe(true);
    const { job } = await follow(id, finished);
    expect(job.status).toBe('cancelled');
    expect(job.done).toBeGreaterThanOrEqual(300);
    expect(job.done).toBeLessThan(RUNS);
    expect(job.failed + job.skipped).toBe(0);
    const [reached] = await db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE outcome = 'done')::int AS done
       FROM bulk_job_runs WHERE job_id = $1`,
      [id],
    );
    expect(reached).toEqual({ n: job.done, done: job.done });
    const replays = await replaysSince(job.createdAt);
    expect(replays).toHaveLength(job.done);
    expect(replays.every((r) => r.n === 1)).toBe(true);
    expect((await operator.post(`/api/v1/runs/bulk/${id}/cancel`)).status).toBe(409);
  }, 120_000);

  it('replays 1,000 failed runs with progress, throttled, with no second Deal at Zoho', async () => {
    Object.assign(throttle, { batchSize: 50, pauseMs: 20, perSecond: 250 });
    const crmCalls = zoho.crm.requests.length;
    const started = await operator.post('/api/v1/runs/bulk', {
      action: 'replay',
      filter: failedFilter(),
    });
    expect(started.status).toBe(202);
    const { job, seen } = await follow(started.body.id, finished);
    expect(job).toMatchObject({
      status: 'succeeded',
      total: RUNS,
      done: RUNS,
      failed: 0,
      skipped: 0,
    });
    expect(seen.filter((s) => s.status === 'running').length).toBeGreaterThan(3); // progress
    const took = Date.parse(job.finishedAt!) - Date.parse(job.startedAt!);
    expect(took).toBeGreaterThanOrEqual(((RUNS - 1) * 1000) / 250 - 50);
    const replays = await replaysSince(job.createdAt);
    expect(replays).toHaveLength(RUNS);
    expect(replays.every((r) => r.n === 1)).toBe(true);
    const deadline = Date.now() + 120_000;
    while ((await count({ flowId }, 'cancel')) > 0 && Date.now() < deadline) await sleep(250);
    const [{ n }] = await db.query(
      "SELECT count(*)::int AS n FROM runs WHERE replay_of IS NOT NULL AND status = 'succeeded'",
    );
    expect(n).toBeGreaterThanOrEqual(RUNS);
    expect(zoho.crm.records.Deals).toHaveLength(RUNS);
    expect(zoho.crm.requests.length).toBe(crmCalls);
    const keys = erp.requests.map((r) => r.headers['idempotency-key'] as string);
    expect(new Set(keys).size).toBe(RUNS); // one key per original run, whoever sent it
  }, 180_000);

  it('resumes a job whose process died, without replaying twice a run it had reached', async () => {
    const [run] = await db.query(
      `SELECT r.id FROM runs r JOIN inbound_requests q ON q.id = r.request_id
       WHERE r.replay_of IS NULL AND q.body->>'order' = '5'`,
    );
    // What a process that died mid-batch leaves: the job running under an expired lease, the
    // run reached (no outcome recorded) and the replay it had already made of it.
    const [job] = await db.query(
      `INSERT INTO bulk_jobs (id, action, filter, replay, status, total, snapshot_until,
                              lease_owner, lease_until, started_at)
       VALUES (gen_random_uuid(), 'replay', $1, '{}', 'running', 1, now(), 'dead:1',
               now() + interval '1 second', now())
       RETURNING id, created_at`,
      [JSON.stringify({ flowId, status: 'failed', match: 'order=5' })],
    );
    await db.query('INSERT INTO bulk_job_runs (job_id, run_id) VALUES ($1, $2)', [job.id, run.id]);
    const made = await api.post(`/api/v1/runs/${run.id}/replay`, {});
    expect(made.status).toBe(202);
    const { job: resumed } = await follow(job.id, finished, 30_000);
    expect(resumed).toMatchObject({ status: 'succeeded', total: 1, done: 1, failed: 0 });
    const [{ n }] = await db.query(
      'SELECT count(*)::int AS n FROM runs WHERE replay_of = $1 AND created_at >= $2',
      [run.id, job.created_at],
    );
    expect(n).toBe(1);
    const [reached] = await db.query(
      'SELECT outcome, new_run_id FROM bulk_job_runs WHERE job_id = $1',
      [job.id],
    );
    expect(reached).toEqual({ outcome: 'done', new_run_id: made.body.id });
  }, 60_000);

  it('cancels the held runs of a paused flow', async () => {
    const paused = await api.post('/api/v1/flows', {
      name: 'Paused',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    expect((await api.post(`/api/v1/flows/${paused.body.id}/pause`)).status).toBe(200);
    for (let i = 0; i < 5; i += 1)
      expect((await postToCatch(paused.body.catchUrl, JSON.stringify({ i }))).status).toBe(202);
    const filter = { flowId: paused.body.id };
    expect(await count(filter, 'cancel')).toBe(5);
    expect(await count(filter, 'replay')).toBe(0); // held runs are not finished
    const started = await operator.post('/api/v1/runs/bulk', { action: 'cancel', filter });
    expect(started.status).toBe(202);
    const { job } = await follow(started.body.id, finished, 30_000);
    expect(job).toMatchObject({ status: 'succeeded', total: 5, done: 5, skipped: 0 });
    const statuses = await db.query('SELECT DISTINCT status FROM runs WHERE flow_id = $1', [
      paused.body.id,
    ]);
    expect(statuses).toEqual([{ status: 'cancelled' }]);
  }, 60_000);
});

/** A bulk job outlives its process: the next process goes on from the job's cursor. */
describe('a bulk job across a restart', () => {
  let database: TestDatabase;
  let erp: FakeReceiver;
  let erpUp = false;
  const apps: TestApp[] = [];
  const boot = async () => {
    const app = await bootTestApp({ FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32' }, { database });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    erp = await startReceiver(() =>
      erpUp ? { status: 200, body: { ok: true } } : { status: 500, body: { error: 'down' } },
    );
  });
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await database?.drop();
    await erp?.close();
  });

  it('is taken up by the next process after a shutdown, and replays each run once', async () => {
    const first = await boot();
    const api = apiClient(first.url!);
    const flow = await api.post('/api/v1/flows', {
      name: 'ERP',
      trigger: { type: 'webhook' },
      steps: [
        {
          id: 'erp',
          action: 'http.request',
          input: { method: 'POST', url: `${erp.url}/x` },
          retry: { attempts: 1 },
        },
      ],
    });
    const caught = await Promise.all(
      Array.from({ length: RESTART_RUNS }, (_, i) => postToCatch(flow.body.catchUrl, `{"i":${i}}`)),
    );
    for (const { body } of caught) expect((await api.waitForRun(body.runId)).status).toBe('failed');
    Object.assign(first.app.get<BulkThrottle>(BULK_THROTTLE), {
      batchSize: 2,
      pauseMs: 0,
      perSecond: 4,
    });
    erpUp = true;
    const filter = { flowId: flow.body.id, status: 'failed' };
    const started = await api.post('/api/v1/runs/bulk', { action: 'replay', filter });
    expect(started.status).toBe(202);
    const jobUrl = `/api/v1/runs/bulk/${started.body.id}`;
    while ((await api.get(jobUrl)).body.done < 4) await sleep(100);
    await first.close(); // stops after its batch and ends its lease

    const second = await boot();
    const bootedAt = Date.now();
    const api2 = apiClient(second.url!);
    Object.assign(second.app.get<BulkThrottle>(BULK_THROTTLE), { perSecond: 100 });
    const before = (await api2.get(jobUrl)).body;
    expect(before.status).toBe('running');
    expect(before.done).toBeLessThan(RESTART_RUNS);
    const deadline = Date.now() + 30_000;
    let job = before;
    while (job.status === 'running' && Date.now() < deadline) {
      await sleep(100);
      job = (await api2.get(jobUrl)).body;
    }
    expect(job).toMatchObject({
      status: 'succeeded',
      total: RESTART_RUNS,
      done: RESTART_RUNS,
      failed: 0,
    });
    // Taken up at once (the lease was ended at shutdown), not after it expired (30 s).
    expect(Date.now() - bootedAt).toBeLessThan(15_000);
    const replays = await second.app
      .get(DataSource)
      .query(
        'SELECT replay_of, count(*)::int AS n FROM runs WHERE replay_of IS NOT NULL GROUP BY 1',
      );
    expect(replays).toHaveLength(RESTART_RUNS);
    expect(replays.every((r: { n: number }) => r.n === 1)).toBe(true);
  }, 90_000);
});
