// Retention under load (issue 19 item 2): ingest p99 at 1,000 req/s while the pruning job
// deletes BENCH_RETENTION_RUNS old runs (1,000,000 alone, FULL_RUN_RETENTION_RUNS in npm run bench), against the same load without
// pruning, in the same run. The old runs (each with a step and a request) are seeded with one
// INSERT ... SELECT generate_series: posting a million requests would take longer than the
// bench. Run it alone with `node bench/run.mjs retention`; BENCH_FLOWHUB_MAIN points at a build
// other than dist/src/main.js.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import pg from 'pg';
import { orderBody } from './lib/load.mjs';
import { ingest } from './lib/phases.mjs';
import { freePort, startNode, waitForOk } from './lib/processes.mjs';
import { pruneGate, startPass, vacuumSampler } from './lib/prune-gate.mjs';
import { mean, median, round2, spread } from './lib/stats.mjs';
import * as S from './lib/systems.mjs';

/** `npm run bench` seeds fewer, to stay inside its time budget; alone, the million. */
export const FULL_RUN_RETENTION_RUNS = 50_000;

const RATE = 1000;
let WINDOW_S = 20;
const BODY_1K = orderBody(1024);
const MAIN =
  process.env.BENCH_FLOWHUB_MAIN ?? fileURLToPath(new URL('../dist/src/main.js', import.meta.url));
const log = (message) =>
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] retention: ${message}`);

async function startFlowhub(db) {
  const port = await freePort();
  const proc = startNode('flowhub-api', [MAIN], {
    PORT: String(port),
    HOST: '127.0.0.1',
    FLOWHUB_ROLE: 'api',
    LOG_LEVEL: 'warn',
    FLOWHUB_ADMIN_KEY: S.ADMIN_KEY,
    FLOWHUB_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    DATABASE_URL: S.databaseUrl(db),
    REDIS_URL: S.REDIS_URL,
    FLOWHUB_QUEUE_PREFIX: `${db}q`,
    FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
    FLOWHUB_RETENTION_DAYS: '30',
    // The bench runs the pass itself (bench/lib/prune-gate.mjs), parking it between windows.
    FLOWHUB_PRUNE_INTERVAL_MS: '86400000',
  });
  await waitForOk(proc, `http://127.0.0.1:${port}/health/ready`);
  return { ...proc, origin: `http://127.0.0.1:${port}` };
}

/** RUNS succeeded runs 40 days old, each with one step and its request, over `flowIds`. */
async function seed(client, flowIds, RUNS) {
  const started = Date.now();
  await client.query(`SET synchronous_commit = off`);
  const chunk = 250_000;
  for (let from = 1; from <= RUNS; from += chunk) {
    const to = Math.min(RUNS, from + chunk - 1);
    await client.query(
      `WITH q AS (
         INSERT INTO inbound_requests (id, flow_id, method, headers, query, raw_body, body, size, received_at)
         SELECT gen_random_uuid(), ($1::uuid[])[1 + i % array_length($1, 1)], 'POST', '{}', '{}',
           convert_to('{"order_number":' || i || '}', 'UTF8'), jsonb_build_object('order_number', i), 24,
           now() - interval '40 days' + i * interval '1 ms'
         FROM generate_series($2::int, $3::int) i RETURNING id, flow_id, received_at),
       r AS (
         INSERT INTO runs (id, flow_id, flow_version, status, request_id, created_at, finished_at)
         SELECT gen_random_uuid(), q.flow_id, 1, 'succeeded', q.id, q.received_at, q.received_at FROM q
         RETURNING id)
       INSERT INTO run_steps (run_id, step_id, position, action, status, idempotency_key, output)
       SELECT r.id, 'notify1', 0, 'http.request', 'succeeded', r.id::text, '{"status":200}' FROM r`,
      [flowIds, from, to],
    );
  }
  await client.query('VACUUM ANALYZE inbound_requests, runs, run_steps');
  return Math.round((Date.now() - started) / 1000);
}

const sizeMb = async (client) => {
  const { rows } = await client.query(
    `SELECT round(sum(pg_total_relation_size(t::regclass)) / 1048576.0)::int AS mb
     FROM unnest(ARRAY['inbound_requests', 'runs', 'run_steps']) t`,
  );
  return rows[0].mb;
};

/** The pass's options from the environment: the levers measured (docs/performance.md). */
const passOptions = () => {
  const env = (name) => (process.env[name] === undefined ? undefined : Number(process.env[name]));
  return {
    rest: env('BENCH_PRUNE_REST'),
    batch: env('BENCH_PRUNE_BATCH'),
    vacuum: process.env.BENCH_PRUNE_VACUUM !== '0',
  };
};

/**
 * Windows of 1,000 req/s alternate: one with the pass parked between two statements
 * (without pruning), one with it running (while pruning), until the pass is over. A window
 * without starts only once the pass is parked; a VACUUM that does not end within a second is
 * measured as one more window while pruning.
 */
async function interleave(load, gate, pass, sampler) {
  const windows = [];
  let done = false;
  pass.finally(() => ((done = true), gate.done()));
  const measure = async (kind) => {
    sampler.take();
    const w = await load();
    windows.push({ kind, ...w, vacuumS: sampler.take() });
  };
  while (!done) {
    if (await gate.close(1000)) await measure('without');
    else gate.open();
    if (done) break;
    gate.open();
    await measure('while');
  }
  return windows;
}

const BEFORE_WINDOWS = 3;
const accepted = (windows) => windows.reduce((sum, w) => sum + w.accepted, 0);

/** Seed, warm up, then the interleaved windows while one pass prunes the seeded runs. */
async function phase(receiver, RUNS) {
  const db = `flowhub_bench_retention_${process.pid}`;
  await S.createDatabase(db);
  const proc = await startFlowhub(db);
  const client = new pg.Client({ connectionString: S.databaseUrl(db) });
  await client.connect();
  try {
    const paths = await S.createFlowhubFlows(proc.origin, 10, (i) =>
      S.benchFlow(`bench-${i}`, receiver.url),
    );
    const { rows } = await client.query('SELECT id FROM flows');
    log(`seeding ${RUNS} old runs`);
    const seedS = await seed(
      client,
      rows.map((r) => r.id),
      RUNS,
    );
    const seededMb = await sizeMb(client);
    const system = { pids: [proc.pid], origin: proc.origin, paths };
    const load = () =>
      ingest(system, { connections: 50, rate: RATE, body: BODY_1K, durationS: WINDOW_S });
    await ingest(system, { connections: 50, body: BODY_1K, durationS: 2 });
    const options = passOptions();
    log(
      `windows of ${WINDOW_S} s at ${RATE} req/s, with and without pruning (${JSON.stringify(options)})`,
    );
    // Before the pass: windows on the seeded tables, and how much a request adds to them.
    const before = [];
    for (let i = 0; i < BEFORE_WINDOWS; i++) before.push({ kind: 'before', ...(await load()) });
    const grown = { mb: (await sizeMb(client)) - seededMb, requests: accepted(before) };
    const gate = pruneGate();
    const sampler = vacuumSampler(client);
    const pass = startPass(MAIN, S.databaseUrl(db), 30, { ...options, between: gate.between });
    const windows = await interleave(load, gate, pass, sampler).finally(() => sampler.stop());
    const report = await pass;
    const afterMb = await sizeMb(client);
    // The freed space is reused: the tables' growth over as much ingest again after the pass.
    const again = [];
    for (let i = 0; i < BEFORE_WINDOWS; i++) again.push(await load());
    const space = {
      seeded: seededMb,
      mbPer100kBefore: round2((grown.mb * 1e5) / grown.requests),
      beforePass: seededMb + grown.mb,
      ingestedDuringPass: accepted(windows),
      afterPass: afterMb,
      afterReingest: await sizeMb(client),
      reingested: accepted(again),
    };
    return { seedS, windows: [...before, ...windows], report, options, space };
  } finally {
    await client.end();
    await proc.stop();
    await S.dropDatabase(db).catch(() => undefined);
    await S.clearRedisPrefix(`${db}q`).catch(() => undefined);
  }
}

const p99s = (windows, kind) => windows.filter((w) => w.kind === kind).map((w) => w.p99);

/** Each window while pruning over the window without just before it. */
function pairRatios(windows) {
  const ratios = [];
  for (let i = 1; i < windows.length; i++)
    if (windows[i].kind === 'while' && windows[i - 1].kind === 'without')
      ratios.push(windows[i].p99 / windows[i - 1].p99);
  return ratios;
}

export async function retentionBench(seeded = 1_000_000) {
  const quick = process.env.BENCH_RETENTION_QUICK === '1';
  const RUNS = Number(process.env.BENCH_RETENTION_RUNS ?? (quick ? 100_000 : seeded));
  // Alone: windows of 10 s; in npm run bench, 5 s, to keep inside its time.
  WINDOW_S = Number(process.env.BENCH_RETENTION_WINDOW_S ?? (seeded === 1_000_000 ? 10 : 5));
  const receiver = await S.startReceiver();
  const loadavg = () => os.loadavg().map((l) => round2(l));
  try {
    const loadBefore = loadavg();
    const r = await phase(receiver, RUNS);
    const withP = p99s(r.windows, 'while');
    const beforeP = p99s(r.windows, 'before');
    const without = p99s(r.windows, 'without');
    const brief = (w) => ({
      kind: w.kind,
      p99: w.p99,
      p50: w.p50,
      perSecond: Math.round(w.perSecond),
      accepted: w.accepted,
      vacuumS: w.vacuumS,
    });
    return {
      runs: RUNS,
      seedS: r.seedS,
      windowS: WINDOW_S,
      rate: RATE,
      options: r.options,
      loadavg: { before: loadBefore, after: loadavg() },
      p99: {
        whilePruning: spread(withP),
        withoutPruning: spread(without),
        beforePass: spread(beforeP),
        meanWhile: round2(mean(withP)),
        meanWithout: round2(mean(without)),
      },
      pairRatio: spread(pairRatios(r.windows)),
      medianRatio: round2(median(withP) / median(without)),
      meanRatio: round2(mean(withP) / mean(without)),
      windows: r.windows.map(brief),
      prune: r.report,
      sizeMb: r.space,
    };
  } finally {
    await receiver.stop();
  }
}

/** The report's lines. */
export function formatRetention(r) {
  const { p99, pairRatio: pr, sizeMb: m } = r;
  const q = (x) => `median ${x.median} (quartiles ${x.q1}-${x.q3}, ${x.min}-${x.max}, n=${x.n})`;
  return [
    `retention: pruning ${r.prune.runs} old runs (+${r.prune.steps} steps, ${r.prune.requests} requests) in ${Math.round(r.prune.wallMs / 1000)} s (half of it parked), ingesting ${r.rate} req/s; load average ${r.loadavg.before.join(' ')} -> ${r.loadavg.after.join(' ')}`,
    `  ingest p99 of windows of ${r.windowS} s, while pruning: ${q(p99.whilePruning)} ms`,
    `  without (the pass parked, interleaved): ${q(p99.withoutPruning)} ms`,
    `  ratio of medians ${r.medianRatio}, of means ${r.meanRatio} (${p99.meanWhile} / ${p99.meanWithout} ms) (target <= 1.5)`,
    `  ratio of each window to the one before it: ${q(pr)}`,
    `  before the pass (${p99.beforePass.n} windows): median ${p99.beforePass.median} ms`,
    `  tables: ${m.seeded} MB seeded (in ${r.seedS} s), ${m.beforePass} MB before the pass (${m.mbPer100kBefore} MB per 100,000 requests), ${m.afterPass} MB after it and ${m.ingestedDuringPass} requests, ${m.afterReingest} MB after ${m.reingested} more`,
  ].join('\n');
}
