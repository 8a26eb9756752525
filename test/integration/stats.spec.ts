import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { durationBucket, bucketUpperMs } from '../../src/stats/duration-histogram.js';
import { DuplicateCounter } from '../../src/stats/duplicate-counter.service.js';
import { StatsService } from '../../src/stats/stats.service.js';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

const SECRET = 'stats-spec-github-secret';
const sign = (body: string) => ({
  'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
});
const FINISHED = ['succeeded', 'failed', 'filtered', 'cancelled'];
const WINDOW_MS = {
  '1h': [60_000, 60],
  '24h': [3_600_000, 24],
  '7d': [21_600_000, 28],
  '30d': [86_400_000, 30],
} as const;

interface Finished {
  status: string;
  finished_at: Date;
  ms: number | null;
}

/** Nearest-rank percentile of the durations themselves, reported as their bucket's upper edge. */
function percentile(durations: number[], p: number): number | null {
  if (durations.length === 0) return null;
  const sorted = [...durations].sort((a, b) => a - b);
  return bucketUpperMs(durationBucket(sorted[Math.ceil(p * sorted.length) - 1]));
}

/** Issue 19 item 1: a known mix, and every number GET /stats and /flows/:id/stats answer. */
describe('stats', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let db: DataSource;
  let flowId: string;
  let otherId: string;
  let errorCode: string;
  let url: string;

  const local = (catchUrl: string) => catchUrl.replace(/^https?:\/\/[^/]+/, app.url!);
  const deliver = (id: string, fail: boolean) => {
    const body = JSON.stringify({ fail, id });
    return postToCatch(url, body, 'application/json', { ...sign(body), 'x-id': id });
  };
  const finished = async (flow: string | null): Promise<Finished[]> =>
    db.query(
      `SELECT status, finished_at, CASE WHEN status IN ('succeeded', 'failed') THEN
              1000 * extract(epoch FROM finished_at - started_at) END::float8 AS ms
       FROM runs WHERE finished_at IS NOT NULL AND ($1::uuid IS NULL OR flow_id = $1)`,
      [flow],
    );

  /** What the stats must say, computed from the rows themselves. */
  const expected = (
    window: keyof typeof WINDOW_MS,
    from: string,
    runs: Finished[],
    counts: {
      accepted: number;
      duplicates: number;
      rejected: Record<string, number>;
      failedSteps: number;
    },
  ) => {
    const [bucketMs, buckets] = WINDOW_MS[window];
    const series = Array.from({ length: buckets }, (_, i) => ({
      at: new Date(Date.parse(from) + i * bucketMs).toISOString(),
      ...Object.fromEntries(FINISHED.map((s) => [s, 0])),
    })) as Record<string, number | string>[];
    for (const run of runs) {
      const i = Math.floor((run.finished_at.getTime() - Date.parse(from)) / bucketMs);
      series[i][run.status] = (series[i][run.status] as number) + 1;
    }
    const durations = runs.flatMap((r) => (r.ms === null ? [] : [r.ms]));
    const rejected = Object.values(counts.rejected).reduce((a, b) => a + b, 0);
    return {
      window,
      from,
      bucketSeconds: bucketMs / 1000,
      requests: {
        received: counts.accepted + rejected + counts.duplicates,
        accepted: counts.accepted,
        rejected,
        duplicates: counts.duplicates,
      },
      rejectedByReason: counts.rejected,
      runs: Object.fromEntries(FINISHED.map((s) => [s, runs.filter((r) => r.status === s).length])),
      openRuns: { queued: 0, running: 0, held: 0 },
      // Checked by test/integration/retention.spec.ts.
      storage: expect.any(Object),
      failedSteps: counts.failedSteps
        ? [{ action: 'core.transform', errorCode, count: counts.failedSteps }]
        : [],
      durationMs: {
        count: durations.length,
        p50: percentile(durations, 0.5),
        p95: percentile(durations, 0.95),
        p99: percentile(durations, 0.99),
      },
      series,
    };
  };

  const REJECTED = { 'bad-signature': 3, 'body-too-large': 1, 'missing-header': 2 };

  /** Checks every window of one flow (or all) against the rows. */
  const checkAll = async (accepted: { flow: number; all: number }) => {
    for (const window of Object.keys(WINDOW_MS) as (keyof typeof WINDOW_MS)[]) {
      const one = await api.get(`/api/v1/flows/${flowId}/stats?window=${window}`);
      expect(one.status).toBe(200);
      const flowRuns = await finished(flowId);
      expect(one.body).toEqual({
        ...expected(window, one.body.from, flowRuns, {
          accepted: accepted.flow,
          duplicates: 2,
          rejected: REJECTED,
          failedSteps: 2,
        }),
        flowId,
        to: expect.any(String),
        rolledUpTo: expect.any(String),
      });
      const all = await api.get(`/api/v1/stats?window=${window}`);
      expect(all.body).toEqual({
        ...expected(window, all.body.from, await finished(null), {
          accepted: accepted.all,
          duplicates: 2,
          rejected: REJECTED,
          failedSteps: 2,
        }),
        flowId: null,
        to: expect.any(String),
        rolledUpTo: expect.any(String),
      });
    }
  };

  beforeAll(async () => {
    app = await bootTestApp();
    api = apiClient(app.url!);
    db = app.app.get(DataSource);
    const flow = await api.post('/api/v1/flows', {
      name: 'Orders',
      trigger: {
        type: 'webhook',
        dedupe: "$trigger.headers.'x-id'",
        verify: { preset: 'github', secret: SECRET },
        maxBodyBytes: 2000,
      },
      steps: [
        { id: 'a', action: 'core.transform', map: "$trigger.body.fail ? $error('boom') : {}" },
      ],
    });
    flowId = flow.body.id;
    url = local(flow.body.catchUrl);
    const other = await api.post('/api/v1/flows', {
      name: 'Other',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    otherId = other.body.id;
    const runIds: string[] = [];
    for (const [id, fail] of [
      ['a', false],
      ['b', false],
      ['c', false],
      ['d', true],
      ['e', true],
    ] as const) {
      const caught = await deliver(id, fail);
      expect(caught.status).toBe(202);
      runIds.push(caught.body.runId);
    }
    expect((await postToCatch(local(other.body.catchUrl), '{}')).status).toBe(202);
    for (const id of ['a', 'b']) expect((await deliver(id, false)).body.duplicate).toBe(true);
    for (let i = 0; i < 3; i += 1)
      expect(
        (await postToCatch(url, '{}', 'application/json', { 'x-hub-signature-256': 'sha256=00' }))
          .status,
      ).toBe(401);
    for (let i = 0; i < 2; i += 1) expect((await postToCatch(url, '{}')).status).toBe(400);
    expect(
      (await postToCatch(url, JSON.stringify({ pad: 'x'.repeat(3000) }), 'application/json'))
        .status,
    ).toBe(413);
    for (const id of runIds) await api.waitForRun(id);
    const failed = await api.waitForRun(runIds[3]);
    errorCode = failed.steps[0].errorCode;
    await db.query('SELECT 1');
    // The rejection counter flushes when its totals are read.
    expect((await api.get(`/api/v1/flows/${flowId}/rejections`)).body.total).toBe(6);
    await waitForOtherRun(api, otherId);
  });
  afterAll(() => app.stop());

  it('counts the known mix in every window, before any rollup (all of it in the tail)', async () => {
    expect(errorCode).toEqual(expect.any(String));
    await checkAll({ flow: 5, all: 6 });
  });

  it('counts the same once rolled up, however often the rollup runs', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5_500)); // past the rollup's lag
    const rolled = await api.post('/api/v1/stats/rollup');
    expect(rolled).toMatchObject({ status: 200, body: { rolled: true } });
    await api.post('/api/v1/stats/rollup');
    const [{ events }] = await db.query('SELECT count(*)::int AS events FROM stats_run_events');
    expect(events).toBe(0);
    const [{ newest }] = await db.query('SELECT max(created_at) AS newest FROM runs');
    expect(Date.parse(rolled.body.rolledUpTo)).toBeGreaterThan(newest.getTime());
    await checkAll({ flow: 5, all: 6 });
  });

  it('counts once when two processes roll up at the same moment', async () => {
    const second = await bootTestApp({}, { database: app.database });
    try {
      const caught = await deliver('f', false);
      await api.waitForRun(caught.body.runId);
      await new Promise((resolve) => setTimeout(resolve, 5_500));
      const both = await Promise.all([
        app.app.get(StatsService).rollup(),
        second.app.get(StatsService).rollup(),
        app.app.get(StatsService).rollup(),
      ]);
      expect(both).toContain(true);
      await checkAll({ flow: 6, all: 7 });
    } finally {
      await second.close();
    }
  });

  it('lets a viewer read stats, not roll them up; says what to send for a bad window', async () => {
    const key = (await api.post('/api/v1/api-keys', { name: 'v', role: 'viewer' })).body.key;
    const viewer = apiClient(app.url!, key);
    expect((await viewer.get('/api/v1/stats')).status).toBe(200);
    expect((await viewer.get(`/api/v1/flows/${flowId}/stats?window=7d`)).status).toBe(200);
    expect((await viewer.post('/api/v1/stats/rollup')).status).toBe(403);
    const bad = await api.get('/api/v1/stats?window=2h');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('window must be one of 1h, 24h, 7d, 30d');
    const missing = await api.get('/api/v1/flows/00000000-0000-4000-8000-000000000000/stats');
    expect(missing.status).toBe(404);
  });

  it('adds the duplicates the counter saw to their flow and minute', async () => {
    app.app.get(DuplicateCounter).count(otherId);
    app.app.get(DuplicateCounter).count(otherId);
    const stats = await api.get(`/api/v1/flows/${otherId}/stats?window=1h`);
    expect(stats.body.requests).toEqual({ received: 3, accepted: 1, rejected: 0, duplicates: 2 });
    expect((await api.get('/api/v1/stats?window=30d')).body.requests.duplicates).toBe(4);
  });
});

async function waitForOtherRun(api: ReturnType<typeof apiClient>, flowId: string) {
  for (let i = 0; i < 200; i += 1) {
    const { body } = await api.get(`/api/v1/runs?flowId=${flowId}`);
    if (body.items[0] && FINISHED.includes(body.items[0].status)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the other flow did not run');
}
