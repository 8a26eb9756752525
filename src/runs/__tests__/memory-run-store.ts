import type { FlowVersionRef } from '../run-queue.service.js';
import type { RunRow } from '../run-with-request.js';
import type {
  AttemptResult,
  BegunRun,
  ClaimedStep,
  DueStep,
  GoingOn,
  NewStep,
  RecordedOutputs,
  RunFailure,
} from '../state/run-state.types.js';
import { RunStore } from '../state/run-store.js';
import type { OutboxEvent } from '../../events/domain-events.js';

interface StepRow extends NewStep {
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';
  attempt: number;
  output?: unknown;
  reason?: string;
}

/**
 * RunStore in memory, with the Postgres store's rules: the run's status guards every start and
 * end, a step is claimed only when pending and every earlier step has finished, and a result
 * is written only by the attempt that holds the step. It records the events it announces.
 */
export class MemoryRunStore extends RunStore {
  readonly runs = new Map<string, RunRow>();
  readonly steps = new Map<string, StepRow[]>();
  readonly events: OutboxEvent[] = [];

  addRun(id: string, flowId: string, flowVersion = 1): void {
    const at = new Date();
    this.runs.set(id, {
      ...{
        id,
        flow_id: flowId,
        flow_version: flowVersion,
        status: 'queued',
        request_id: `req-${id}`,
      },
      ...{ mode_override: null, replay_of: null, replay: null, error: null, failed_step: null },
      ...{ created_at: at, started_at: null, finished_at: null },
    });
  }

  private run(runId: string): RunRow {
    const run = this.runs.get(runId);
    if (!run) throw new Error(`no run ${runId}`);
    return run;
  }

  async findWithRequest(runId: string) {
    const run = this.runs.get(runId);
    if (!run) return undefined;
    const request = { method: 'POST', headers: {}, query: {}, body: { n: 1 }, content_type: null };
    return {
      run: { ...run },
      request: { ...request, received_at: run.created_at, size: 0, source_ip: null },
    };
  }

  async beginRun(runId: string, steps: NewStep[]): Promise<BegunRun | false> {
    const run = this.run(runId);
    if (run.status !== 'queued') return false;
    run.status = 'running';
    const rows = steps.map(
      (s, i) =>
        ({ ...s, status: i === 0 ? 'running' : 'pending', attempt: i === 0 ? 1 : 0 }) as StepRow,
    );
    this.steps.set(runId, rows);
    if (rows.length === 0) return { next: undefined, fresh: true };
    const claimed = { stepId: rows[0].stepId, idempotencyKey: rows[0].idempotencyKey, ...fresh() };
    return { claimed: { ...claimed, attempt: 1 }, fresh: true };
  }

  async beginRunReading(runId: string, flow: FlowVersionRef, steps: NewStep[]) {
    const found = await this.findWithRequest(runId);
    if (!found) return undefined;
    const ofVersion =
      found.run.flow_id === flow.flowId && found.run.flow_version === flow.flowVersion;
    return { begun: ofVersion ? await this.beginRun(runId, steps) : (false as const), found };
  }

  async endRun(runId: string, status: 'failed' | 'filtered', error?: string) {
    const run = this.run(runId);
    if (run.status !== 'queued' && run.status !== 'running') return;
    Object.assign(run, { status, error: error ?? null });
    if (status === 'failed') this.events.push({ name: 'run.failed', payload: { runId } });
  }

  async advance(runId: string): Promise<DueStep | undefined> {
    const next = this.rows(runId).find((s) => s.status === 'pending');
    if (next) return { stepId: next.stepId, attempt: next.attempt };
    this.succeed(runId);
    return undefined;
  }

  async claim(runId: string, stepId: string): Promise<ClaimedStep | undefined> {
    const rows = this.rows(runId);
    const index = rows.findIndex((s) => s.stepId === stepId);
    const earlierOpen = rows
      .slice(0, index)
      .some((s) => s.status === 'pending' || s.status === 'running');
    const step = rows[index];
    if (this.run(runId).status !== 'running' || !step || step.status !== 'pending' || earlierOpen)
      return undefined;
    step.status = 'running';
    step.attempt += 1;
    return { attempt: step.attempt, idempotencyKey: step.idempotencyKey, ...fresh() };
  }

  async renewLease(): Promise<void> {}

  async outputs(runId: string): Promise<RecordedOutputs> {
    const done = this.rows(runId).filter((s) => s.status === 'succeeded');
    return {
      outputs: Object.fromEntries(done.map((s) => [s.stepId, s.output])),
      dryRunSkipped: new Set(),
    };
  }

  async finishAndAdvance(runId: string, stepId: string, attempt: number, result: GoingOn) {
    if (!this.write(runId, stepId, attempt, result)) return { recorded: false };
    if (result.status === 'failed') this.events.push(stepFailed(runId, stepId, result, attempt));
    return { recorded: true, next: await this.advance(runId) };
  }

  async recordAttempt(runId: string, stepId: string, attempt: number, result: AttemptResult) {
    const step = this.write(runId, stepId, attempt, result);
    if (step && result.entry.outcome === 'sleeping') step.attempt -= 1;
    return step !== undefined;
  }

  async failRun(runId: string, { stepId, attempt, result, reason }: RunFailure) {
    if (!this.write(runId, stepId, attempt, result)) return false;
    Object.assign(this.run(runId), { status: 'failed', error: reason, failed_step: stepId });
    for (const s of this.rows(runId)) if (s.status === 'pending') s.status = 'skipped';
    this.events.push(stepFailed(runId, stepId, result, attempt), {
      name: 'run.failed',
      payload: { runId },
    });
    return true;
  }

  rows(runId: string): StepRow[] {
    return this.steps.get(runId) ?? [];
  }

  private write(runId: string, stepId: string, attempt: number, result: AttemptResult) {
    const step = this.rows(runId).find((s) => s.stepId === stepId);
    if (!step || step.status !== 'running' || step.attempt !== attempt) return undefined;
    Object.assign(step, { status: result.status, output: result.output, reason: result.reason });
    return step;
  }

  private succeed(runId: string): void {
    const run = this.run(runId);
    if (run.status !== 'running' || this.rows(runId).some((s) => s.status === 'running')) return;
    run.status = 'succeeded';
    this.events.push({ name: 'run.succeeded', payload: { runId } });
  }
}

const fresh = () => ({ wakeAt: null, itemOutputs: null, claimedAt: new Date() });

const stepFailed = (
  runId: string,
  stepId: string,
  result: AttemptResult,
  attempts: number,
): OutboxEvent => ({
  name: 'step.failed',
  payload: { runId, stepId, error: result.error ?? '', attempts },
});
