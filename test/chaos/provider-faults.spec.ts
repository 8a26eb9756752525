import type { CrmFault } from './support/chaos-zoho.js';
import { startChaosCluster, type ChaosCluster } from './support/chaos-cluster.js';
import { histogram, postAtRate, scaled, SCALE } from './support/load.js';
import { report, settle } from './support/tally.js';

const RUNS = scaled(100, 20);
const RATE = 40;

interface StepView {
  id: string;
  status: string;
  attempts: number;
  error?: string;
  history: { attempt: number; startedAt: string; finishedAt: string; outcome: string }[];
}

/**
 * Scenario 4: the CRM misbehaves on the first deal write of every run. The upsert on the
 * deal's idempotency key (Flowhub_Key) makes a retried write update the deal it created.
 */
describe(`chaos 4: provider faults, ${RUNS} runs each`, () => {
  let cluster: ChaosCluster;

  beforeAll(async () => {
    cluster = await startChaosCluster({ workers: 2 });
  }, 120_000);
  afterAll(() => cluster?.close());

  async function phase(fault: CrmFault) {
    cluster.zoho.setFault(({ call }) => (call === 1 ? fault : 'none'));
    const results = await postAtRate(cluster.catchUrl, { count: RUNS, perSecond: RATE });
    const settled = await settle(cluster, 120_000);
    const runIds = results.map((r) => r.runId!);
    const runs = await Promise.all(
      runIds.map((id) => cluster.api.get(`/api/v1/runs/${id}`).then((r) => r.body)),
    );
    const deals = cluster.zoho.deals();
    const dealsOf = (id: string) => deals.filter((d) => String(d.Flowhub_Key).startsWith(id));
    const callsOf = (id: string) =>
      cluster.zoho.dealCalls.filter((call) => call.key === `${id}:deal`);
    const dealSteps = runs.map(
      (run) => run.steps.find((s: StepView) => s.id === 'deal') as StepView,
    );
    const gaps = runIds.flatMap((id) => {
      const calls = callsOf(id);
      return calls.length > 1 ? [calls[1].at - calls[0].at] : [];
    });
    const figures = {
      fault,
      answers: histogram(results.map((r) => r.status)),
      runs: histogram(runs.map((run) => run.status)),
      dealsPerRun: histogram(runIds.map((id) => dealsOf(id).length)),
      callsPerRun: histogram(runIds.map((id) => callsOf(id).length)),
      dealAttempts: histogram(dealSteps.map((s) => s.attempts)),
      minGapMs: gaps.length ? Math.min(...gaps) : null,
      exampleError: dealSteps.find((s) => s.error)?.error ?? null,
    };
    report(`4 provider fault ${fault}`, { scale: SCALE, ...figures });
    return { settled, runs, dealSteps, figures };
  }

  it.each(['commit-drop', 'commit-500', 'commit-hang'] as const)(
    '%s: the run succeeds with exactly one deal',
    async (fault) => {
      const { settled, figures } = await phase(fault);
      expect(settled).toBe(true);
      expect(figures.answers).toEqual({ 202: RUNS });
      expect(figures.runs).toEqual({ succeeded: RUNS });
      expect(figures.dealsPerRun).toEqual({ 1: RUNS });
      expect(figures.callsPerRun).toEqual({ 2: RUNS });
    },
  );

  it('DUPLICATE_DATA: a permanent failure naming the field and the existing record, no retry', async () => {
    const { settled, figures, dealSteps } = await phase('duplicate');
    expect(settled).toBe(true);
    expect(figures.runs).toEqual({ failed: RUNS });
    expect(figures.callsPerRun).toEqual({ 1: RUNS });
    expect(figures.dealsPerRun).toEqual({ 0: RUNS });
    for (const step of dealSteps) {
      expect(step).toMatchObject({ status: 'failed', attempts: 1 });
      expect(step.error).toContain('DUPLICATE_DATA');
      expect(step.error).toContain('Deal_Name');
      expect(step.error).toContain(cluster.zoho.existingDealId);
    }
  });

  it('429 with Retry-After: 1: the next attempt comes no sooner than 1 s later', async () => {
    const { settled, figures, dealSteps } = await phase('429');
    expect(settled).toBe(true);
    expect(figures.runs).toEqual({ succeeded: RUNS });
    expect(figures.dealsPerRun).toEqual({ 1: RUNS });
    expect(figures.callsPerRun).toEqual({ 2: RUNS });
    expect(figures.minGapMs).toBeGreaterThanOrEqual(1000);
    for (const step of dealSteps) {
      const [first, second] = step.history;
      expect(first.outcome).toBe('retrying');
      const gap = Date.parse(second.startedAt) - Date.parse(first.finishedAt);
      expect(gap).toBeGreaterThanOrEqual(1000);
    }
  });
});
