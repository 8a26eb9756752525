// Throughput benchmark: Flowhub against the local PostgreSQL and Redis (and the embedded
// default), next to a floor (bench/floor-server.mjs) measured in the same run. Load comes from
// autocannon in its own process. Returns the figures; bench/run.mjs prints and saves them.
// BENCH_PROFILE=1 writes CPU profiles of the Flowhub processes to bench/results/profiles.
// BENCH_ONLY=ingest,e2e,scaling,embedded,embedded-warn,embedded-bullmq runs a subset (the
// embedded rows: EMBEDDED_ROWS in bench/lib/embedded-report.mjs).
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloneFlowhubFlows, flowhubCounts, floorCounts } from './lib/counts.mjs';
import { orderBody } from './lib/load.mjs';
import { costPerRun, highestSustained, ingest, waitUntilDrained } from './lib/phases.mjs';
import { EMBEDDED_ROWS } from './lib/embedded-report.mjs';
import { pssPeak } from './lib/memory.mjs';
import { peakRssMb } from './lib/processes.mjs';
import * as S from './lib/systems.mjs';

const ONLY = new Set(
  (process.env.BENCH_ONLY ?? 'ingest,e2e,scaling,embedded,embedded-warn,embedded-bullmq').split(
    ',',
  ),
);
const PROFILE_DIR = fileURLToPath(new URL('./results/profiles', import.meta.url));
const nodeFlags = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
const CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 20);
const BODY_1K = orderBody(1024);
const BODY_256K = orderBody(256 * 1024);
const tag = `${process.pid}`;
const log = (message) =>
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

const rss = async (procs) =>
  (await Promise.all(procs.map((p) => peakRssMb(p.pid)))).reduce((a, b) => a + b, 0);

/** Ingest at 50 and 200 connections and at a fixed 1,000 and 4,000 req/s, after a warm-up. */
async function ingestSet(system) {
  await ingest(system, { connections: 50, body: BODY_1K, durationS: 2 });
  return {
    c50: await ingest(system, { connections: 50, body: BODY_1K }),
    c200: await ingest(system, { connections: 200, body: BODY_1K }),
    rate1000: await ingest(system, { connections: 50, rate: 1000, body: BODY_1K }),
    rate4000: await ingest(system, { connections: 200, rate: 4000, body: BODY_1K }),
  };
}

async function withDatabase(name, work) {
  await S.createDatabase(name);
  try {
    return await work(name);
  } finally {
    await S.dropDatabase(name).catch(() => undefined);
    await S.clearRedisPrefix(`${name}q`).catch(() => undefined);
  }
}

async function floorPhase(role, receiver, work) {
  return withDatabase(`flowhub_bench_floor_${role}_${tag}`, async (db) => {
    await S.floorSchema(db);
    const paths = await S.createFloorFlows(db, 10, (i) => S.benchFlow(`bench-${i}`, receiver.url));
    const proc = await S.startFloor({ role, db, prefix: `${db}q`, concurrency: CONCURRENCY });
    const counts = floorCounts(db);
    try {
      const system = { pids: [proc.pid], origin: proc.origin, paths, counts };
      const result = await work(system);
      return { ...result, peakRssMb: await rss([proc]) };
    } finally {
      await proc.stop();
      await counts.close();
    }
  });
}

async function flowhubPhase(role, receiver, work, storage, env = {}, concurrency = CONCURRENCY) {
  const run = async (storageOf) => {
    const proc = await S.startFlowhub({
      role,
      storage: storageOf,
      concurrency,
      nodeFlags,
      env,
    });
    const counts = flowhubCounts(proc.origin, storageOf.db);
    try {
      const paths = await S.createFlowhubFlows(proc.origin, 10, (i) =>
        S.benchFlow(`bench-${i}`, receiver.url),
      );
      const system = {
        pids: [proc.pid],
        origin: proc.origin,
        paths,
        counts,
        db: storageOf.db,
      };
      // Embedded: the Flowhub process with its PostgreSQL, shared pages counted once (Pss).
      const tree = storageOf.dataDir ? pssPeak(proc.pid) : undefined;
      const result = await work(system);
      const peakTree = await tree?.stop();
      return { ...result, peakRssMb: await rss([proc]), ...(peakTree && { peakTree }) };
    } finally {
      await counts.close?.();
      await proc.stop();
    }
  };
  if (storage === 'embedded') {
    const dataDir = await mkdtemp(join(tmpdir(), 'flowhub-bench-'));
    await chmod(dataDir, 0o711);
    try {
      return await run({ dataDir });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return withDatabase(`flowhub_bench_${role}_${tag}`, (db) => run({ db, prefix: `${db}q` }));
}

/** The embedded rows: end to end first (ingest leaves a backlog this one process works off). */
async function embeddedSet(system) {
  const e2e = await highestSustained(system, BODY_1K, { start: 300, maxTrials: 7 });
  // Each ingest window starts with the queue empty: a backlog left by the window before would
  // be worked off during it, in the same process.
  await waitUntilDrained(system, 120_000);
  const c50 = await ingest(system, { connections: 50, body: BODY_1K });
  await waitUntilDrained(system, 120_000);
  const rate1000 = await ingest(system, { connections: 50, rate: 1000, body: BODY_1K });
  return { c50, rate1000, e2e };
}

/** The window that cost less CPU per request: noise on a shared host only ever adds. */
const cheaper = (a, b) => (a.cpuMsPerRequest <= b.cpuMsPerRequest ? a : b);

/**
 * The scaling rows: 10 vs 10,000 flows and 1 KB vs 256 KB bodies (ingest, CPU per request).
 * Traffic over 10 flows and over all 10,000 alternates twice and the cheaper window of each
 * counts: one window each moved by +-40 % between runs minutes apart on this host.
 */
async function scaling(system) {
  const few = await ingest(system, { connections: 50, body: BODY_1K });
  const big = await ingest(system, { connections: 50, body: BODY_256K });
  log('cloning 9,990 flows');
  const more = await cloneFlowhubFlows(system.db, system.paths[0], 9990);
  const all = [...system.paths, ...more];
  // Every flow once first: the steady state is what scales, not the first request per flow.
  await ingest(system, { connections: 50, body: BODY_1K, paths: all, once: true });
  const many = await ingest(system, { connections: 50, body: BODY_1K, paths: all });
  const fewAgain = await ingest(system, { connections: 50, body: BODY_1K });
  const manyAgain = await ingest(system, { connections: 50, body: BODY_1K, paths: all });
  return {
    flows10: cheaper(few, fewAgain),
    flows10k: cheaper(many, manyAgain),
    windows: { few, fewAgain, many, manyAgain },
    body1k: few,
    body256k: big,
  };
}

export async function throughputBench() {
  const receiver = await S.startReceiver();
  const results = { startedAt: new Date().toISOString(), workerConcurrency: CONCURRENCY };
  try {
    if (ONLY.has('ingest')) {
      log('ingest: floor');
      results.floorIngest = await floorPhase('api', receiver, ingestSet);
      log('ingest: Flowhub (api role)');
      results.flowhubIngest = await flowhubPhase('api', receiver, async (system) => {
        const set = await ingestSet(system);
        // Peak RSS under the 1 KB ingest load, before the 256 KB and 10,000-flow windows.
        const rss1k = await peakRssMb(system.pids[0]);
        if (!ONLY.has('scaling')) return { ...set, peakRssMb1k: rss1k };
        return { ...set, peakRssMb1k: rss1k, scaling: await scaling(system) };
      });
    }
    if (ONLY.has('e2e')) {
      log('end to end: floor');
      results.floorE2e = await floorPhase('all', receiver, (system) =>
        highestSustained(system, BODY_1K),
      );
      log('end to end: Flowhub (all role)');
      results.flowhubE2e = await flowhubPhase('all', receiver, async (system) => {
        const sustained = await highestSustained(system, BODY_1K);
        if (!ONLY.has('scaling')) return sustained;
        const oneStep = await costPerRun(system, BODY_1K, { rate: 100 });
        const [five] = await S.createFlowhubFlows(system.origin, 1, () =>
          S.benchFlow('bench-5-steps', receiver.url, 5),
        );
        const fiveSteps = await costPerRun(system, BODY_1K, { rate: 100, paths: [five] });
        return { ...sustained, steps: { oneStep, fiveSteps } };
      });
    }
    for (const [key, row] of Object.entries(EMBEDDED_ROWS)) {
      if (!ONLY.has(row.only)) continue;
      const storage = row.storage ?? 'embedded';
      log(
        `${row.label}: Flowhub (all role, ${storage === 'embedded' ? 'embedded PostgreSQL' : 'local PostgreSQL + Redis'})`,
      );
      // As `npm start` runs: Flowhub's default worker concurrency, not the other rows' 20.
      results[key] = await flowhubPhase('all', receiver, embeddedSet, storage, row.env, null);
    }
  } finally {
    await receiver.stop();
  }
  return results;
}
