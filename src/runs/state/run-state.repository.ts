import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { storableJson, textSafe, textSafeOrNull } from '../../database/jsonb-safe.js';
import { queryPrepared } from '../../database/prepared-statement.js';
import type { OutboxEvent } from '../../events/domain-events.js';
import { DomainEvents } from '../../events/domain-events.service.js';
import { EventOutbox, outboxParam, outboxRowsOf } from '../../events/event-outbox.repository.js';
import type { FlowVersionRef } from '../run-queue.service.js';
import { splitRunWithRequest, type RunWithRequest } from '../run-with-request.js';
import { RunsRepository } from '../runs.repository.js';
import {
  BEGIN_RUN,
  BEGIN_RUN_READING,
  CLAIM_STEP,
  FINISH_AND_ADVANCE,
  FINISH_ATTEMPT,
  finishRunSql,
  LOCK_RUN,
  NEXT_PENDING,
  RENEW_LEASE,
  resultParams,
  SKIP_PENDING,
} from './run-state.sql.js';
import type {
  AttemptResult,
  BegunRun,
  ClaimedStep,
  DueStep,
  GoingOn,
  NewStep,
  RecordedOutputs,
  RunFailure,
} from './run-state.types.js';
import { RunStore } from './run-store.js';

interface BegunRow {
  started: number;
  inserted: number;
  claimed_step: string | null;
  claimed_at: Date;
}

const stepsJson = (steps: NewStep[]) =>
  JSON.stringify(
    steps.map((s) => ({
      step_id: s.stepId,
      position: s.position,
      action: s.action,
      key: s.idempotencyKey,
    })),
  );

/**
 * The one owner of runs/run_steps transitions in Postgres (the step protocol). A step is
 * claimed with a lease (status running, attempt + 1); its result is written only while status
 * = running and the attempt number still matches (a fencing token), so a worker that lost its
 * lease can never overwrite a newer attempt. Facts are announced through the outbox, written
 * with the transition, and only when a subscriber wants them.
 */
@Injectable()
export class RunState extends RunStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runs: RunsRepository,
    private readonly events: DomainEvents,
    private readonly outbox: EventOutbox,
  ) {
    super();
  }

  findWithRequest(runId: string): Promise<RunWithRequest | undefined> {
    return this.runs.findWithRequest(runId);
  }

  async beginRun(runId: string, steps: NewStep[], leaseMs: number): Promise<BegunRun | false> {
    const params = [runId, stepsJson(steps), leaseMs];
    const { rows } = await queryPrepared<BegunRow>(this.dataSource, BEGIN_RUN, params);
    return this.begunOf(runId, rows[0], steps);
  }

  async beginRunReading(runId: string, flow: FlowVersionRef, steps: NewStep[], leaseMs: number) {
    const params = [runId, stepsJson(steps), leaseMs, flow.flowId, flow.flowVersion];
    const {
      rows: [row],
    } = await queryPrepared<BegunRow & Record<string, unknown>>(
      this.dataSource,
      BEGIN_RUN_READING,
      params,
    );
    if (!row) return undefined;
    return { begun: await this.begunOf(runId, row, steps), found: splitRunWithRequest(row) };
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
    return { next: await this.nextPending(this.dataSource.manager, runId), fresh };
  }

  async endRun(runId: string, status: 'failed' | 'filtered', error?: string): Promise<void> {
    const wanted = status === 'failed' ? await this.events.wanted([runFailed(runId)]) : [];
    const rows = await this.dataSource.transaction(async (m) =>
      (await this.finishRun(m, runId, status, error)) ? this.outbox.record(m, wanted) : [],
    );
    this.events.relayed(rows);
  }

  async advance(runId: string): Promise<DueStep | undefined> {
    const wanted = await this.events.wanted([runSucceeded(runId)]);
    const { next, rows } = await this.dataSource.transaction(async (m) => {
      await m.query(LOCK_RUN, [runId]);
      const pending = await this.nextPending(m, runId);
      if (pending) return { next: pending, rows: [] };
      const finished = await this.finishRun(m, runId, 'succeeded');
      return { next: undefined, rows: finished ? await this.outbox.record(m, wanted) : [] };
    });
    this.events.relayed(rows);
    return next;
  }

  async finishAndAdvance(runId: string, stepId: string, attempt: number, result: GoingOn) {
    const candidates: (OutboxEvent & { onFinish?: boolean })[] = [
      { ...runSucceeded(runId), onFinish: true },
    ];
    if (result.status === 'failed') candidates.push(stepFailed(runId, stepId, result, attempt));
    const wanted = await this.events.wanted(candidates);
    const params = [...resultParams(runId, stepId, attempt, result), outboxParam(wanted)];
    const {
      rows: [row],
    } = await queryPrepared<{
      recorded: number;
      next_step: string | null;
      next_attempt: number | null;
      outbox: null | { id: string; name: OutboxEvent['name']; payload: OutboxEvent['payload'] }[];
    }>(this.dataSource, FINISH_AND_ADVANCE, params);
    this.events.relayed(outboxRowsOf(row.outbox));
    const next =
      row.next_step === null
        ? undefined
        : { stepId: row.next_step, attempt: row.next_attempt ?? 0 };
    return { recorded: row.recorded === 1, next };
  }

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
    if (!row) return undefined;
    const { attempt, wake_at, item_outputs, idempotency_key, claimed_at } = row;
    return {
      attempt,
      idempotencyKey: idempotency_key,
      wakeAt: wake_at,
      itemOutputs: item_outputs,
      claimedAt: claimed_at,
    };
  }

  async renewLease(
    runId: string,
    stepId: string,
    attempt: number,
    leaseMs: number,
    items?: unknown[],
  ) {
    const outputs = items ? storableJson(items) : null;
    await this.dataSource.query(RENEW_LEASE, [runId, stepId, attempt, leaseMs, outputs]);
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

  recordAttempt(runId: string, stepId: string, attempt: number, result: AttemptResult) {
    return this.finishAttempt(this.dataSource.manager, runId, stepId, attempt, result);
  }

  async failRun(runId: string, { stepId, attempt, result, reason }: RunFailure): Promise<boolean> {
    const wanted = await this.events.wanted([
      stepFailed(runId, stepId, result, attempt),
      runFailed(runId),
    ]);
    const rows = await this.dataSource.transaction(async (m) => {
      await m.query(LOCK_RUN, [runId]);
      if (!(await this.finishAttempt(m, runId, stepId, attempt, result))) return undefined;
      await this.finishRun(m, runId, 'failed', reason, stepId);
      return this.outbox.record(m, wanted);
    });
    if (rows) this.events.relayed(rows);
    return rows !== undefined;
  }

  private async finishAttempt(
    m: EntityManager,
    runId: string,
    stepId: string,
    attempt: number,
    result: AttemptResult,
  ): Promise<boolean> {
    const sleeping = result.entry.outcome === 'sleeping' ? 1 : 0;
    const params = resultParams(runId, stepId, attempt, result);
    const [, updated] = await m.query(FINISH_ATTEMPT, [
      ...params,
      result.nextAttemptAt ?? null,
      result.wakeAt ?? null,
      sleeping,
    ]);
    return updated === 1;
  }

  private async nextPending(m: EntityManager, runId: string): Promise<DueStep | undefined> {
    // An UPDATE answers [rows, count] through TypeORM's query().
    const [rows]: [{ step_id: string; attempt: number }[]] = await m.query(NEXT_PENDING, [runId]);
    return rows[0] && { stepId: rows[0].step_id, attempt: rows[0].attempt };
  }

  /** Ends the run (true when it did); a failed or filtered start skips a replay's step rows. */
  private async finishRun(
    m: EntityManager,
    runId: string,
    status: 'succeeded' | 'failed' | 'filtered',
    error?: string,
    failedStep?: string,
  ): Promise<boolean> {
    // A run succeeds only once no step is left running (re-driven steps may finish out of order).
    const [, count] = await m.query(finishRunSql(status === 'succeeded'), [
      runId,
      status,
      textSafeOrNull(error),
      failedStep ?? null,
    ]);
    if (status === 'succeeded') return count === 1;
    const why =
      status === 'failed'
        ? { reason: 'run-failed', error: `not run: ${error ?? 'the run failed'}` }
        : { reason: 'run-filtered', error: 'not run: the trigger filter was false' };
    await m.query(SKIP_PENDING, [runId, textSafe(why.error), why.reason]);
    return count === 1;
  }
}

const runSucceeded = (runId: string): OutboxEvent => ({
  name: 'run.succeeded',
  payload: { runId },
});
const runFailed = (runId: string): OutboxEvent => ({ name: 'run.failed', payload: { runId } });
const stepFailed = (
  runId: string,
  stepId: string,
  result: AttemptResult,
  attempts: number,
): OutboxEvent => ({
  name: 'step.failed',
  payload: { runId, stepId, error: result.error ?? 'the step failed', attempts },
});
