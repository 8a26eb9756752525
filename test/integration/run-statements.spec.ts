import { jest } from '@jest/globals';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { RunExecutor } from '../../src/runs/run-executor.service.js';
import { RunState } from '../../src/runs/state/run-state.repository.js';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/**
 * The run hot path in round trips (issue 7): a 1-step run is read, begun with its first step
 * claimed, and finished in three statements, with no explicit transaction, or in two when its
 * start job names the flow version (as the catch path's does); the one-statement forms keep
 * the step protocol's fencing.
 */
describe('run statements', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let dataSource: DataSource;

  beforeAll(async () => {
    // The api role has no worker: the test drives the executor itself.
    app = await bootTestApp({ FLOWHUB_ROLE: 'api' });
    api = apiClient(app.url!);
    dataSource = app.app.get(DataSource);
  });
  afterAll(() => app.stop());

  const flowOf = (steps: number, extra: Record<string, unknown> = {}) => ({
    name: `${steps} step(s)`,
    trigger: { type: 'webhook', ...extra },
    steps: Array.from({ length: steps }, (_, i) => ({
      id: `s${i}`,
      action: 'core.transform',
      map: '{ "n": n }',
    })),
  });

  async function caughtRun(steps = 1, trigger: Record<string, unknown> = {}) {
    const flow = await api.post('/api/v1/flows', flowOf(steps, trigger));
    const caught = await postToCatch(flow.body.catchUrl, '{"n": 7}');
    expect(caught.body.status).toBe('queued');
    return { runId: caught.body.runId as string, flowId: flow.body.id as string };
  }

  async function queuedRun(steps = 1): Promise<string> {
    return (await caughtRun(steps)).runId;
  }

  /** The step rows start() would insert for a 2-step run of queuedRun(2). */
  const twoStepRows = (runId: string) =>
    ['s0', 's1'].map((stepId, position) => ({
      stepId,
      position,
      action: 'core.transform',
      idempotencyKey: `${runId}:${stepId}`,
    }));

  /** Every statement the app sends to Postgres while `work` runs. */
  async function statementsDuring(work: () => Promise<void>): Promise<pg.QueryConfig[]> {
    const driver = dataSource.driver as unknown as { postgres: typeof pg };
    const query = jest.spyOn(driver.postgres.Client.prototype, 'query');
    try {
      await work();
      return query.mock.calls.map(([text, values]) =>
        typeof text === 'string'
          ? { text, values: values as unknown[] }
          : (text as unknown as pg.QueryConfig),
      );
    } finally {
      query.mockRestore();
    }
  }

  it('runs a 1-step run in three prepared statements without an explicit transaction', async () => {
    const runId = await queuedRun();
    const sent = await statementsDuring(() => app.app.get(RunExecutor).start(runId));
    const ofRun = sent.filter((s) => s.values?.includes(runId));
    expect(ofRun.map((s) => s.text.trim().split(/\s+/, 2).join(' '))).toEqual([
      'SELECT r.id,', // the run and its stored request
      'WITH started', // running, step rows, first step claimed
      'WITH run', // step succeeded, run finished
    ]);
    expect(sent.map((s) => s.text)).not.toContain('START TRANSACTION');
    // Prepared once per connection (by name), not planned again on every run.
    expect(ofRun.map((s) => s.name)).toEqual([
      'flowhub_find_run_with_request',
      'flowhub_begin_run',
      'flowhub_finish_and_advance',
    ]);
    const run = await api.get(`/api/v1/runs/${runId}`);
    expect(run.body.status).toBe('succeeded');
    expect(run.body.steps).toMatchObject([{ id: 's0', status: 'succeeded', output: { n: 7 } }]);
  });

  it('a start job naming the flow version begins and reads the run in one statement', async () => {
    const { runId, flowId } = await caughtRun();
    const executor = app.app.get(RunExecutor);
    const version = { flowId, flowVersion: 1 };
    const sent = await statementsDuring(() => executor.start(runId, version));
    const ofRun = sent.filter((s) => s.values?.includes(runId));
    expect(ofRun.map((s) => s.name)).toEqual([
      'flowhub_begin_run_reading',
      'flowhub_finish_and_advance',
    ]);
    const run = await api.get(`/api/v1/runs/${runId}`);
    expect(run.body.status).toBe('succeeded');
    expect(run.body.steps).toMatchObject([{ id: 's0', status: 'succeeded', output: { n: 7 } }]);
    // A second copy of the job finds the run begun: one statement, nothing written.
    const again = await statementsDuring(() => executor.start(runId, version));
    expect(again.filter((s) => s.values?.includes(runId)).map((s) => s.name)).toEqual([
      'flowhub_begin_run_reading',
    ]);
  });

  it('a start job naming another version than the run has falls back to the run', async () => {
    const { runId, flowId } = await caughtRun();
    const changed = flowOf(1);
    changed.steps[0].map = '{ "v2": true }';
    expect((await api.put(`/api/v1/flows/${flowId}`, changed)).body.version).toBe(2);
    const sent = await statementsDuring(() =>
      app.app.get(RunExecutor).start(runId, { flowId, flowVersion: 2 }),
    );
    expect(sent.filter((s) => s.values?.includes(runId)).map((s) => s.name)).toEqual([
      'flowhub_begin_run_reading', // of version 2: begins nothing
      'flowhub_find_run_with_request',
      'flowhub_begin_run',
      'flowhub_finish_and_advance',
    ]);
    const run = await api.get(`/api/v1/runs/${runId}`);
    expect(run.body.steps).toMatchObject([{ status: 'succeeded', output: { n: 7 } }]);
  });

  it('a flow with a trigger filter is read and filtered first, version named or not', async () => {
    const { runId, flowId } = await caughtRun(1, { filter: 'n > 10' });
    await app.app.get(RunExecutor).start(runId, { flowId, flowVersion: 1 });
    const run = await api.get(`/api/v1/runs/${runId}`);
    expect(run.body.status).toBe('filtered');
    expect(run.body.steps).toEqual([]);
  });

  it('a duplicate start job finds the run begun and claims nothing', async () => {
    const runId = await queuedRun(2);
    const steps = app.app.get(RunState);
    const rows = twoStepRows(runId);
    const first = await steps.beginRun(runId, rows, 60_000);
    expect(first).toMatchObject({ claimed: { stepId: 's0', attempt: 1 }, fresh: true });
    expect(await steps.beginRun(runId, rows, 60_000)).toBe(false);
    const stored = await dataSource.query(
      'SELECT step_id, status, attempt FROM run_steps WHERE run_id = $1 ORDER BY position',
      [runId],
    );
    expect(stored).toEqual([
      { step_id: 's0', status: 'running', attempt: 1 },
      { step_id: 's1', status: 'pending', attempt: 0 },
    ]);
  });

  it('a stale attempt writes nothing and moves nothing on', async () => {
    const runId = await queuedRun(2);
    const steps = app.app.get(RunState);
    const rows = twoStepRows(runId);
    await steps.beginRun(runId, rows, 60_000);
    const entry = { attempt: 1, startedAt: '', finishedAt: '', outcome: 'succeeded' as const };
    const result = { status: 'succeeded' as const, output: { late: true }, entry };
    // Attempt 1 lost its lease and attempt 2 holds the step now.
    await dataSource.query(
      `UPDATE run_steps SET attempt = 2 WHERE run_id = $1 AND step_id = 's0'`,
      [runId],
    );
    expect(await steps.finishAndAdvance(runId, 's0', 1, result)).toEqual({
      recorded: false,
      next: undefined,
    });
    const current = await steps.finishAndAdvance(runId, 's0', 2, { ...result, entry });
    expect(current).toEqual({ recorded: true, next: { stepId: 's1', attempt: 0 } });
    const [run] = await dataSource.query('SELECT status FROM runs WHERE id = $1', [runId]);
    expect(run.status).toBe('running');
    const [s0] = await dataSource.query(
      `SELECT status, output, next_attempt_at IS NULL AS undue FROM run_steps
       WHERE run_id = $1 AND step_id = 's0'`,
      [runId],
    );
    expect(s0).toEqual({ status: 'succeeded', output: { late: true }, undue: true });
    const [s1] = await dataSource.query(
      `SELECT next_attempt_at IS NOT NULL AS due FROM run_steps WHERE run_id = $1 AND step_id = 's1'`,
      [runId],
    );
    expect(s1.due).toBe(true);
  });
});
