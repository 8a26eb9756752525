import type { RunDto, RunStepDto } from './dto/run.dto.js';
import type { SkipReason, StepAttempt } from './run-step.entity.js';
import type { RunRow } from './run-with-request.js';

/** The page cursor moved to common/ (webhooks pages use it too); re-exported for runs.service. */
export { decodeCursor, encodeCursor } from '../common/page-cursor.js';

export interface StepRow {
  step_id: string;
  action: string;
  status: string;
  attempt: number;
  input: unknown;
  output: unknown;
  error: string | null;
  error_code: string | null;
  reason: SkipReason | null;
  warnings: string[] | null;
  sample_output: boolean;
  idempotency_key: string;
  started_at: Date | null;
  finished_at: Date | null;
  next_attempt_at: Date | null;
  history: StepAttempt[];
}

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

/** A run as the API shows it; `definition` is the flow version the run used. */
export function runView(
  run: RunRow,
  definition: { name: string; mode?: 'live' | 'dry-run' },
): RunDto {
  return {
    id: run.id,
    flowId: run.flow_id,
    flowVersion: run.flow_version,
    flowName: definition.name,
    status: run.status,
    mode: run.mode_override ?? definition.mode ?? 'live',
    replayOf: run.replay_of,
    replay: run.replay_of && run.replay ? { of: run.replay_of, ...run.replay } : null,
    error: run.error,
    failedStep: run.failed_step,
    createdAt: new Date(run.created_at).toISOString(),
    startedAt: iso(run.started_at),
    finishedAt: iso(run.finished_at),
  };
}

export function stepView(row: StepRow): RunStepDto {
  const pendingRetry = row.status === 'pending' && row.attempt > 0;
  return {
    id: row.step_id,
    action: row.action,
    status: row.status,
    attempts: row.attempt,
    input: row.input,
    output: row.output,
    error: row.error,
    errorCode: row.error_code,
    reason: row.status === 'skipped' ? row.reason : null,
    warnings: row.warnings ?? [],
    sampleOutput: row.sample_output,
    idempotencyKey: row.idempotency_key,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    nextAttemptAt: pendingRetry ? iso(row.next_attempt_at) : null,
    history: row.history,
  };
}
