import { AppError, ErrorCode } from '../common/app-error.js';
import type { CompiledFlow } from '../engine/compiled-flow.js';
import { stepIdempotencyKey } from '../engine/step-rules.js';
import type { ReplayMode } from './dto/run.dto.js';
import type { SkipReason, StepStatus } from './run-step.entity.js';
import type { ReplayRecord } from './run.entity.js';
import type { RunRow } from './run-with-request.js';

/** What a replay asks for (POST /runs/:id/replay), as validated by ReplayRunDto. */
export interface ReplayRequest {
  mode?: ReplayMode;
  fromStep?: string;
  version?: 'pinned' | 'latest';
}

/** A step row of the replayed run, as the plan reads it. */
export interface ReplaySourceStep {
  step_id: string;
  status: StepStatus;
  reason: SkipReason | null;
  idempotency_key: string;
}

/** A step row the replay's run starts with: copied from the replayed run, or pending. */
export interface PlannedStep {
  stepId: string;
  position: number;
  action: string;
  idempotencyKey: string;
  reuse: boolean;
}

export interface ReplayPlan {
  record: ReplayRecord;
  /** Empty for a fresh replay: the start job creates every row with the new run's keys. */
  steps: PlannedStep[];
}

const bad = (message: string) => new AppError(ErrorCode.BadRequest, message);

/** The mode a request names, refusing fields that contradict each other. */
export function replayModeOf(request: ReplayRequest): ReplayMode {
  const { mode, fromStep } = request;
  if (mode === 'from-step' && fromStep === undefined)
    throw bad("mode 'from-step' needs fromStep: the id of the step to run again from");
  if (fromStep !== undefined && mode !== undefined && mode !== 'from-step') {
    throw bad(
      `fromStep cannot be combined with mode '${mode}': pass {"fromStep": "${fromStep}"} alone to run again from that step, or {"mode": "${mode}"} alone`,
    );
  }
  return mode ?? (fromStep === undefined ? 'retry' : 'from-step');
}

/**
 * How a step of the replayed run ended, for reuse: done (its outcome may be copied) or not.
 * A failed onError-continue step is done for fromStep (kept as it was) but not for retry.
 */
function isDone(row: ReplaySourceStep, run: RunRow, mode: ReplayMode, dryRun: boolean): boolean {
  if (row.status === 'succeeded') return true;
  if (row.status === 'skipped')
    return row.reason === 'when' || (dryRun && row.reason === 'dry-run');
  return mode === 'from-step' && row.status === 'failed' && row.step_id !== run.failed_step;
}

/** Where the replay starts running steps again (index in the target version's steps). */
function restartAt(
  mode: ReplayMode,
  { fromStep, flowVersion }: { fromStep?: string; flowVersion: number },
  flow: CompiledFlow,
  done: (id: string) => boolean,
  run: RunRow,
): number {
  const ids = flow.steps.map((s) => s.definition.id);
  if (mode === 'retry') {
    const index = ids.findIndex((id) => !done(id));
    if (index < 0 && ids.length > 0) {
      throw new AppError(
        ErrorCode.Conflict,
        `Run '${run.id}' finished every step: nothing to retry. Pass {"fromStep": "<step id>"} to run steps again with the same idempotency keys, or {"mode": "fresh"} for a new run with new keys (may repeat side effects)`,
      );
    }
    return Math.max(index, 0);
  }
  const index = ids.indexOf(fromStep ?? '');
  if (index < 0) {
    throw bad(
      `fromStep '${fromStep}' is not a step of version ${flowVersion} (steps: ${ids.join(', ')}): pass one of those ids`,
    );
  }
  return index;
}

/** Refuses a fromStep replay whose earlier steps cannot be reused as they were recorded. */
function checkReusable(
  flow: CompiledFlow,
  index: number,
  rows: Map<string, ReplaySourceStep>,
  done: (id: string) => boolean,
  run: RunRow,
) {
  for (const step of flow.steps.slice(0, index)) {
    const { id } = step.definition;
    const row = rows.get(id);
    if (!row) {
      throw bad(
        `step '${id}' comes before the step to run again, but run '${run.id}' has no record of it (it is not in the replayed version): pass a fromStep at or before '${id}', or {"mode": "fresh"}`,
      );
    }
    if (!done(id)) {
      const how = row.reason ? `${row.status}, ${row.reason}` : row.status;
      throw bad(
        `step '${id}' comes before the step to run again, but it did not finish in run '${run.id}' (${how}): pass {"fromStep": "${id}"}, or {} to retry from the first failed step`,
      );
    }
  }
}

/**
 * Which steps a replay copies (their recorded outcome, never run again) and which it runs,
 * with which idempotency keys: the replayed run's (a replay of a replay keeps the first
 * run's), or new ones for a fresh replay. Steps are matched by id in the target version.
 */
export function planReplay(
  run: RunRow,
  sources: ReplaySourceStep[],
  flow: CompiledFlow,
  request: ReplayRequest & { flowVersion: number; dryRun: boolean },
): ReplayPlan {
  const mode = replayModeOf(request);
  const version = request.version ?? 'pinned';
  const record = (reusedSteps: string[], keysFrom: string | null): ReplayRecord => ({
    mode,
    fromStep: request.fromStep ?? null,
    reusedSteps,
    version,
    keysFrom,
  });
  if (mode === 'fresh') return { record: record([], null), steps: [] };
  const rows = new Map(sources.map((row) => [row.step_id, row]));
  const done = (id: string) => {
    const row = rows.get(id);
    return row !== undefined && isDone(row, run, mode, request.dryRun);
  };
  const index = restartAt(mode, request, flow, done, run);
  if (mode === 'from-step') checkReusable(flow, index, rows, done, run);
  const keysFrom = run.replay?.keysFrom ?? run.id;
  const steps = flow.steps.map((step, position): PlannedStep => {
    const { id, action } = step.definition;
    const key = rows.get(id)?.idempotency_key ?? stepIdempotencyKey(keysFrom, id);
    return { stepId: id, position, action, idempotencyKey: key, reuse: position < index };
  });
  const reused = steps.filter((s) => s.reuse).map((s) => s.stepId);
  return { record: record(reused, keysFrom), steps };
}
