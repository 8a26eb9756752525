import { Injectable, Logger } from '@nestjs/common';
import type { CompiledFlow, CompiledStep } from '../engine/compiled-flow.js';
import { passesFilter, type StepScope } from '../engine/resolve-input.js';
import { classifyError } from '../engine/step-errors.js';
import { stepIdempotencyKey, stepLeaseMs } from '../engine/step-rules.js';
import { CompiledFlows } from '../flows/compiled-flows.cache.js';
import { dryRunWarnings } from './dry-run.js';
import { RunQueue, type FlowVersionRef } from './run-queue.service.js';
import type { RunWithRequest } from './run-with-request.js';
import type { RunRow, StoredRequestRow } from './runs.repository.js';
import type {
  BegunRun,
  ClaimedStep,
  DueStep,
  GoingOn,
  NewStep,
  RecordedOutputs,
} from './state/run-state.types.js';
import { RunStore } from './state/run-store.js';
import { StepAttempts } from './step-attempt.service.js';
import type { AttemptOutcome } from './step-attempt.types.js';
import { StepOutcomes, type Decision } from './step-outcomes.service.js';
import { triggerFrom } from './stored-request.js';

/**
 * Steps that are due at once run back to back in the job that made them due, up to this many;
 * then the next one goes through the queue (so a long flow does not hold one worker slot).
 * Each step is still claimed and recorded in Postgres on its own, exactly as from a job.
 */
export const INLINE_STEPS = 10;

/** A run as one job works on it: the row, its stored request, the inline budget. */
interface RunContext extends RunRow {
  request?: StoredRequestRow;
  /** Outputs of succeeded steps, once read (or known empty), kept up to date in this job. */
  recorded?: RecordedOutputs;
  inlineBudget: number;
}

/** The job's next move: attempt a step it holds, or take a due step (inline or queued). */
type Move = { step: CompiledStep; claimed: ClaimedStep } | { due: DueStep };

/**
 * Drives runs as a plain loop: a start job evaluates the trigger filter and begins the run;
 * then while the job holds a step it runs one attempt, turns its end into a Decision
 * (StepOutcomes) and applies it through the RunStore, which answers the next move. Every write
 * is conditional on Postgres state, so any job may run twice safely.
 */
@Injectable()
export class RunExecutor {
  private readonly logger = new Logger('RunExecutor');

  constructor(
    private readonly store: RunStore,
    private readonly compiled: CompiledFlows,
    private readonly attempts: StepAttempts,
    private readonly outcomes: StepOutcomes,
    private readonly queue: RunQueue,
  ) {}

  /**
   * A start job. When the job names the run's flow version and that version has no trigger
   * filter, the run is begun and read in one statement (beginRunReading); otherwise it is read
   * first, its filter evaluated, then begun.
   */
  async start(runId: string, version?: FlowVersionRef): Promise<void> {
    if (version) {
      const flow = await this.compiled.get(version.flowId, version.flowVersion);
      if (!flow.filter) {
        const steps = stepRows(runId, flow);
        const read = await this.store.beginRunReading(runId, version, steps, firstLease(flow));
        if (read?.begun) return this.begun(read.found, flow, read.begun);
        // Not queued any more, or (a stale job) of another version: the run says what to do.
        if (read?.found.run.status !== 'queued') return;
      }
    }
    const found = await this.store.findWithRequest(runId);
    if (found?.run.status !== 'queued') return;
    const flow = await this.compiled.get(found.run.flow_id, found.run.flow_version);
    const scope = scopeOf({ ...found.run, request: found.request, inlineBudget: 0 }, {});
    let passes: boolean;
    try {
      passes = await passesFilter(flow, scope);
    } catch (error) {
      return this.store.endRun(runId, 'failed', classifyError(error).message);
    }
    if (!passes) return this.store.endRun(runId, 'filtered');
    const begun = await this.store.beginRun(runId, stepRows(runId, flow), firstLease(flow));
    if (begun !== false) await this.begun(found, flow, begun);
  }

  /** A step job: the step claimed, then the run driven on from it. */
  async executeStep(runId: string, stepId: string): Promise<void> {
    const found = await this.store.findWithRequest(runId);
    if (found?.run.status !== 'running') return;
    const run: RunContext = { ...found.run, request: found.request, inlineBudget: INLINE_STEPS };
    const flow = await this.compiled.get(run.flow_id, run.flow_version);
    const move = await this.claim(run, flow, stepId);
    if (move) await this.drive(run, flow, move);
  }

  /** Goes on with a run this job just began: its first step claimed, or the next one due. */
  private async begun(found: RunWithRequest, flow: CompiledFlow, begun: BegunRun): Promise<void> {
    const run: RunContext = {
      ...found.run,
      request: found.request,
      status: 'running',
      inlineBudget: INLINE_STEPS,
      recorded: begun.fresh ? { outputs: {}, dryRunSkipped: new Set() } : undefined,
    };
    const step = begun.claimed && flow.step(begun.claimed.stepId);
    if (begun.claimed && step) {
      run.inlineBudget -= 1;
      return this.drive(run, flow, { step, claimed: begun.claimed });
    }
    // A replay whose steps are copied: the next pending one, or the run is done.
    const due = begun.next ?? (await this.store.advance(run.id));
    if (due) await this.drive(run, flow, { due });
  }

  /** The loop: attempt, decide, apply, until no step is due in this job. */
  private async drive(run: RunContext, flow: CompiledFlow, first: Move): Promise<void> {
    let move: Move | undefined = first;
    while (move) {
      if ('due' in move) {
        const { stepId, attempt } = move.due;
        if (run.inlineBudget <= 0) return this.queue.step(run.id, stepId, String(attempt + 1));
        run.inlineBudget -= 1;
        move = await this.claim(run, flow, stepId);
        if (!move) return;
      }
      const outcome = await this.attempt(run, flow, move.step, move.claimed);
      const decision = this.outcomes.decide(move.step, move.claimed, outcome);
      const due = await this.apply(run, move.step, move.claimed, decision);
      move = due && { due };
    }
  }

  private async claim(run: RunContext, flow: CompiledFlow, stepId: string) {
    const step = flow.step(stepId);
    if (!step) return undefined;
    const claimed = await this.store.claim(run.id, stepId, stepLeaseMs(step.definition));
    return claimed && { step, claimed };
  }

  /** Writes a decision; answers the step now due, if this job should go on with it. */
  private async apply(
    run: RunContext,
    step: CompiledStep,
    claimed: ClaimedStep,
    decision: Decision,
  ): Promise<DueStep | undefined> {
    const stepId = step.definition.id;
    switch (decision.kind) {
      case 'advance': {
        const { result } = decision;
        const done = await this.store.finishAndAdvance(run.id, stepId, claimed.attempt, result);
        if (done.recorded && run.recorded) keepOutput(run.recorded, stepId, result);
        return done.next;
      }
      case 'retry': {
        const { result, jobId, delayMs } = decision;
        if (await this.store.recordAttempt(run.id, stepId, claimed.attempt, result)) {
          await this.queue.step(run.id, stepId, jobId, delayMs);
        }
        return undefined;
      }
      case 'fail':
        await this.store.failRun(run.id, decision.failure);
        this.logger.warn(
          `run ${run.id} failed at step ${stepId}: ${decision.failure.result.error}`,
        );
        return undefined;
    }
  }

  private async attempt(
    run: RunContext,
    flow: CompiledFlow,
    step: CompiledStep,
    claimed: ClaimedStep,
  ): Promise<AttemptOutcome> {
    const policy = this.outcomes.policyOf(step);
    if (claimed.attempt > policy.attempts) {
      const message = `gave up after ${policy.attempts} attempts (a worker stopped during at least one of them)`;
      return { kind: 'failed', error: { retryable: false, message, code: 'attempts_exhausted' } };
    }
    run.recorded ??= await this.store.outputs(run.id);
    const { id: stepId } = step.definition;
    const dryRun = (run.mode_override ?? flow.definition.mode ?? 'live') === 'dry-run';
    const warnings = dryRun ? dryRunWarnings(step.definition, run.recorded.dryRunSkipped) : [];
    const leaseMs = stepLeaseMs(step.definition);
    const outcome = await this.attempts.run({
      step,
      scope: scopeOf(run, { ...run.recorded.outputs }),
      dryRun,
      attempt: claimed.attempt,
      idempotencyKey: claimed.idempotencyKey,
      wokeAt: claimed.wakeAt ?? undefined,
      doneItems: claimed.itemOutputs ?? [],
      onItemDone: (outputs) =>
        this.store.renewLease(run.id, stepId, claimed.attempt, leaseMs, outputs),
    });
    return warnings.length > 0 ? { ...outcome, warnings } : outcome;
  }
}

/** The run's request is read with the run (findWithRequest), so this reads nothing. */
function scopeOf(run: RunContext, outputs: Record<string, unknown>): StepScope {
  const { request } = run;
  if (!request) throw new Error(`run ${run.id}: its stored request ${run.request_id} is missing`);
  return {
    trigger: triggerFrom(request),
    steps: outputs,
    run: { id: run.id, flowId: run.flow_id, flowVersion: run.flow_version },
  };
}

function stepRows(runId: string, flow: CompiledFlow): NewStep[] {
  return flow.steps.map((step) => ({
    stepId: step.definition.id,
    position: step.index,
    action: step.definition.action,
    idempotencyKey: stepIdempotencyKey(runId, step.definition.id),
  }));
}

/** The first step's lease (steps are in position order); 0 for a flow without steps. */
function firstLease(flow: CompiledFlow): number {
  const first = flow.steps[0];
  return first ? stepLeaseMs(first.definition) : 0;
}

/** What later steps of this job see of a step just recorded (as stored). */
function keepOutput(recorded: RecordedOutputs, stepId: string, result: GoingOn): void {
  if (result.status === 'succeeded' || result.sampleOutput)
    recorded.outputs[stepId] = result.output ?? null;
  else if (result.reason === 'dry-run') recorded.dryRunSkipped.add(stepId);
}
