import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { apiClient } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TABLES = ['inbound_requests', 'runs', 'run_steps'];

/** Issue 19 item 2: backdated rows pruned exactly past their window; disk reused. */
describe('retention', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let db: DataSource;
  const flows: Record<'global' | 'own' | 'day', string> = { global: '', own: '', day: '' };
  /** name -> [run id, request id]; what each case expects: kept or pruned. */
  const cases = new Map<string, { run: string; request: string; kept: boolean }>();

  const request = async (flowId: string, ageMs: number, dedupeKey: string | null = null) => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO inbound_requests (id, flow_id, method, headers, query, raw_body, body, size,
         received_at, dedupe_key)
       VALUES ($1, $2, 'POST', '{}', '{}', '\\x7b7d', '{}', 2, now() - $3 * interval '1 ms', $4)`,
      [id, flowId, ageMs, dedupeKey],
    );
    return id;
  };
  const run = async (flowId: string, requestId: string, status: string, ageMs: number) => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO runs (id, flow_id, flow_version, status, request_id, created_at)
       VALUES ($1, $2, 1, $3, $4, now() - $5 * interval '1 ms')`,
      [id, flowId, status, requestId, ageMs],
    );
    await db.query(
      `INSERT INTO run_steps (run_id, step_id, position, action, status, idempotency_key)
       VALUES ($1, 'a', 0, 'core.transform', 'succeeded', $2), ($1, 'b', 1, 'core.transform', 'succeeded', $3)`,
      [id, `${id}-a`, `${id}-b`],
    );
    return id;
  };
  const seed = async (
    name: string,
    flow: keyof typeof flows,
    status: string,
    ageMs: number,
    kept: boolean,
    dedupeKey: string | null = null,
  ) => {
    const req = await request(flows[flow], ageMs, dedupeKey);
    cases.set(name, { run: await run(flows[flow], req, status, ageMs), request: req, kept });
  };
  const exists = async (table: string, id: string) =>
    (await db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length === 1;
  const bytes = async () => {
    const rows: { bytes: string }[] = await db.query(
      'SELECT sum(pg_total_relation_size(t::regclass))::bigint AS bytes FROM unnest($1::text[]) t',
      [TABLES],
    );
    return Number(rows[0].bytes);
  };

  beforeAll(async () => {
    // A worker would start the seeded queued runs (the reconciler, or in postgres mode the
    // claim: the row is the job), and a finished 40-day-old run would then be pruned by a
    // later pass: no worker here (api role), and the reconciler waits an hour.
    app = await bootTestApp({
      FLOWHUB_ROLE: 'api',
      FLOWHUB_RETENTION_DAYS: '10',
      FLOWHUB_RECONCILE_INTERVAL_MS: '3600000',
    });
    api = apiClient(app.url!);
    db = app.app.get(DataSource);
    const flow = async (retention?: object) => {
      const body = { name: 'R', trigger: { type: 'webhook' }, retention };
      const created = await api.post('/api/v1/flows', {
        ...body,
        steps: [{ id: 'a', action: 'core.transform' }],
      });
      expect(created.status).toBe(201);
      return created.body.id as string;
    };
    flows.global = await flow();
    flows.own = await flow({ days: 2, keepFailedDays: 5 });
    flows.day = await flow({ days: 1 });
  });
  afterAll(() => app.stop());

  it('refuses a bad retention field with its path', async () => {
    const bad = await api.post('/api/v1/flows', {
      name: 'R',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform' }],
      retention: { days: 7, keepFailedDays: 3 },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('retention.keepFailedDays');
  });

  it('prunes exactly what is past its window, never an unfinished run, and no orphan', async () => {
    // Just past: a minute. Just inside: ten minutes, so the later tests (a minute or more on a
    // busy machine) still find them inside.
    const MIN = 60_000;
    const INSIDE = 10 * MIN;
    // Global window: 10 days.
    await seed('global just past', 'global', 'succeeded', 10 * DAY + MIN, false);
    await seed('global just inside', 'global', 'succeeded', 10 * DAY - INSIDE, true);
    await seed('global failed past', 'global', 'failed', 11 * DAY, false);
    await seed('global filtered past', 'global', 'filtered', 11 * DAY, false);
    for (const status of ['queued', 'running', 'held'])
      await seed(`global ${status} old`, 'global', status, 40 * DAY, true);
    // The flow's own window: 2 days, failed runs 5.
    await seed('own just past', 'own', 'succeeded', 2 * DAY + MIN, false);
    await seed('own just inside', 'own', 'succeeded', 2 * DAY - INSIDE, true);
    await seed('own cancelled past', 'own', 'cancelled', 3 * DAY, false);
    await seed('own failed kept longer', 'own', 'failed', 5 * DAY - INSIDE, true);
    await seed('own failed past', 'own', 'failed', 5 * DAY + MIN, false);
    await seed('own running old', 'own', 'running', 30 * DAY, true);
    // One day, but a dedupe key's original is kept inside the dedupe window (72 h).
    await seed('day past', 'day', 'succeeded', 30 * HOUR, false);
    await seed('day dedupe original', 'day', 'succeeded', 30 * HOUR, true, 'delivery-1');
    await seed('day dedupe past its window', 'day', 'succeeded', 73 * HOUR, false, 'delivery-2');
    // An old run replayed yesterday: the old run goes, its request stays for the replay.
    const shared = await request(flows.global, 20 * DAY);
    const old = await run(flows.global, shared, 'failed', 20 * DAY);
    const replay = await run(flows.global, shared, 'succeeded', DAY);
    // Requests without a run: past the window or not.
    const loneOld = await request(flows.own, 3 * DAY);
    const loneNew = await request(flows.own, DAY);
    // Issue occurrences (src/issues/) of a pruned run go with it; a kept run's stay.
    const occurrence = (runId: string) =>
      db.query(`INSERT INTO issue_occurrences (run_id, step_id, issue_id) VALUES ($1, 'a', $2)`, [
        runId,
        issueId,
      ]);
    const [{ id: issueId }] = await db.query(
      `INSERT INTO issues (flow_id, step_id, action, fingerprint, message, status, count,
         first_seen_at, last_seen_at, example_run_ids, status_changed_at, reopened)
       VALUES ($1, 'a', 'core.transform', 'code:E', 'm', 'open', 2, now(), now(), '{}', now(), 0)
       RETURNING id`,
      [flows.global],
    );
    await occurrence(old);
    await occurrence(cases.get('global failed past')!.run);
    await occurrence(replay);

    const pruned = await api.post('/api/v1/retention/prune');
    expect(pruned.status).toBe(200);
    expect(pruned.body).toMatchObject({ pruned: true, vacuumed: true });

    const wrong: string[] = [];
    for (const [name, c] of cases) {
      if ((await exists('runs', c.run)) !== c.kept) wrong.push(`${name}: run`);
      if ((await exists('inbound_requests', c.request)) !== c.kept) wrong.push(`${name}: request`);
    }
    expect(wrong).toEqual([]);
    expect(await exists('runs', old)).toBe(false);
    expect(await exists('runs', replay)).toBe(true);
    expect(await exists('inbound_requests', shared)).toBe(true);
    expect(await exists('inbound_requests', loneOld)).toBe(false);
    expect(await exists('inbound_requests', loneNew)).toBe(true);
    const prunedRuns = [...cases.values()].filter((c) => !c.kept).length + 1;
    expect(pruned.body).toMatchObject({
      runs: prunedRuns,
      steps: 2 * prunedRuns,
      requests: prunedRuns - 1 + 1,
    });
    const [orphans] = await db.query(
      `SELECT (SELECT count(*) FROM run_steps s WHERE NOT EXISTS
         (SELECT 1 FROM runs r WHERE r.id = s.run_id))::int AS steps`,
    );
    expect(orphans.steps).toBe(0);
    const occurrences = await db.query('SELECT run_id FROM issue_occurrences WHERE issue_id = $1', [
      issueId,
    ]);
    expect(occurrences).toEqual([{ run_id: replay }]);

    const again = await api.post('/api/v1/retention/prune');
    expect(again.body).toMatchObject({ pruned: true, runs: 0, requests: 0, vacuumed: false });
  });

  it('reports storage and the oldest kept record in GET /stats and /flows/:id/stats', async () => {
    const all = (await api.get('/api/v1/stats')).body.storage;
    expect(all.tables.map((t: { table: string }) => t.table)).toEqual(TABLES);
    expect(all.totalBytes).toBe(
      all.tables.reduce((sum: number, t: { bytes: number }) => sum + t.bytes, 0),
    );
    expect(all.totalBytes).toBeGreaterThan(0);
    const [oldest] = await db.query(
      'SELECT min(created_at) AS run, (SELECT min(received_at) FROM inbound_requests) AS request FROM runs',
    );
    expect(all.oldestRunAt).toBe(oldest.run.toISOString());
    expect(all.oldestRequestAt).toBe(oldest.request.toISOString());
    expect(all.retention).toEqual({
      days: 10,
      keepFailedDays: 10,
      source: 'global',
      pruneIntervalMs: 600_000,
    });
    const own = (await api.get(`/api/v1/flows/${flows.own}/stats`)).body.storage;
    expect(own.tables).toBeUndefined();
    expect(own.retention).toMatchObject({ days: 2, keepFailedDays: 5, source: 'flow' });
    const [ownOldest] = await db.query(
      'SELECT min(created_at) AS at FROM runs WHERE flow_id = $1',
      [flows.own],
    );
    expect(own.oldestRunAt).toBe(ownOldest.at.toISOString());
  });

  it('frees the space of what it pruned for new rows (before and after reported)', async () => {
    const N = 20_000;
    const insertMany = (n: number, ageDays: number) =>
      db.query(
        `WITH q AS (
           INSERT INTO inbound_requests (id, flow_id, method, headers, query, raw_body, body, size, received_at)
           SELECT gen_random_uuid(), $1, 'POST', '{}', '{}', convert_to(repeat('x', 800) || i, 'UTF8'),
             jsonb_build_object('i', i, 'pad', repeat('y', 800)), 1600, now() - $3 * interval '1 day'
           FROM generate_series(1, $2) i RETURNING id, received_at),
         r AS (
           INSERT INTO runs (id, flow_id, flow_version, status, request_id, created_at)
           SELECT gen_random_uuid(), $1, 1, 'succeeded', q.id, q.received_at FROM q RETURNING id)
         INSERT INTO run_steps (run_id, step_id, position, action, status, idempotency_key, output)
         SELECT r.id, 'a', 0, 'core.transform', 'succeeded', r.id::text,
           jsonb_build_object('pad', repeat('z', 400)) FROM r`,
        [flows.global, n, ageDays],
      );
    const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
    const empty = await bytes();
    // Old rows at the end of the tables: VACUUM gives their pages back to the file system.
    await insertMany(N, 15);
    const tail = await bytes();
    expect((await api.post('/api/v1/retention/prune')).body).toMatchObject({ runs: N, steps: N });
    const truncated = await bytes();
    // Old rows with kept rows after them: VACUUM cannot shorten the files, new rows reuse them.
    await insertMany(N, 15);
    await insertMany(100, 0);
    const seeded = await bytes();
    const pass = await api.post('/api/v1/retention/prune');
    expect(pass.body).toMatchObject({ runs: N, steps: N, requests: N, vacuumed: true });
    const afterPrune = await bytes();
    await insertMany(N, 0);
    const reused = await bytes();
    console.log(
      `retention space (${TABLES.join(' + ')}), ${N} runs with a step and a request each:\n` +
        `  at the tables' end: ${mb(empty)} -> seeded ${mb(tail)} -> pruned + VACUUM ${mb(truncated)}\n` +
        `  kept rows after them: seeded ${mb(seeded)} -> pruned + VACUUM ${mb(afterPrune)} -> ` +
        `${N} new runs ${mb(reused)} (+${mb(reused - afterPrune)})`,
    );
    const seededBytes = tail - empty;
    expect(truncated - empty).toBeLessThan(seededBytes * 0.25);
    // The new rows fit in the freed pages: the tables grow by far less than the seeded size.
    expect(reused - afterPrune).toBeLessThan(seededBytes * 0.25);
  }, 120_000);
});
