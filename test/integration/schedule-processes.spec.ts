import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiClient } from '../support/api-client.js';
import { TEST_ADMIN_KEY, TEST_MASTER_KEYS } from '../support/boot-test-app.js';
import {
  freePort,
  startFlowhub,
  waitUntilReady,
  type FlowhubProcess,
} from '../support/flowhub-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const TICKS = 10;

/**
 * Issue 21: a schedule every second with one api and two worker processes, each running the
 * scheduler: exactly one run per tick, none missed, over at least ten ticks.
 */
describe('a schedule across processes', () => {
  let database: TestDatabase;
  const processes: FlowhubProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const proc of processes) proc.child.kill('SIGKILL');
    await Promise.all(processes.map((proc) => proc.exited));
    await database.drop();
  });

  it('runs each tick once', async () => {
    const port = await freePort();
    const env = {
      DATABASE_URL: database.url,
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      FLOWHUB_QUEUE_PREFIX: `sched${randomBytes(4).toString('hex')}`,
      FLOWHUB_MASTER_KEYS: TEST_MASTER_KEYS,
      FLOWHUB_ADMIN_KEY: TEST_ADMIN_KEY,
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
      PORT: String(port),
    };
    processes.push(startFlowhub({ ...env, FLOWHUB_ROLE: 'api' }));
    await waitUntilReady(processes[0], port, 20_000);
    for (let i = 0; i < 2; i += 1) processes.push(startFlowhub({ ...env, FLOWHUB_ROLE: 'worker' }));
    const api = apiClient(`http://127.0.0.1:${port}`);
    const flow = await api.post('/api/v1/flows', {
      name: 'Every second, three schedulers',
      trigger: { type: 'schedule', every: '1s' },
      steps: [{ id: 'tick', action: 'core.transform', map: '{"at": $trigger.scheduledAt}' }],
    });
    expect(flow.status).toBe(201);

    await sleep((TICKS + 2) * 1000);
    expect((await api.post(`/api/v1/flows/${flow.body.id}/pause`)).status).toBe(200);
    await sleep(500);
    const page = await api.get(`/api/v1/runs?flowId=${flow.body.id}&limit=100`);
    const runs = await Promise.all(
      (page.body.items as { id: string }[]).map((run) => api.waitForRun(run.id)),
    );
    const ticks = runs.map((run) => Date.parse(run.steps[0].output.at as string)).sort();
    expect(new Set(ticks).size).toBe(ticks.length);
    // Every tick on the grid, run once or passed over because the previous run was still
    // unfinished (overlap skip: a loaded machine can take over a second to run one), and
    // each pass-over counted: none lost between processes.
    const schedule = await api.get(`/api/v1/flows/${flow.body.id}/schedule`);
    const passedOver = schedule.body.skippedTicks + schedule.body.missedTicks;
    const gaps = ticks.slice(1).map((tick, i) => (tick - ticks[i]) / 1000 - 1);
    gaps.forEach((gap) => expect(Number.isInteger(gap) && gap >= 0).toBe(true));
    expect(gaps.reduce((sum, gap) => sum + gap, 0)).toBeLessThanOrEqual(passedOver);
    expect((ticks.at(-1)! - ticks[0]) / 1000 + 1).toBeGreaterThanOrEqual(TICKS);
    expect(ticks.length).toBeGreaterThanOrEqual(TICKS - passedOver);
    expect(runs.every((run) => run.status === 'succeeded')).toBe(true);
    // Every process ran the scheduler; which one took a tick is up to the locks.
    const tickers = processes.filter((proc) => /"msg":"flow [^"]*: tick /.test(proc.output()));
    expect(tickers.length).toBeGreaterThanOrEqual(2);
  });
});
