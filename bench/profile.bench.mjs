// `node bench/run.mjs profile`: where the time goes, the embedded default beside the Redis
// configuration. Each system (FLOWHUB_ROLE=all, 10 bench flows) gets a paced end-to-end window
// (every run drained) and an ingest window at 50 connections; bench/lib/sql-probe.mjs, preloaded
// into Flowhub, counts and times every PostgreSQL statement and Redis command and the event
// loop, and the bench takes the difference around each window. Prints a table per system and
// window; returns the figures (bench/run.mjs saves them).
// BENCH_PROFILE_RATE (default 150 runs/s), BENCH_PROFILE_WINDOW_S (10), BENCH_PROFILE_SYSTEMS
// (redis,embedded), BENCH_PROFILE_LOG_LEVEL (warn as in the other rows; `info` is the default a
// user runs, with its access log), BENCH_PROFILE=1 for CPU profiles as in the throughput bench.
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { flowhubCounts } from './lib/counts.mjs';
import { processTree } from './lib/memory.mjs';
import { orderBody, runLoad } from './lib/load.mjs';
import { cpuSeconds, measureCpu, peakRssMb } from './lib/processes.mjs';
import { classify, diffSnapshots, formatWindow } from './lib/probe-report.mjs';
import * as S from './lib/systems.mjs';

const PROBE = fileURLToPath(new URL('./lib/sql-probe.mjs', import.meta.url));
const PROFILE_DIR = fileURLToPath(new URL('./results/profiles', import.meta.url));
const RATE = Number(process.env.BENCH_PROFILE_RATE ?? 150);
const WINDOW_S = Number(process.env.BENCH_PROFILE_WINDOW_S ?? 10);
const SYSTEMS = (process.env.BENCH_PROFILE_SYSTEMS ?? 'redis,embedded').split(',');
const LOG_LEVEL = process.env.BENCH_PROFILE_LOG_LEVEL ?? 'warn';
const BODY = orderBody(1024);
const log = (message) =>
  console.error(`[profile ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function snapshot(pid, dir) {
  const file = join(dir, `${pid}.json`);
  await rm(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 100; i += 1) {
    await sleep(20);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text) return JSON.parse(text);
  }
  throw new Error(`no probe snapshot from ${pid}`);
}

async function drained(counts, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await counts()).pending === 0) return true;
    await sleep(100);
  }
  return false;
}

/** The embedded PostgreSQL: every process below Flowhub's. */
const descendants = async (root) => (await processTree(root)).slice(1);

/** The database side's processes: embedded PostgreSQL, or the bench database's backends + Redis. */
async function serverPids(system) {
  if (!system.db) return descendants(system.pid);
  const backends = await S.withAdmin(async (c) => {
    const { rows } = await c.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [
      system.db,
    ]);
    return rows.map((row) => row.pid);
  });
  const redis = execFileSync('pgrep', ['-x', 'redis-server'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(Number);
  return [...backends, ...redis];
}

async function cpuOf(pids) {
  const all = await Promise.all(pids.map((pid) => cpuSeconds(pid).catch(() => 0)));
  return all.reduce((a, b) => a + b, 0);
}

/** One window: the load, then (for runs) until the queue is empty; probe and CPU around it. */
async function window(system, spec, { drain }) {
  const before = await snapshot(system.pid, system.probeDir);
  const servers = await serverPids(system);
  const serverBefore = await cpuOf(servers);
  const started = Date.now();
  const { result, cpu } = await measureCpu([system.pid], async () => {
    const load = await runLoad({ origin: system.origin, paths: system.paths, body: BODY, ...spec });
    const empty = drain ? await drained(system.counts) : undefined;
    return { load, empty };
  });
  const wallS = (Date.now() - started) / 1000;
  const serverCpu = (await cpuOf(servers)) - serverBefore;
  const after = await snapshot(system.pid, system.probeDir);
  const probe = diffSnapshots(before, after);
  const n = Math.max(1, result.load.accepted);
  return {
    accepted: result.load.accepted,
    perSecond: result.load.accepted / result.load.durationS,
    p50: result.load.p50,
    p99: result.load.p99,
    drained: result.empty,
    wallS,
    cpuMsPer: (cpu * 1000) / n,
    cores: cpu / wallS,
    serverCpuMsPer: (serverCpu * 1000) / n,
    serverCores: serverCpu / wallS,
    serverProcesses: servers.length,
    ...probe,
    stages: classify(probe, n),
  };
}

/** BENCH_PROFILE_ENV="A=1,B=2": more variables for Flowhub (what-if builds, settings). */
function extraEnv() {
  const pairs = (process.env.BENCH_PROFILE_ENV ?? '').split(',').filter(Boolean);
  return Object.fromEntries(
    pairs.map((pair) => [pair.split('=')[0], pair.split('=').slice(1).join('=')]),
  );
}

async function withSystem(kind, receiverUrl, work) {
  const probeDir = await mkdtemp(join(tmpdir(), 'flowhub-probe-'));
  const dataDir = kind === 'embedded' ? await mkdtemp(join(tmpdir(), 'flowhub-bench-')) : null;
  const db = kind === 'embedded' ? null : `flowhub_bench_profile_${process.pid}`;
  if (dataDir) await chmod(dataDir, 0o711);
  if (db) await S.createDatabase(db);
  const flags = ['--import', PROBE];
  if (process.env.BENCH_PROFILE) {
    await mkdir(PROFILE_DIR, { recursive: true });
    flags.push('--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`);
  }
  const proc = await S.startFlowhub({
    role: 'all',
    storage: dataDir ? { dataDir } : { db, prefix: `${db}q` },
    concurrency: Number(process.env.BENCH_WORKER_CONCURRENCY ?? 20),
    nodeFlags: flags,
    env: { BENCH_PROBE_DIR: probeDir, LOG_LEVEL, ...extraEnv() },
  });
  const counts = flowhubCounts(proc.origin, db);
  try {
    const paths = await S.createFlowhubFlows(proc.origin, 10, (i) =>
      S.benchFlow(`bench-${i}`, receiverUrl),
    );
    return await work({ pid: proc.pid, origin: proc.origin, paths, counts, probeDir, db });
  } finally {
    await counts.close?.();
    await proc.stop();
    if (db) await S.dropDatabase(db).catch(() => undefined);
    if (db) await S.clearRedisPrefix(`${db}q`).catch(() => undefined);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await rm(probeDir, { recursive: true, force: true });
  }
}

export async function profileBench() {
  const results = { startedAt: new Date().toISOString(), rate: RATE, windowS: WINDOW_S };
  results.logLevel = LOG_LEVEL;
  results.env = extraEnv();
  results.main = process.env.BENCH_FLOWHUB_MAIN ?? 'dist/src/main.js';
  const receiver = await S.startReceiver();
  try {
    for (const kind of SYSTEMS) {
      log(`${kind}: boot, flows, warm-up`);
      results[kind] = await withSystem(kind, receiver.url, async (system) => {
        await runLoad({
          origin: system.origin,
          paths: system.paths,
          body: BODY,
          rate: 100,
          connections: 20,
          durationS: 3,
        });
        await drained(system.counts);
        log(`${kind}: end to end, paced ${RATE} runs/s for ${WINDOW_S} s, drained`);
        const e2e = await window(
          system,
          { rate: RATE, connections: 50, durationS: WINDOW_S },
          { drain: true },
        );
        log(`${kind}: ingest, 50 connections for ${WINDOW_S} s (the worker runs too)`);
        const ingest = await window(
          system,
          { connections: 50, durationS: WINDOW_S },
          { drain: false },
        );
        await drained(system.counts, 120_000);
        return { e2e, ingest, peakRssMb: await peakRssMb(system.pid) };
      });
    }
  } finally {
    await receiver.stop();
  }
  return results;
}

export function formatProfile(results) {
  const extra = Object.entries(results.env ?? {}).map(([k, v]) => ` ${k}=${v}`);
  const lines = [
    `Flowhub profile, ${results.startedAt}, LOG_LEVEL=${results.logLevel}${extra.join('')}`,
  ];
  for (const kind of ['redis', 'embedded']) {
    const r = results[kind];
    if (!r) continue;
    lines.push('', formatWindow(`${kind}: end to end paced ${results.rate}/s, per run`, r.e2e));
    lines.push(
      '',
      formatWindow(`${kind}: ingest 50 connections (all role), per request`, r.ingest),
    );
    lines.push(`${kind}: peak RSS ${Math.round(r.peakRssMb)} MB (Flowhub process)`);
  }
  return lines.join('\n');
}
