// Retention under load (issue 19 item 2): ingest p99 at 1,000 req/s while the pruning job
// deletes BENCH_RETENTION_RUNS old runs (1,000,000 alone, FULL_RUN_RETENTION_RUNS in npm run bench), against the same load without
// pruning, in the same run. The old runs (each with a step and a request) are seeded with one
// INSERT ... SELECT generate_series: posting a million requests would take longer than the
// bench. Run it alone with `node bench/run.mjs retention`; BENCH_FLOWHUB_MAIN points at a build
// other than dist/src/main.js.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { orderBody } from './lib/load.mjs';
import { ingest } from './lib/phases.mjs';
import { freePort, startNode, waitForOk } from './lib/processes.mjs';
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
    // The bench starts the pass itself (POST /retention/prune), at the start of a window.
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

/** POST /retention/prune; over node:http, which waits as long as a pass takes (fetch gives up at 300 s). */
const prune = (origin) =>
  new Promise((resolve, reject) => {
    const call = request(`${origin}/api/v1/retention/prune`, {
      method: 'POST',
      headers: { authorization: `Bearer ${S.ADMIN_KEY}`, 'content-length': 0 },
    });
    call.on('response', (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () =>
        response.statusCode === 200
          ? resolve(JSON.parse(text))
          : reject(new Error(`prune: ${response.statusCode} ${text}`)),
      );
    });
    call.on('error', reject);
    call.end();
  });

/**
 * One phase on a fresh database: seed, warm up, then windows of 1,000 req/s. With `prune`, the
 * pass starts with the first window and windows go on until it is over; without, `windows` of
 * them (as many as the pruning phase had).
 */
async function phase(receiver, RUNS, { prune: pruning, windows: count }) {
  const db = `flowhub_bench_retention_${pruning ? 'prune' : 'base'}_${process.pid}`;
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
    log(
      `windows of ${WINDOW_S} s at ${RATE} req/s ${pruning ? 'while pruning' : 'without pruning'}`,
    );
    let done = !pruning;
    const pass = pruning ? prune(proc.origin).finally(() => (done = true)) : undefined;
    const windows = [];
    while (pruning ? !done : windows.length < count) windows.push(await load());
    const report = await pass;
    return { seedS, seededMb, windows, report, afterMb: await sizeMb(client) };
  } finally {
    await client.end();
    await proc.stop();
    await S.dropDatabase(db).catch(() => undefined);
    await S.clearRedisPrefix(`${db}q`).catch(() => undefined);
  }
}

const mean = (windows) => windows.reduce((sum, w) => sum + w.p99, 0) / windows.length;
const worst = (windows) => Math.max(...windows.map((w) => w.p99));
const round2 = (n) => Math.round(n * 100) / 100;

export async function retentionBench(seeded = 1_000_000) {
  const RUNS = Number(process.env.BENCH_RETENTION_RUNS ?? seeded);
  // Alone: windows of 20 s; in npm run bench, 5 s, to keep inside its time.
  WINDOW_S = Number(process.env.BENCH_RETENTION_WINDOW_S ?? (seeded === 1_000_000 ? 20 : 5));
  const receiver = await S.startReceiver();
  try {
    const pruning = await phase(receiver, RUNS, { prune: true });
    const base = await phase(receiver, RUNS, { prune: false, windows: pruning.windows.length });
    const brief = (w) => ({ p99: w.p99, p50: w.p50, perSecond: Math.round(w.perSecond) });
    return {
      runs: RUNS,
      seedS: pruning.seedS,
      windowS: WINDOW_S,
      rate: RATE,
      p99: {
        withoutPruning: round2(mean(base.windows)),
        whilePruning: round2(mean(pruning.windows)),
        worstWithout: worst(base.windows),
        worstWhile: worst(pruning.windows),
      },
      p99Ratio: round2(mean(pruning.windows) / mean(base.windows)),
      worstRatio: round2(worst(pruning.windows) / worst(base.windows)),
      windowsWithout: base.windows.map(brief),
      windowsWhile: pruning.windows.map(brief),
      prune: pruning.report,
      sizeMb: {
        seeded: pruning.seededMb,
        afterPrune: pruning.afterMb,
        withoutPruning: base.afterMb,
      },
    };
  } finally {
    await receiver.stop();
  }
}

/** The report's lines. */
export function formatRetention(r) {
  const { p99 } = r;
  return [
    `retention: pruning ${r.prune.runs} old runs (+${r.prune.steps} steps, ${r.prune.requests} requests) in ${Math.round(r.prune.ms / 1000)} s, ingesting ${r.rate} req/s`,
    `  ingest p99 (mean of ${r.windowsWhile.length} windows of ${r.windowS} s): ${p99.whilePruning} ms while pruning, ${p99.withoutPruning} ms without -> ratio ${r.p99Ratio} (target <= 1.5)`,
    `  worst window: ${p99.worstWhile} ms while pruning, ${p99.worstWithout} ms without -> ratio ${r.worstRatio}`,
    `  tables: ${r.sizeMb.seeded} MB seeded -> ${r.sizeMb.afterPrune} MB after the pass (${r.sizeMb.withoutPruning} MB without pruning); seeded in ${r.seedS} s`,
  ].join('\n');
}
