// The measurements: ingest at a concurrency or a fixed rate, and the highest sustained end-to-end
// rate. `system` is { pids, origin, paths, counts() } where counts() says how many runs are
// still pending and how many failed.
import { setTimeout as sleep } from 'node:timers/promises';
import { runLoad } from './load.mjs';
import { measureCpu } from './processes.mjs';

export const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 5);

/** One load window; adds CPU ms per accepted request of the system's processes. */
export async function ingest(
  system,
  {
    connections = 50,
    rate,
    bursts = false,
    body,
    paths = system.paths,
    durationS = WINDOW_S,
    once = false,
  },
) {
  const { result, cpu } = await measureCpu(system.pids, () =>
    runLoad({ origin: system.origin, paths, body, connections, durationS, rate, bursts, once }),
  );
  return {
    ...result,
    cpuMsPerRequest: (cpu * 1000) / Math.max(1, result.accepted),
    cores: cpu / result.durationS,
  };
}

export async function waitUntilDrained(system, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const counts = await system.counts();
    if (counts.pending === 0 || Date.now() >= until) return counts;
    await sleep(100);
  }
}

const GRACE_MS = 1000;

/**
 * One trial at `rate` runs/s for WINDOW_S: sustained when (nearly) every request was accepted
 * and the queue is empty within GRACE_MS of the window's end, with no failed run. The load is
 * autocannon's rate mode (each second's requests sent at its start, over 50 connections), the
 * load the reference figures were measured with; smooth arrivals batch less (see
 * docs/performance.md).
 */
async function trial(system, rate, body) {
  const before = await system.counts();
  const load = await ingest(system, { rate, bursts: true, connections: 50, body });
  const after = await waitUntilDrained(system, GRACE_MS);
  const sustained =
    load.accepted >= 0.97 * rate * WINDOW_S &&
    after.pending === 0 &&
    after.failed === before.failed;
  if (after.pending > 0) await waitUntilDrained(system, 60_000);
  return {
    rate,
    sustained,
    accepted: load.accepted,
    pendingAfterGrace: after.pending,
    failed: after.failed - before.failed,
    p99: load.p99,
  };
}

/**
 * Raises the rate by 1.5x until a trial fails, then bisects; at most `maxTrials` trials. A 2 s
 * warm-up at half the first rate comes first, and a failed first trial is run once more: a cold
 * process (JIT, pools) or a hiccup of the host failed it, and the bisection never went above it.
 */
export async function highestSustained(system, body, { start = 400, maxTrials = 6 } = {}) {
  await ingest(system, { rate: start / 2, bursts: true, connections: 50, body, durationS: 2 });
  await waitUntilDrained(system, 60_000);
  const trials = [];
  let good = 0;
  let bad = Infinity;
  let rate = start;
  while (trials.length < maxTrials) {
    let result = await trial(system, Math.round(rate), body);
    // A hiccup in the first trial would cap the whole bisection below the start: retry it once.
    if (trials.length === 0 && !result.sustained) {
      trials.push(result);
      result = await trial(system, Math.round(rate), body);
    }
    trials.push(result);
    if (result.sustained) good = Math.max(good, result.rate);
    else bad = Math.min(bad, result.rate);
    if (bad === Infinity) rate = good * 1.5;
    else if (good === 0) rate = bad / 1.5;
    else if (bad / good < 1.08) break;
    else rate = (good + bad) / 2;
  }
  return { runsPerSecond: good, trials };
}

/** CPU ms per run (ingest + execution) for `count` runs sent at a moderate rate. */
export async function costPerRun(system, body, { rate = 200, paths = system.paths } = {}) {
  const start = Date.now();
  const { result, cpu } = await measureCpu(system.pids, async () => {
    const load = await runLoad({
      origin: system.origin,
      paths,
      body,
      connections: 20,
      durationS: WINDOW_S,
      rate,
    });
    const counts = await waitUntilDrained(system, 60_000);
    return { load, counts };
  });
  return {
    runs: result.load.accepted,
    cpuMsPerRun: (cpu * 1000) / Math.max(1, result.load.accepted),
    wallS: (Date.now() - start) / 1000,
    pendingAtEnd: result.counts.pending,
  };
}
