import pg from 'pg';
import { Reconciler } from '../../src/runs/reconciler.job.js';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

const BACKLOG = 1100; // more than two of the reconciler's pages of 500

/**
 * Runs committed in Postgres whose start jobs never reached the queue (Redis was down, or the
 * catch path left them to the reconciler): one pass enqueues all of them, page after page.
 */
describe('reconciler with a backlog of queued runs', () => {
  let app: TestApp;
  let db: pg.Client;

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_RECONCILE_INTERVAL_MS: '600000', LOG_LEVEL: 'warn' });
    db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await app?.stop();
  });

  /** A flow with one finished run, then BACKLOG queued runs of it that never got a job. */
  async function flowWithBacklog(name: string) {
    const api = apiClient(app.url!);
    const flow = await api.post('/api/v1/flows', {
      name,
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform', map: "{ 'x': x }" }],
    });
    const caught = await postToCatch(flow.body.catchUrl, '{"x": 1}');
    expect((await api.waitForRun(caught.body.runId)).status).toBe('succeeded');
    // Older than the reconciler's grace, three runs per timestamp (ties on created_at, which
    // keeps now()'s microseconds: a cursor cut to milliseconds would enqueue rows twice).
    const { rowCount } = await db.query(
      `INSERT INTO runs (id, flow_id, flow_version, status, request_id, created_at)
       SELECT gen_random_uuid(), r.flow_id, r.flow_version, 'queued', r.request_id,
              now() - interval '1 hour' + (i / 3) * interval '1 millisecond'
       FROM runs r, generate_series(1, $2) AS i WHERE r.id = $1`,
      [caught.body.runId, BACKLOG],
    );
    expect(rowCount).toBe(BACKLOG);
    return flow;
  }

  it('re-enqueues every queued run in one pass, and each runs once', async () => {
    const flow = await flowWithBacklog('Backlog');

    const report = await app.app.get(Reconciler).reconcile();
    expect(report).toMatchObject({ restartedRuns: BACKLOG, stillQueued: 0 });

    const deadline = Date.now() + 60_000;
    let counts: Record<string, number> = {};
    while (Date.now() < deadline) {
      const { rows } = await db.query(
        'SELECT status, count(*)::int AS n FROM runs WHERE flow_id = $1 GROUP BY status',
        [flow.body.id],
      );
      counts = Object.fromEntries(rows.map((row) => [row.status, row.n]));
      if (counts.succeeded === BACKLOG + 1) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(counts).toEqual({ succeeded: BACKLOG + 1 });
    const { rows: steps } = await db.query(
      `SELECT count(*)::int AS n, max(s.attempt) AS attempts FROM run_steps s
       JOIN runs r ON r.id = s.run_id WHERE r.flow_id = $1`,
      [flow.body.id],
    );
    expect(steps[0]).toEqual({ n: BACKLOG + 1, attempts: 1 });
  }, 90_000);

  it('stops after the current page once the process is shutting down', async () => {
    await flowWithBacklog('Backlog at shutdown');
    const reconciler = app.app.get(Reconciler);
    await reconciler.onApplicationShutdown();
    expect(await reconciler.reconcile()).toMatchObject({ restartedRuns: 500 });
  });
});
