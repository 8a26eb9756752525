import pg from 'pg';
import { Reconciler } from '../../src/runs/reconciler.job.js';
import { RunExecutor } from '../../src/runs/run-executor.service.js';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.js';

/**
 * The two states scenario 1 reached by chance, set up exactly (a worker killed at the wrong
 * moment): the reconciler must re-drive the first, and must not run a later step in the second.
 */
describe('reconciler gaps found by the chaos suite', () => {
  let postgres: PrivatePostgres;
  let app: TestApp;
  let catchUrl: string;
  let api: ReturnType<typeof apiClient>;
  const sql = (text: string, params: unknown[] = []) => postgres.query(text, params);

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    const url = new URL(postgres.url);
    app = await bootTestApp(
      { FLOWHUB_RECONCILE_INTERVAL_MS: '600000', LOG_LEVEL: 'warn', REDIS_URL: undefined },
      {
        database: {
          name: url.pathname.slice(1),
          url: postgres.url,
          admin: async (work) => {
            const client = new pg.Client({ connectionString: postgres.url });
            await client.connect();
            try {
              return await work(client);
            } finally {
              await client.end();
            }
          },
          drop: async () => undefined,
        },
      },
    );
    api = apiClient(app.url!);
    const flow = await api.post('/api/v1/flows', {
      name: 'Two steps',
      trigger: { type: 'webhook' },
      steps: [
        { id: 'a', action: 'core.transform', map: "{ 'x': x }" },
        { id: 'b', action: 'core.transform', map: "{ 'y': $steps.a.x }" },
      ],
    });
    catchUrl = flow.body.catchUrl;
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await postgres?.stop();
  });

  async function finishedRun() {
    const caught = await postToCatch(catchUrl, '{"x": 1}');
    const run = await api.waitForRun(caught.body.runId, 20_000);
    expect(run.status).toBe('succeeded');
    return run.id as string;
  }

  it('re-drives a running run whose first step was never marked due', async () => {
    const runId = await finishedRun();
    // As if the worker died right after beginRun committed the step rows (attempt numbers are
    // kept, so the job ids BullMQ still remembers from the first pass are not reused).
    await sql(
      `UPDATE runs SET status = 'running', finished_at = NULL, started_at = now() - interval '1 day' WHERE id = $1`,
      [runId],
    );
    await sql(
      `UPDATE run_steps SET status = 'pending', next_attempt_at = NULL, output = NULL,
              finished_at = NULL, history = '[]' WHERE run_id = $1`,
      [runId],
    );
    const report = await app.app.get(Reconciler).reconcile();
    expect(report).toMatchObject({ resumedSteps: 1, expiredLeases: 0 });
    const run = await api.waitForRun(runId, 20_000);
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((s: { output: unknown }) => s.output)).toEqual([{ x: 1 }, { y: 1 }]);
  });

  it('never runs a later step while an earlier one is still running under its lease', async () => {
    const runId = await finishedRun();
    // Step a held by a worker that is gone but whose lease has not expired yet.
    await sql(`UPDATE runs SET status = 'running', finished_at = NULL WHERE id = $1`, [runId]);
    await sql(
      `UPDATE run_steps SET status = 'running', lease_until = now() + interval '3 seconds'
       WHERE run_id = $1 AND step_id = 'a'`,
      [runId],
    );
    await sql(
      `UPDATE run_steps SET status = 'pending', next_attempt_at = NULL, output = NULL, finished_at = NULL
       WHERE run_id = $1 AND step_id = 'b'`,
      [runId],
    );
    expect(await app.app.get(Reconciler).reconcile()).toMatchObject({
      resumedSteps: 0,
      expiredLeases: 0,
    });
    // A stray job for step b (e.g. an old re-drive) finds nothing it may claim.
    await app.app.get(RunExecutor).executeStep(runId, 'b');
    const [b] = await sql(
      `SELECT status, attempt FROM run_steps WHERE run_id = $1 AND step_id = 'b'`,
      [runId],
    );
    expect(b).toEqual({ status: 'pending', attempt: 1 });
    // Once the lease expires, step a is re-driven first, then b.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(await app.app.get(Reconciler).reconcile()).toMatchObject({ expiredLeases: 1 });
    const run = await api.waitForRun(runId, 20_000);
    expect(run.status).toBe('succeeded');
    expect(run.steps[0].history.map((h: { outcome: string }) => h.outcome)).toEqual([
      'succeeded',
      'lost',
      'succeeded',
    ]);
    expect(run.steps[1].output).toEqual({ y: 1 });
  });
});
