import type { CompiledStep } from '../engine/compiled-flow.js';
import type { StepScope } from '../engine/resolve-input.js';
import type { ClassifiedError } from '../engine/step-errors.js';

/** What one attempt of a step is given (AttemptRequest) and how it ended (AttemptOutcome). */

export type AttemptOutcome = (
  | { kind: 'succeeded'; input: unknown; output: unknown }
  | { kind: 'skipped'; reason: 'when' }
  /** Dry-run: the action has side effects and was not called; `sample`: output is sampleOutput. */
  | { kind: 'skipped'; reason: 'dry-run'; input: unknown; output: unknown; sample: boolean }
  | { kind: 'sleeping'; input: unknown; until: Date }
  | { kind: 'failed'; input?: unknown; error: ClassifiedError }
) & { warnings?: string[] };

export interface AttemptRequest {
  step: CompiledStep;
  /**
   * What the run record is resolved with (when, forEach, the recorded input): `$secrets` bound
   * to `[secret:NAME]` marks when the step names secrets.
   */
  scope: StepScope;
  /** The scope with the secret values, for the input the action gets (steps with secrets). */
  callScope?: StepScope;
  dryRun: boolean;
  attempt: number;
  idempotencyKey: string;
  wokeAt?: Date;
  /** forEach: outputs of items finished by earlier attempts. */
  doneItems: unknown[];
  /** forEach: called after each item, to save progress and renew the lease. */
  onItemDone(outputs: unknown[]): Promise<void>;
  /** Filled during the attempt: secret values it used (mark name -> value), for redaction. */
  revealed?: Record<string, string>;
  /** Named secrets of this step: name -> the origins each is bound to. */
  limitedTo?: Record<string, string[]>;
}
