import { Injectable } from '@nestjs/common';
import type { CompiledFlow, CompiledStep } from '../engine/compiled-flow.js';
import { passesFilter, type StepScope } from '../engine/resolve-input.js';
import { classifyError } from '../engine/step-errors.js';
import { CompiledFlows } from '../flows/compiled-flows.cache.js';
import { RunQueue, type FlowVersionRef } from './run-queue.service.js';
import {
  RunStepsRepository,
  type BegunRun,
  type ClaimedStep,
  type DueStep,
  type GoingOn,
  type NewStep,
  type RecordedOutputs,
} from './run-steps.repository.js';
import type { RunWithRequest } from './run-with-request.js';
import { RunsRepository, type RunRow, type StoredRequestRow } from './runs.repository.js';
import { StepAttempts, type AttemptOutcome } from './step-attempt.service.js';
import { StepOutcomes } from './step-outcomes.service.js';
import { stepIdempotencyKey, stepLeaseMs } from '../engine/step-rules.js';
import { dryRunWarnings } from './dry-run.js';
import { triggerFrom } from './stored-request.js';
import { RunEvents } from '../webhooks/run-events.service.js';

/**
 * Steps that are due at once run back to back in the job that made them due, up to this many;
 * then the next one goes through the queue (so a long flow does not hold one worker slot).
 * Each step is still claimed and recorded in Postgres on its own, exactly as from a job.
 */
export const INLINE_STEPS = 10;

/** A run as one job works on it: the row, its stored request once read, the inline budget. */
interface RunContext extends RunRow {
  request?: StoredRequestRow;
  /** Outputs of succeeded steps, once read (or known empty), kept up to date in this job. */
  recorded?: RecordedOutputs;
  inlineBudget: number;
}

/**
 * Drives runs: a start job evaluates the trigger filter and creates the step rows; each
 * step job claims its step, runs one attempt, records it, and enqueues what comes next.
 * Every write is conditional on Postgres state, so any job may run twice safely.
 */
@Injectable()
export class RunExecutor {
  constructor(
    private readonly runs: RunsRepository,
    private readonly steps: RunStepsRepository,
    private readonly compiled: CompiledFlows,
    private readonly attempts: StepAttempts,
    private readonly outcomes: StepOutcomes,
    private readonly queue: RunQueue,
    private readonly events: RunEvents,
  ) {}

  /** The run's request is read with the run (findWithRequest), so this reads nothing. */
  private scopeOf(run: RunContext, outputs: Record<string, unknown>): StepScope {
    const { request } = run;
    if (!request) throw new Error(`run ${run.id}: its stored request ${run.request_id} is missing`);
    return {
      trigger: triggerFrom(request),
      steps: outputs,
      run: { id: run.id, flowId: run.flow_id, flowVersion: run.flow_version },
    };
  }

  /**
   * A start job. When the job names the run's flow version and that version has no trigger
   * filter, the run is begun and read in one statement (beginRunReading); otherwise it is read
   * first, its filter evaluated, then begun.
   */
  async start(runId: string, version?: FlowVersionRef): Promise<void> {
    if (version) {
      const flow = await this.compiled.get(version.flowId, version.flowVersion);
      if (!flow.filter) {
        const read = await this.steps.beginRunReading(
          runId,
          version,
          this.stepRows(runId, flow),
          this.firstLease(flow),
        );
        if (read?.begun) return this.begun(read.found, flow, read.begun);
        // Not queued any more, or (a stale job) of another version: the run says what to do.
        if (read?.found.run.status !== 'queued') return;
      }
    }
    const found = await this.runs.findWithRequest(runId);
    if (found?.run.status !== 'queued') return;
    const flow = await this.compiled.get(found.run.flow_id, found.run.flow_version);
    const scope = this.scopeOf({ ...found.run, request: found.request, inlineBudget: 0 }, {});
    let passes: boolean;
    try {
      passes = await passesFilter(flow, scope);
    } catch (error) {
      await this.steps.transaction((m) =>
        this.steps.finishRun(m, runId, 'failed', classifyError(error).message),
      );
      this.events.runFinished(runId);
      return;
    }
    if (!passes) {
      await this.steps.transaction((m) => this.steps.finishRun(m, runId, 'filtered'));
      return;
    }
    const begun = await this.steps.beginRun(
      runId,
      this.stepRows(runId, flow),
      this.firstLease(flow),
    );
    if (begun === false) return;
    await this.begun(found, flow, begun);
  }

  private stepRows(runId: string, flow: CompiledFlow): NewStep[] {
    return flow.steps.map((step) => ({
      stepId: step.definition.id,
      position: step.index,
      action: step.definition.action,
      idempotencyKey: stepIdempotencyKey(runId, step.definition.id),
    }));
  }

  /** The first step's lease (steps are in position order); 0 for a flow without steps. */
  private firstLease(flow: CompiledFlow): number {
    const first = flow.steps[0];
    return first ? this.leaseOf(first) : 0;
  }

  /** Goes on with a run this job just began: its first step claimed, or the next one due. */
  private async begun(found: RunWithRequest, flow: CompiledFlow, begun: BegunRun): Promise<void> {
    const running: RunContext = {
      ...found.run,
      request: found.request,
      status: 'running',
      inlineBudget: INLINE_STEPS,
      recorded: begun.fresh ? { outputs: {}, dryRunSkipped: new Set() } : undefined,
    };
    const claimed = begun.claimed && flow.step(begun.claimed.stepId);
    if (begun.claimed && claimed) {
      running.inlineBudget -= 1;
      await this.attemptAndRecord(running, flow, claimed, begun.claimed);
    } else if (begun.next) await this.continueWith(running, begun.next);
    else await this.advance(running);
  }

  private leaseOf(step: CompiledStep): number {
    return stepLeaseMs(step.definition);
  }

  /** When no step is left to run (a replay of a run whose steps are all done). */
  private async advance(run: RunContext) {
    const runId = run.id;
    const next = await this.steps.transaction(async (manager) => {
      await this.steps.lockRun(manager, runId);
      const pending = await this.steps.nextPending(runId, manager);
      if (!pending) await this.steps.finishRun(manager, runId, 'succeeded');
      return pending;
    });
    if (!next) return this.events.runFinished(runId);
    await this.continueWith(run, next);
  }

  /**
   * Records an attempt's end that lets the run go on and, in the same statement, marks the
   * next step due or finishes the run; then runs (or enqueues) that next step.
   */
  private async finishAndContinue(
    run: RunContext,
    stepId: string,
    claimed: ClaimedStep,
    result: GoingOn,
  ): Promise<boolean> {
    const done = await this.steps.finishAndAdvance(run.id, stepId, claimed.attempt, result);
    if (done.recorded && run.recorded) keepOutput(run.recorded, stepId, result);
    if (done.next) await this.continueWith(run, done.next);
    else this.events.runFinished(run.id);
    return done.recorded;
  }

  /** Runs a due step in this job while the inline budget lasts, else enqueues it. */
  private async continueWith(run: RunContext, next: DueStep): Promise<void> {
    if (run.inlineBudget > 0) {
      run.inlineBudget -= 1;
      return this.runStep(run, next.stepId);
    }
    await this.queue.step(run.id, next.stepId, String(next.attempt + 1));
  }

  async executeStep(runId: string, stepId: string): Promise<void> {
    const found = await this.runs.findWithRequest(runId);
    if (found?.run.status !== 'running') return;
    await this.runStep(
      { ...found.run, request: found.request, inlineBudget: INLINE_STEPS },
      stepId,
    );
  }

  private async runStep(run: RunContext, stepId: string): Promise<void> {
    const flow = await this.compiled.get(run.flow_id, run.flow_version);
    const step = flow.step(stepId);
    if (!step) return;
    const claimed = await this.steps.claim(run.id, stepId, this.leaseOf(step));
    if (!claimed) return;
    await this.attemptAndRecord(run, flow, step, claimed);
  }

  private async attemptAndRecord(
    run: RunContext,
    flow: CompiledFlow,
    step: CompiledStep,
    claimed: ClaimedStep,
  ): Promise<void> {
    const outcome = await this.attempt(run, flow, step, claimed);
    await this.outcomes.record(run.id, step, claimed, outcome, (result) =>
      this.finishAndContinue(run, step.definition.id, claimed, result),
    );
  }

  private async attempt(
    run: RunContext,
    flow: CompiledFlow,
    step: CompiledStep,
    claimed: ClaimedStep,
  ) {
    const policy = this.outcomes.policyOf(step);
    if (claimed.attempt > policy.attempts) {
      const message = `gave up after ${policy.attempts} attempts (a worker stopped during at least one of them)`;
      return {
        kind: 'failed',
        error: { retryable: false, message, code: 'attempts_exhausted' },
      } as AttemptOutcome;
    }
    run.recorded ??= await this.steps.outputs(run.id);
    const scope = this.scopeOf(run, { ...run.recorded.outputs });
    const { id: stepId } = step.definition;
    const dryRun = (run.mode_override ?? flow.definition.mode ?? 'live') === 'dry-run';
    const warnings = dryRun ? dryRunWarnings(step.definition, run.recorded.dryRunSkipped) : [];
    const outcome = await this.attempts.run({
      step,
      scope,
      dryRun,
      attempt: claimed.attempt,
      idempotencyKey: claimed.idempotencyKey,
      wokeAt: claimed.wakeAt ?? undefined,
      doneItems: claimed.itemOutputs ?? [],
      onItemDone: (outputs) =>
        this.steps.renewLease(
          run.id,
          stepId,
          claimed.attempt,
          stepLeaseMs(step.definition),
          outputs,
        ),
    });
    return warnings.length > 0 ? { ...outcome, warnings } : outcome;
  }
}

/** What later steps of this job see of a step just recorded (as stored). */
function keepOutput(recorded: RecordedOutputs, stepId: string, result: GoingOn): void {
  if (result.status === 'succeeded' || result.sampleOutput)
    recorded.outputs[stepId] = result.output ?? null;
  else if (result.reason === 'dry-run') recorded.dryRunSkipped.add(stepId);
}
