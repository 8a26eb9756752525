import { Injectable, Logger } from '@nestjs/common';
import type { CompiledStep } from '../engine/compiled-flow.js';
import { nextRetryDelayMs, resolveRetryPolicy } from '../engine/retry-policy.js';
import { PluginRegistry } from '../plugin-host/plugin-registry.js';
import { RunEvents } from '../webhooks/run-events.service.js';
import { RunQueue } from './run-queue.service.js';
import type { StepAttempt as AttemptEntry } from './run-step.entity.js';
import { RunStepsRepository, type GoingOn, type ClaimedStep } from './run-steps.repository.js';
import type { AttemptOutcome } from './step-attempt.service.js';

/**
 * The end of one attempt in Postgres: success and skip (through the caller, who moves the run
 * on), a retry or a sleep (re-enqueued with its delay), a failure (the run fails, or goes on
 * with onError continue). Every write is fenced by the attempt number.
 */
@Injectable()
export class StepOutcomes {
  private readonly logger = new Logger('RunExecutor');

  constructor(
    private readonly steps: RunStepsRepository,
    private readonly plugins: PluginRegistry,
    private readonly queue: RunQueue,
    private readonly events: RunEvents,
  ) {}

  policyOf(step: CompiledStep) {
    return resolveRetryPolicy(
      step.definition.retry,
      this.plugins.getAction(step.definition.action)?.action.retry,
    );
  }

  /**
   * Writes an attempt's outcome. `goOn` records an outcome that lets the run go on (and
   * moves the run along); retries and sleeps are recorded here and re-enqueued.
   */
  async record(
    runId: string,
    step: CompiledStep,
    claimed: ClaimedStep,
    outcome: AttemptOutcome,
    goOn: (result: GoingOn) => Promise<boolean>,
  ): Promise<void> {
    const { id: stepId } = step.definition;
    const warnings = outcome.warnings;
    const entry = (kind: AttemptEntry['outcome'], error?: string): AttemptEntry => ({
      attempt: claimed.attempt,
      startedAt: new Date(claimed.claimedAt).toISOString(),
      finishedAt: new Date().toISOString(),
      outcome: kind,
      ...(error ? { error } : {}),
    });
    switch (outcome.kind) {
      case 'succeeded':
        await goOn({
          status: 'succeeded',
          input: outcome.input,
          output: outcome.output,
          entry: entry('succeeded'),
          warnings,
        });
        return;
      case 'skipped':
        await goOn(
          outcome.reason === 'dry-run'
            ? {
                status: 'skipped',
                reason: 'dry-run',
                input: outcome.input,
                output: outcome.output,
                sampleOutput: outcome.sample,
                entry: entry('succeeded'),
                warnings,
              }
            : { status: 'skipped', reason: 'when', output: null, entry: entry('succeeded') },
        );
        return;
      case 'sleeping': {
        const result = {
          status: 'pending' as const,
          input: outcome.input,
          nextAttemptAt: outcome.until,
          wakeAt: outcome.until,
          entry: entry('sleeping'),
          warnings,
        };
        if (await this.steps.recordAttempt(runId, stepId, claimed.attempt, result)) {
          await this.queue.step(
            runId,
            stepId,
            `wake-${claimed.attempt}`,
            outcome.until.getTime() - Date.now(),
          );
        }
        return;
      }
      case 'failed':
        return this.recordFailure(runId, step, claimed, outcome, entry, goOn);
    }
  }

  private async recordFailure(
    runId: string,
    step: CompiledStep,
    claimed: ClaimedStep,
    outcome: Extract<AttemptOutcome, { kind: 'failed' }>,
    entry: (kind: AttemptEntry['outcome'], error?: string) => AttemptEntry,
    goOn: (result: GoingOn) => Promise<boolean>,
  ) {
    const { error } = outcome;
    const { id: stepId } = step.definition;
    const delay = error.retryable
      ? nextRetryDelayMs(this.policyOf(step), claimed.attempt, { retryAfterMs: error.retryAfterMs })
      : undefined;
    const common = {
      input: outcome.input,
      error: error.message,
      errorCode: error.code,
      warnings: outcome.warnings,
    };
    if (delay !== undefined) {
      const result = {
        ...common,
        status: 'pending' as const,
        nextAttemptAt: new Date(Date.now() + delay),
        entry: entry('retrying', error.message),
      };
      if (await this.steps.recordAttempt(runId, stepId, claimed.attempt, result)) {
        await this.queue.step(runId, stepId, String(claimed.attempt + 1), delay);
      }
      return;
    }
    const failed = { ...common, status: 'failed' as const, entry: entry('failed', error.message) };
    const stepFailed = () => this.events.stepFailed(runId, stepId, error.message, claimed.attempt);
    if (step.definition.onError === 'continue') {
      if (await goOn(failed)) stepFailed();
      return;
    }
    const recorded = await this.steps.transaction(async (manager) => {
      await this.steps.lockRun(manager, runId);
      if (!(await this.steps.finishAttempt(manager, runId, stepId, claimed.attempt, failed))) {
        return false;
      }
      const reason = `step '${stepId}' failed: ${error.message}`;
      await this.steps.finishRun(manager, runId, 'failed', reason, stepId);
      return true;
    });
    if (recorded) stepFailed();
    this.events.runFinished(runId);
    this.logger.warn(`run ${runId} failed at step ${stepId}: ${error.message}`);
  }
}
