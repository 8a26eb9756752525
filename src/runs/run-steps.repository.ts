import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { storableJson, textSafe, textSafeOrNull } from '../database/jsonb-safe.js';
import { queryPrepared } from '../database/prepared-statement.js';
import {
  BEGIN_RUN,
  BEGIN_RUN_READING,
  CLAIM_STEP,
  FINISH_AND_ADVANCE,
  resultParams,
} from './run-steps.sql.js';
import { splitRunWithRequest, type RunWithRequest } from './run-with-request.js';
import type {
  AttemptResult,
  BegunRun,
  ClaimedStep,
  DueStep,
  GoingOn,
  NewStep,
  RecordedOutputs,
} from './run-steps.types.js';

export type {
  AttemptResult,
  BegunRun,
  ClaimedStep,
  DueStep,
  GoingOn,
  NewStep,
  RecordedOutputs,
} from './run-steps.types.js';

/** BEGIN_RUN's answer. */
interface BegunRow {
  started: number;
  inserted: number;
  claimed_step: string | null;
  claimed_at: Date;
}

function stepsJson(steps: NewStep[]): string {
  return JSON.stringify(
    steps.map((s) => ({
      step_id: s.stepId,
      position: s.position,
      action: s.action,
      key: s.idempotencyKey,
    })),
  );
}

/**
 * The step protocol in SQL. A step is claimed with a lease (status running, attempt + 1);
 * its result is written only while status = running and the attempt number still matches
 * (a fencing token), so a worker that lost its lease can never overwrite a newer attempt.
 */
@Injectable()
export class RunStepsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * queued -> running with its step rows, and the first step claimed for `leaseMs`, in one
   * statement (BEGIN_RUN); false when the run was not queued. A replay's run already has
   * step rows: then nothing is claimed and `next` is the first pending step (undefined when
   * none is left). `fresh` says every step row is new, so no step has an output yet.
   */
  async beginRun(runId: string, steps: NewStep[], leaseMs: number): Promise<BegunRun | false> {
    const {
      rows: [row],
    } = await queryPrepared<BegunRow>(this.dataSource, BEGIN_RUN, [
      runId,
      stepsJson(steps),
      leaseMs,
    ]);
    return this.begunOf(runId, row, steps);
  }

  /**
   * beginRun for a run known to be of `flowId` version `flowVersion` (BEGIN_RUN_READING), that
   * also answers with the run and its request as they were before: undefined when the run does
   * not exist; `begun` false when it was not queued or is of another version.
   */
  async beginRunReading(
    runId: string,
    flow: { flowId: string; flowVersion: number },
    steps: NewStep[],
    leaseMs: number,
  ): Promise<{ begun: BegunRun | false; found: RunWithRequest } | undefined> {
    const {
      rows: [row],
    } = await queryPrepared<BegunRow & Record<string, unknown>>(
      this.dataSource,
      BEGIN_RUN_READING,
      [runId, stepsJson(steps), leaseMs, flow.flowId, flow.flowVersion],
    );
    if (!row) return undefined;
    return {
      begun: await this.begunOf(runId, row, steps),
      found: splitRunWithRequest(row),
    };
  }

  private async begunOf(runId: string, row: BegunRow, steps: NewStep[]): Promise<BegunRun | false> {
    if (row.started === 0) return false;
    const fresh = row.inserted === steps.length;
    const first = steps.find((s) => s.stepId === row.claimed_step);
    if (row.claimed_step !== null && first) {
      const claimed = { attempt: 1, wakeAt: null, itemOutputs: null, claimedAt: row.claimed_at };
      const idempotencyKey = first.idempotencyKey;
      return { claimed: { stepId: row.claimed_step, idempotencyKey, ...claimed }, fresh };
    }
    return { next: await this.nextPending(runId), fresh };
  }

  /**
   * Records an attempt's end that lets the run go on, then marks the next step due or
   * finishes the run, in one statement (FINISH_AND_ADVANCE). `recorded` is false when
   * this attempt no longer held the step (then nothing was written).
   */
  async finishAndAdvance(
    runId: string,
    stepId: string,
    attempt: number,
    result: GoingOn,
  ): Promise<{ recorded: boolean; next?: DueStep }> {
    const {
      rows: [row],
    } = await queryPrepared<{
      recorded: number;
      next_step: string | null;
      next_attempt: number | null;
    }>(this.dataSource, FINISH_AND_ADVANCE, resultParams(runId, stepId, attempt, result));
    const next =
      row.next_step === null
        ? undefined
        : { stepId: row.next_step, attempt: row.next_attempt ?? 0 };
    return { recorded: row.recorded === 1, next };
  }

  /**
   * The next step to run (marked due now, so the reconciler can tell if its job is lost),
   * or undefined when every step has finished.
   */
  async nextPending(runId: string, manager?: EntityManager): Promise<DueStep | undefined> {
    // An UPDATE answers [rows, count] through TypeORM's query().
    const [rows]: [{ step_id: string; attempt: number }[]] = await (
      manager ?? this.dataSource
    ).query(
      `UPDATE run_steps SET next_attempt_at = coalesce(next_attempt_at, now())
       WHERE run_id = $1 AND step_id = (
         SELECT step_id FROM run_steps WHERE run_id = $1 AND status = 'pending' ORDER BY position LIMIT 1)
       RETURNING step_id, attempt`,
      [runId],
    );
    return rows[0] && { stepId: rows[0].step_id, attempt: rows[0].attempt };
  }

  /** CLAIM_STEP: the step leased for `leaseMs`, or undefined when it may not run now. */
  async claim(runId: string, stepId: string, leaseMs: number): Promise<ClaimedStep | undefined> {
    const {
      rows: [row],
    } = await queryPrepared<{
      attempt: number;
      wake_at: Date | null;
      item_outputs: unknown[] | null;
      idempotency_key: string;
      claimed_at: Date;
    }>(this.dataSource, CLAIM_STEP, [runId, stepId, leaseMs]);
    return (
      row && {
        attempt: row.attempt,
        idempotencyKey: row.idempotency_key,
        wakeAt: row.wake_at,
        itemOutputs: row.item_outputs,
        claimedAt: row.claimed_at,
      }
    );
  }

  async renewLease(
    runId: string,
    stepId: string,
    attempt: number,
    leaseMs: number,
    itemOutputs?: unknown[],
  ) {
    await this.dataSource.query(
      `UPDATE run_steps SET lease_until = now() + $4 * interval '1 millisecond',
              item_outputs = coalesce($5::jsonb, item_outputs)
       WHERE run_id = $1 AND step_id = $2 AND status = 'running' AND attempt = $3`,
      [runId, stepId, attempt, leaseMs, itemOutputs ? storableJson(itemOutputs) : null],
    );
  }

  /**
   * Outputs of the steps that succeeded so far, by step id ($steps), with the sample outputs
   * of steps skipped in dry-run; the dry-run-skipped steps without one are listed apart.
   */
  async outputs(runId: string): Promise<RecordedOutputs> {
    const rows: { step_id: string; output: unknown; status: string; sample_output: boolean }[] =
      await this.dataSource.query(
        `SELECT step_id, output, status, sample_output FROM run_steps
         WHERE run_id = $1 AND (status = 'succeeded' OR (status = 'skipped' AND reason = 'dry-run'))`,
        [runId],
      );
    const recorded: RecordedOutputs = { outputs: {}, dryRunSkipped: new Set() };
    for (const row of rows) {
      if (row.status === 'succeeded' || row.sample_output)
        recorded.outputs[row.step_id] = row.output;
      else recorded.dryRunSkipped.add(row.step_id);
    }
    return recorded;
  }

  /** finishAttempt as a statement of its own (a retry or a sleep: the run does not move on). */
  recordAttempt(runId: string, stepId: string, attempt: number, result: AttemptResult) {
    return this.finishAttempt(this.dataSource.manager, runId, stepId, attempt, result);
  }

  /** Records an attempt's end if this attempt still holds the step; false when fenced off. */
  async finishAttempt(
    manager: EntityManager,
    runId: string,
    stepId: string,
    attempt: number,
    result: AttemptResult,
  ) {
    const sleeping = result.entry.outcome === 'sleeping';
    const [, updated] = await manager.query(
      `UPDATE run_steps SET status = $4::varchar, input = coalesce($5::jsonb, input), output = $6::jsonb,
              error = $7::text, error_code = $8::varchar, history = history || $9::jsonb, lease_until = NULL,
              reason = $10::varchar, warnings = $11::jsonb, sample_output = $12::boolean,
              next_attempt_at = $13::timestamptz, wake_at = coalesce($14::timestamptz, wake_at),
              attempt = attempt - $15::int,
              finished_at = CASE WHEN $4::varchar IN ('succeeded', 'failed', 'skipped') THEN now() ELSE NULL END
       WHERE run_id = $1 AND step_id = $2 AND status = 'running' AND attempt = $3`,
      [
        ...resultParams(runId, stepId, attempt, result),
        result.nextAttemptAt ?? null,
        result.wakeAt ?? null,
        sleeping ? 1 : 0,
      ],
    );
    return updated === 1;
  }

  /** Serialises the end of attempts of one run, so the last one to finish sees the others. */
  async lockRun(manager: EntityManager, runId: string): Promise<void> {
    await manager.query('SELECT 1 FROM runs WHERE id = $1 FOR UPDATE', [runId]);
  }

  /** Ends the run; `failedStep` names the step whose failure ended it. */
  async finishRun(
    manager: EntityManager,
    runId: string,
    status: 'succeeded' | 'failed' | 'filtered',
    error?: string,
    failedStep?: string,
  ) {
    // A run succeeds only once no step is left running (re-driven steps may finish out of order).
    const onlyWhenIdle =
      status === 'succeeded'
        ? `AND NOT EXISTS (SELECT 1 FROM run_steps WHERE run_id = $1 AND status IN ('pending', 'running'))`
        : '';
    await manager.query(
      `UPDATE runs SET status = $2, error = $3, failed_step = $4, finished_at = now()
       WHERE id = $1 AND status IN ('queued', 'running') ${onlyWhenIdle}`,
      [runId, status, textSafeOrNull(error), failedStep ?? null],
    );
    if (status === 'succeeded') return;
    // A replay's run has step rows before it starts: a failed or filtered start skips them.
    const why =
      status === 'failed'
        ? { reason: 'run-failed', error: `not run: ${error ?? 'the run failed'}` }
        : { reason: 'run-filtered', error: 'not run: the trigger filter was false' };
    await manager.query(
      `UPDATE run_steps SET status = 'skipped', error = $2, reason = $3, next_attempt_at = NULL
       WHERE run_id = $1 AND status = 'pending'`,
      [runId, textSafe(why.error), why.reason],
    );
  }
}
