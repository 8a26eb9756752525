import type { SkipReason, StepAttempt, StepStatus } from '../run-step.entity.js';

/** The shapes the step protocol (RunStore) reads and writes. */

export interface NewStep {
  stepId: string;
  position: number;
  action: string;
  idempotencyKey: string;
}

export interface ClaimedStep {
  attempt: number;
  /** The step row's key: the run's own, or (a retry or fromStep replay) the replayed run's. */
  idempotencyKey: string;
  wakeAt: Date | null;
  itemOutputs: unknown[] | null;
  claimedAt: Date;
}

export interface DueStep {
  stepId: string;
  attempt: number;
}

/** What beginRun did: claimed the first step, or (a replay) found the next one. */
export interface BegunRun {
  claimed?: ClaimedStep & { stepId: string };
  next?: DueStep;
  fresh: boolean;
}

/** The end of one attempt, written only if this attempt still holds the step. */
export interface AttemptResult {
  status: StepStatus;
  input?: unknown;
  output?: unknown;
  error?: string | null;
  errorCode?: string | null;
  entry: StepAttempt;
  /** pending: when the next attempt (or the wake-up) is due. */
  nextAttemptAt?: Date;
  wakeAt?: Date;
  /** skipped: why. */
  reason?: SkipReason;
  warnings?: string[];
  /** The output is the action's sampleOutput (dry-run). */
  sampleOutput?: boolean;
}

/** What later steps see as $steps, and (dry-run) the steps skipped without an output. */
export interface RecordedOutputs {
  outputs: Record<string, unknown>;
  dryRunSkipped: Set<string>;
}

/** An attempt's end that lets the run go on: recorded together with the run's next move. */
export type GoingOn = AttemptResult & { status: 'succeeded' | 'skipped' | 'failed' };

/** A failure that ends the run: the step's last attempt and why the run failed. */
export interface RunFailure {
  stepId: string;
  attempt: number;
  result: AttemptResult & { status: 'failed' };
  reason: string;
}
