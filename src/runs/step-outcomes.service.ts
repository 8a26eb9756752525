import { Injectable } from '@nestjs/common';
import type { CompiledStep } from '../engine/compiled-flow.js';
import { nextRetryDelayMs, resolveRetryPolicy } from '../engine/retry-policy.js';
import { PluginRegistry } from '../plugin-host/plugin-registry.js';
import type { StepAttempt as AttemptEntry } from './run-step.entity.js';
import type { AttemptResult, ClaimedStep, GoingOn, RunFailure } from './state/run-state.types.js';
import type { AttemptOutcome } from './step-attempt.types.js';

/** What the executor does with an attempt's end; every write it makes is fenced by the attempt. */
export type Decision =
  /** Recorded together with the run's next move (the next step due, or the run finished). */
  | { kind: 'advance'; result: GoingOn }
  /** Recorded as pending, then re-enqueued as job `jobId` after `delayMs` (a retry, a sleep). */
  | { kind: 'retry'; result: AttemptResult; delayMs: number; jobId: string }
  /** The step failed for good and the run fails with it. */
  | { kind: 'fail'; failure: RunFailure };

type FailedOutcome = Extract<AttemptOutcome, { kind: 'failed' }>;

/**
 * Turns the end of one attempt into a Decision: success and skip go on, a sleep or a
 * retryable failure waits, a last failure ends the run (or goes on with onError continue).
 * It writes nothing: the executor applies the decision through the run store.
 */
@Injectable()
export class StepOutcomes {
  constructor(private readonly plugins: PluginRegistry) {}

  policyOf(step: CompiledStep) {
    return resolveRetryPolicy(
      step.definition.retry,
      this.plugins.getAction(step.definition.action)?.action.retry,
    );
  }

  decide(step: CompiledStep, claimed: ClaimedStep, outcome: AttemptOutcome): Decision {
    const entry = entryOf(claimed);
    const { warnings } = outcome;
    switch (outcome.kind) {
      case 'succeeded': {
        const { input, output } = outcome;
        return {
          kind: 'advance',
          result: { status: 'succeeded', input, output, entry: entry('succeeded'), warnings },
        };
      }
      case 'skipped':
        return { kind: 'advance', result: skipped(outcome, entry('succeeded')) };
      case 'sleeping': {
        const { input, until } = outcome;
        const result = {
          status: 'pending' as const,
          input,
          nextAttemptAt: until,
          wakeAt: until,
          entry: entry('sleeping'),
          warnings,
        };
        const delayMs = until.getTime() - Date.now();
        return { kind: 'retry', result, delayMs, jobId: `wake-${claimed.attempt}` };
      }
      case 'failed':
        return this.failure(step, claimed, outcome, entry);
    }
  }

  private failure(
    step: CompiledStep,
    claimed: ClaimedStep,
    outcome: FailedOutcome,
    entry: (kind: AttemptEntry['outcome'], error?: string) => AttemptEntry,
  ): Decision {
    const { error } = outcome;
    const common = {
      input: outcome.input,
      error: error.message,
      errorCode: error.code,
      warnings: outcome.warnings,
    };
    const delay = error.retryable
      ? nextRetryDelayMs(this.policyOf(step), claimed.attempt, { retryAfterMs: error.retryAfterMs })
      : undefined;
    if (delay !== undefined) {
      const result = {
        ...common,
        status: 'pending' as const,
        nextAttemptAt: new Date(Date.now() + delay),
        entry: entry('retrying', error.message),
      };
      return { kind: 'retry', result, delayMs: delay, jobId: String(claimed.attempt + 1) };
    }
    const result = { ...common, status: 'failed' as const, entry: entry('failed', error.message) };
    const stepId = step.definition.id;
    if (step.definition.onError === 'continue') return { kind: 'advance', result };
    const reason = `step '${stepId}' failed: ${error.message}`;
    return { kind: 'fail', failure: { stepId, attempt: claimed.attempt, result, reason } };
  }
}

/** The attempt's history entry, from its claim to now. */
function entryOf(claimed: ClaimedStep) {
  return (kind: AttemptEntry['outcome'], error?: string): AttemptEntry => ({
    attempt: claimed.attempt,
    startedAt: new Date(claimed.claimedAt).toISOString(),
    finishedAt: new Date().toISOString(),
    outcome: kind,
    ...(error ? { error } : {}),
  });
}

function skipped(
  outcome: Extract<AttemptOutcome, { kind: 'skipped' }>,
  entry: AttemptEntry,
): GoingOn {
  if (outcome.reason !== 'dry-run')
    return { status: 'skipped', reason: 'when', output: null, entry };
  const { input, output, sample, warnings } = outcome;
  return {
    status: 'skipped',
    reason: 'dry-run',
    input,
    output,
    sampleOutput: sample,
    entry,
    warnings,
  };
}
