import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CompiledFlow, CompiledStep } from '../engine/compiled-flow.js';
import { passesFilter, type StepScope } from '../engine/resolve-input.js';
import { nextRetryDelayMs, resolveRetryPolicy } from '../engine/retry-policy.js';
import { classifyError } from '../engine/step-errors.js';
import { CompiledFlows } from '../flows/compiled-flows.js';
import { PluginRegistry } from '../plugin-host/plugin-registry.js';
import { RunQueue } from './run-queue.js';
import type { StepAttempt as AttemptEntry } from './run-step.entity.js';
import {
  RunStepsRepository,
  type AttemptResult,
  type ClaimedStep,
  type DueStep,
} from './run-steps.repository.js';
import { RunsRepository, type RunRow } from './runs.repository.js';
import { DEFAULT_STEP_TIMEOUT_MS, StepAttempts, type AttemptOutcome } from './step-attempt.js';
import { triggerFrom } from './stored-request.js';
import { RunEvents } from '../webhooks/run-events.js';

/** Extra lease beyond the step's timeout before the reconciler assumes the worker died. */
export const LEASE_MARGIN_MS = 5_000;
/**
 * Steps that are due at once run back to back in the job that made them due, up to this many;
 * then the next one goes through the queue (so a long flow does not hold one worker slot).
 * Each step is still claimed and recorded in Postgres on its own, exactly as from a job.
 */
export const INLINE_STEPS = 10;

type RequestRow = NonNullable<Awaited<ReturnType<RunsRepository['findRequest']>>>;

/** A run as one job works on it: the row, its stored request once read, the inline budget. */
interface RunContext extends RunRow {
  request?: RequestRow;
  /** Outputs of succeeded steps, once read (or known empty), kept up to date in this job. */
  outputs?: Record<string, unknown>;
  inlineBudget: number;
}

/**
 * Drives runs: a start job evaluates the trigger filter and creates the step rows; each
 * step job claims its step, runs one attempt, records it, and enqueues what comes next.
 * Every write is conditional on Postgres state, so any job may run twice safely.
 */
@Injectable()
export class RunExecutor {
  private readonly logger = new Logger('RunExecutor');

  constructor(
    private readonly runs: RunsRepository,
    private readonly steps: RunStepsRepository,
    private readonly compiled: CompiledFlows,
    private readonly attempts: StepAttempts,
    private readonly plugins: PluginRegistry,
    private readonly queue: RunQueue,
    private readonly events: RunEvents,
  ) {}

  private async scopeOf(run: RunContext, outputs: Record<string, unknown>): Promise<StepScope> {
    run.request ??= await this.runs.findRequest(run.request_id);
    const { request } = run;
    if (!request) throw new Error(`run ${run.id}: its stored request ${run.request_id} is missing`);
    return {
      trigger: triggerFrom(request),
      steps: outputs,
      run: { id: run.id, flowId: run.flow_id, flowVersion: run.flow_version },
    };
  }

  async start(runId: string): Promise<void> {
    const row = await this.runs.find(runId);
    if (row?.status !== 'queued') return;
    const run: RunContext = { ...row, inlineBudget: INLINE_STEPS };
    const flow = await this.compiled.get(run.flow_id, run.flow_version);
    const scope = await this.scopeOf(run, {});
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
    const rows = flow.steps.map((step) => ({
      stepId: step.definition.id,
      position: step.index,
      action: step.definition.action,
      idempotencyKey: `${runId}:${step.definition.id}`,
    }));
    const begun = await this.steps.beginRun(runId, rows);
    if (begun === false) return;
    const running: RunContext = {
      ...run,
      status: 'running',
      outputs: begun.fresh ? {} : undefined,
    };
    if (begun.next) await this.continueWith(running, begun.next);
    else await this.advance(running);
  }

  /**
   * Runs (or enqueues) the next pending step, or finishes the run when none is left;
   * `finished` records the step that just ended, in the same transaction.
   */
  private async advance(run: RunContext, finished?: (m: EntityManager) => Promise<boolean>) {
    const runId = run.id;
    const next = await this.steps.transaction(async (manager) => {
      await this.steps.lockRun(manager, runId);
      if (finished && !(await finished(manager))) return undefined;
      const pending = await this.steps.nextPending(runId, manager);
      if (!pending) await this.steps.finishRun(manager, runId, 'succeeded');
      return pending;
    });
    if (!next) return this.events.runFinished(runId);
    await this.continueWith(run, next);
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
    const row = await this.runs.find(runId);
    if (row?.status !== 'running') return;
    await this.runStep({ ...row, inlineBudget: INLINE_STEPS }, stepId);
  }

  private async runStep(run: RunContext, stepId: string): Promise<void> {
    const runId = run.id;
    const flow = await this.compiled.get(run.flow_id, run.flow_version);
    const step = flow.step(stepId);
    if (!step) return;
    const timeoutMs = step.definition.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
    const claimed = await this.steps.claim(runId, stepId, timeoutMs + LEASE_MARGIN_MS);
    if (!claimed) return;
    const outcome = await this.attempt(run, flow, step, claimed, timeoutMs);
    await this.record(run, step, claimed, outcome);
  }

  private async attempt(
    run: RunContext,
    flow: CompiledFlow,
    step: CompiledStep,
    claimed: ClaimedStep,
    timeoutMs: number,
  ) {
    const policy = this.policyOf(step);
    if (claimed.attempt > policy.attempts) {
      const message = `gave up after ${policy.attempts} attempts (a worker stopped during at least one of them)`;
      return {
        kind: 'failed',
        error: { retryable: false, message, code: 'attempts_exhausted' },
      } as AttemptOutcome;
    }
    run.outputs ??= await this.steps.outputs(run.id);
    const scope = await this.scopeOf(run, { ...run.outputs });
    const { id: stepId } = step.definition;
    return this.attempts.run({
      step,
      scope,
      dryRun: (run.mode_override ?? flow.definition.mode ?? 'live') === 'dry-run',
      attempt: claimed.attempt,
      idempotencyKey: `${run.id}:${stepId}`,
      wokeAt: claimed.wakeAt ?? undefined,
      doneItems: claimed.itemOutputs ?? [],
      onItemDone: (outputs) =>
        this.steps.renewLease(
          run.id,
          stepId,
          claimed.attempt,
          timeoutMs + LEASE_MARGIN_MS,
          outputs,
        ),
    });
  }

  private policyOf(step: CompiledStep) {
    return resolveRetryPolicy(
      step.definition.retry,
      this.plugins.getAction(step.definition.action)?.action.retry,
    );
  }

  private async record(
    run: RunContext,
    step: CompiledStep,
    claimed: ClaimedStep,
    outcome: AttemptOutcome,
  ) {
    const { id: stepId } = step.definition;
    const entry = (kind: AttemptEntry['outcome'], error?: string): AttemptEntry => ({
      attempt: claimed.attempt,
      startedAt: new Date(claimed.claimedAt).toISOString(),
      finishedAt: new Date().toISOString(),
      outcome: kind,
      ...(error ? { error } : {}),
    });
    const write = (result: AttemptResult) => (m: EntityManager) =>
      this.steps.finishAttempt(m, run.id, stepId, claimed.attempt, result);
    switch (outcome.kind) {
      case 'succeeded': {
        const recorded = write({
          status: 'succeeded',
          input: outcome.input,
          output: outcome.output,
          entry: entry('succeeded'),
        });
        return this.advance(run, async (manager) => {
          const ok = await recorded(manager);
          if (ok && run.outputs) run.outputs[stepId] = outcome.output ?? null; // as stored
          return ok;
        });
      }
      case 'skipped':
        return this.advance(
          run,
          write({ status: 'skipped', output: null, entry: entry('succeeded') }),
        );
      case 'sleeping': {
        const result = {
          status: 'pending' as const,
          input: outcome.input,
          nextAttemptAt: outcome.until,
          wakeAt: outcome.until,
          entry: entry('sleeping'),
        };
        if (await this.steps.transaction(write(result))) {
          await this.queue.step(
            run.id,
            stepId,
            `wake-${claimed.attempt}`,
            outcome.until.getTime() - Date.now(),
          );
        }
        return;
      }
      case 'failed':
        return this.recordFailure(run, step, claimed, outcome, entry, write);
    }
  }

  private async recordFailure(
    run: RunContext,
    step: CompiledStep,
    claimed: ClaimedStep,
    outcome: Extract<AttemptOutcome, { kind: 'failed' }>,
    entry: (kind: AttemptEntry['outcome'], error?: string) => AttemptEntry,
    write: (result: AttemptResult) => (m: EntityManager) => Promise<boolean>,
  ) {
    const { error } = outcome;
    const delay = error.retryable
      ? nextRetryDelayMs(this.policyOf(step), claimed.attempt, { retryAfterMs: error.retryAfterMs })
      : undefined;
    const common = { input: outcome.input, error: error.message, errorCode: error.code };
    if (delay !== undefined) {
      const result = {
        ...common,
        status: 'pending' as const,
        nextAttemptAt: new Date(Date.now() + delay),
        entry: entry('retrying', error.message),
      };
      if (await this.steps.transaction(write(result))) {
        await this.queue.step(run.id, step.definition.id, String(claimed.attempt + 1), delay);
      }
      return;
    }
    let recorded = false;
    const failed = async (manager: EntityManager) => {
      recorded = await write({
        ...common,
        status: 'failed',
        entry: entry('failed', error.message),
      })(manager);
      return recorded;
    };
    const stepFailed = () => {
      if (recorded)
        this.events.stepFailed(run.id, step.definition.id, error.message, claimed.attempt);
    };
    if (step.definition.onError === 'continue') {
      await this.advance(run, failed);
      return stepFailed();
    }
    await this.steps.transaction(async (manager) => {
      await this.steps.lockRun(manager, run.id);
      if (await failed(manager)) {
        const reason = `step '${step.definition.id}' failed: ${error.message}`;
        await this.steps.finishRun(manager, run.id, 'failed', reason);
      }
    });
    stepFailed();
    this.events.runFinished(run.id);
    this.logger.warn(`run ${run.id} failed at step ${step.definition.id}: ${error.message}`);
  }
}
