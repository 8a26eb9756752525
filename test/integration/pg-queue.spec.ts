import { getQueueToken } from '@nestjs/bullmq';
import { jest } from '@jest/globals';
import type { Queue } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { QueueName } from '../../src/queue/queue-names.js';
import { PgRunQueue } from '../../src/runs/pg-queue/pg-run-queue.service.js';
import { WorkClaims } from '../../src/runs/state/work-claims.repository.js';
import { RunQueue } from '../../src/runs/run-queue.service.js';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const RUNS = 40;
/** Polls so rarely that work picked up within a test came from a wake-up, not the poll. */
const NO_POLL = { FLOWHUB_QUEUE: 'postgres', FLOWHUB_QUEUE_POLL_MS: '60000' };

async function waitFor(check: () => Promise<boolean>, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** FLOWHUB_QUEUE=postgres: the run and step rows are the queue (docs/adr/0008). */
describe('the PostgreSQL run queue', () => {
  let database: TestDatabase;
  let api: TestApp;
  let worker: TestApp | undefined;
  let client: ReturnType<typeof apiClient>;
  let catchUrl: string;
  const sources: DataSource[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    // The api role has no worker: what it catches stays queued until a worker claims it.
    api = await bootTestApp({ ...NO_POLL, FLOWHUB_ROLE: 'api' }, { database });
    client = apiClient(api.url!);
    const flow = await client.post('/api/v1/flows', {
      name: 'Queued in Postgres',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform', map: '{ "n": n }' }],
    });
    catchUrl = flow.body.catchUrl;
  });
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await Promise.all(sources.map((source) => source.destroy()));
    await database.drop();
  });

  const claimer = async () => {
    const source = new DataSource({ type: 'postgres', url: database.url, poolSize: 2 });
    sources.push(source);
    return new WorkClaims(await source.initialize());
  };
  const query = async <T>(sql: string, params: unknown[] = []) => {
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    try {
      return (await db.query(sql, params)).rows as T[];
    } finally {
      await db.end();
    }
  };

  it('adds no BullMQ job for a caught run: the run row is the job', async () => {
    expect(api.app.get(RunQueue)).toBeInstanceOf(PgRunQueue);
    const bull = api.app.get<Queue>(getQueueToken(QueueName.runs));
    const adds = [jest.spyOn(bull, 'add'), jest.spyOn(bull, 'addBulk')];
    const posted = await Promise.all(
      Array.from({ length: RUNS }, (_, n) => postToCatch(catchUrl, JSON.stringify({ n }))),
    );
    expect(posted.map((p) => p.status)).toEqual(Array(RUNS).fill(202));
    for (const add of adds) expect(add).not.toHaveBeenCalled();
    const [{ queued }] = await query<{ queued: number }>(
      "SELECT count(*)::int AS queued FROM runs WHERE status = 'queued'",
    );
    expect(queued).toBe(RUNS);
  });

  it('never lets two claimers take the same run, and hands a claim on only when it expires', async () => {
    const [one, two] = [await claimer(), await claimer()];
    const taken: string[] = [];
    for (;;) {
      const batches = await Promise.all([one.claim(7), two.claim(7)]);
      const items = batches.flat();
      if (items.length === 0) break;
      taken.push(...items.map((item) => item.runId));
    }
    expect(taken).toHaveLength(RUNS);
    expect(new Set(taken).size).toBe(RUNS);
    expect(await one.claim(RUNS)).toEqual([]);
    // A worker that died after claiming: its claims expire and the runs are taken again.
    await query("UPDATE runs SET claimed_until = now() - interval '1 second'");
    const again = await one.claim(RUNS);
    expect(again.map((item) => item.kind)).toEqual(Array(RUNS).fill('start'));
    await query("UPDATE runs SET claimed_until = now() - interval '1 second'");
  });

  it('starts every queued run in a worker process, and one caught later through NOTIFY', async () => {
    worker = await bootTestApp({ ...NO_POLL, FLOWHUB_ROLE: 'worker' }, { database });
    const open = async () =>
      (
        await query<{ n: number }>(
          "SELECT count(*)::int AS n FROM runs WHERE status IN ('queued', 'running')",
        )
      )[0].n;
    await waitFor(async () => (await open()) === 0, 'the queued runs to finish');
    const later = await postToCatch(catchUrl, JSON.stringify({ n: 'late' }));
    const run = await client.waitForRun(later.body.runId, 5000);
    expect(run.status).toBe('succeeded');
    expect(run.steps[0].output).toEqual({ n: 'late' });
  });

  it('listens again after its connection is cut, and is woken as before', async () => {
    const listeners = () =>
      query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN flowhub_runs'",
      );
    const [before] = await listeners();
    expect(before).toBeDefined();
    await query('SELECT pg_terminate_backend($1)', [before.pid]);
    await waitFor(async () => {
      const now = await listeners();
      return now.length === 1 && now[0].pid !== before.pid;
    }, 'a new LISTEN connection');
    const caught = await postToCatch(catchUrl, JSON.stringify({ n: 'after' }));
    expect((await client.waitForRun(caught.body.runId, 5000)).status).toBe('succeeded');
  });
});
