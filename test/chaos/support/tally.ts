import type { ChaosCluster } from './chaos-cluster.js';
import { eventually } from './chaos-cluster.js';
import { histogram, type PostResult } from './load.js';

/** What a scenario did and what it left behind; printed and recorded in docs/reliability.md. */
export interface Tally {
  posted: number;
  answers: Record<string, number>;
  accepted: number;
  refused503: number;
  /** Runs of the flow by status (all of them, not only the accepted ones). */
  runs: Record<string, number>;
  /** Accepted requests whose run succeeded. */
  acceptedSucceeded: number;
  /** Runs not in a final state, and step rows still pending or running. */
  openRuns: number;
  openSteps: number;
  /** Deal step attempts lost to a dead worker (history outcome `lost`) and all deal attempts. */
  lostAttempts: number;
  dealAttempts: number;
  /** Deals in the fake CRM created by this flow, and runs with other than exactly one. */
  deals: number;
  runsWithoutOneDeal: number;
  /** Calls to the deal endpoint (at-least-once) against deals stored (effectively once). */
  dealCalls: number;
  /** The last step: deliveries, keys applied (once each), keys delivered more than once. */
  notifyDeliveries: number;
  notifyKeys: number;
  notifyRepeated: number;
  /** Why runs failed, and the step rows left open (both should be empty). */
  failures: Record<string, number>;
  leftOpen: { run: string; step: string; status: string; runStatus: string }[];
}

const FINAL = ['succeeded', 'failed', 'filtered', 'cancelled'];

export async function countOpen(cluster: ChaosCluster) {
  const [row] = await cluster.postgres.query<{ runs: number; steps: number }>(
    `SELECT (SELECT count(*) FROM runs WHERE flow_id = $1 AND status NOT IN ('succeeded','failed','filtered','cancelled'))::int AS runs,
            (SELECT count(*) FROM run_steps s JOIN runs r ON r.id = s.run_id
              WHERE r.flow_id = $1 AND s.status IN ('pending','running'))::int AS steps`,
    [cluster.flowId],
  );
  return row;
}

/** Waits (up to `ms`) until every run of the flow is final; true when it happened. */
export async function settle(cluster: ChaosCluster, ms: number): Promise<boolean> {
  return eventually(async () => {
    const open = await countOpen(cluster);
    return open.runs === 0 && open.steps === 0;
  }, ms);
}

export async function tally(cluster: ChaosCluster, results: PostResult[]): Promise<Tally> {
  // 200: a retried delivery the flow had already stored (dedupe), answered with its run.
  const acceptedIds = results.flatMap((r) =>
    (r.status === 202 || r.status === 200) && r.runId ? [r.runId] : [],
  );
  const runs = await cluster.postgres.query<{ id: string; status: string }>(
    'SELECT id, status FROM runs WHERE flow_id = $1',
    [cluster.flowId],
  );
  const statusOf = new Map(runs.map((run) => [run.id, run.status]));
  const [attempts] = await cluster.postgres.query<{ lost: number; total: number }>(
    `SELECT count(*) FILTER (WHERE h->>'outcome' = 'lost')::int AS lost, count(*)::int AS total
     FROM run_steps s JOIN runs r ON r.id = s.run_id, jsonb_array_elements(s.history) h
     WHERE r.flow_id = $1 AND s.step_id = 'deal'`,
    [cluster.flowId],
  );
  const open = await countOpen(cluster);
  const failed = await cluster.postgres.query<{ error: string; count: number }>(
    `SELECT coalesce(error, '?') AS error, count(*)::int AS count FROM runs
     WHERE flow_id = $1 AND status = 'failed' GROUP BY 1`,
    [cluster.flowId],
  );
  const leftOpen = await cluster.postgres.query<{
    run: string;
    step: string;
    status: string;
    runStatus: string;
  }>(
    `SELECT s.run_id AS run, s.step_id AS step, s.status, r.status AS "runStatus"
     FROM run_steps s JOIN runs r ON r.id = s.run_id
     WHERE r.flow_id = $1 AND s.status IN ('pending', 'running') LIMIT 10`,
    [cluster.flowId],
  );
  const dealsPerRun = new Map<string, number>();
  for (const deal of cluster.zoho.deals()) {
    const runId = String(deal.Flowhub_Key ?? '').split(':')[0];
    dealsPerRun.set(runId, (dealsPerRun.get(runId) ?? 0) + 1);
  }
  const perKey = new Map<string, number>();
  for (const request of cluster.receiver.requests) {
    const key = String(request.headers['idempotency-key']);
    perKey.set(key, (perKey.get(key) ?? 0) + 1);
  }
  return {
    posted: results.length,
    answers: histogram(results.map((r) => r.status)),
    accepted: acceptedIds.length,
    refused503: results.reduce((sum, r) => sum + r.refused.length, 0),
    runs: histogram(runs.map((run) => run.status) as unknown as number[]),
    acceptedSucceeded: acceptedIds.filter((id) => statusOf.get(id) === 'succeeded').length,
    openRuns: open.runs,
    openSteps: open.steps,
    lostAttempts: attempts.lost,
    dealAttempts: attempts.total,
    deals: cluster.zoho.deals().length,
    runsWithoutOneDeal: acceptedIds.filter((id) => dealsPerRun.get(id) !== 1).length,
    dealCalls: cluster.zoho.dealCalls.length,
    notifyDeliveries: cluster.receiver.requests.length,
    notifyKeys: cluster.receiver.effects.size,
    notifyRepeated: [...perKey.values()].filter((count) => count > 1).length,
    failures: Object.fromEntries(failed.map((f) => [f.error.slice(0, 300), f.count])),
    leftOpen,
  };
}

/** One line per scenario in the test output (copied into docs/reliability.md). */
export function report(scenario: string, figures: object): void {
  process.stderr.write(`\nCHAOS ${scenario}: ${JSON.stringify(figures)}\n`);
}

export { FINAL };
