import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RunStatus } from './run.entity.js';
import { runListWhere, type RunListFilter, type RunPosition } from './runs-list.sql.js';
import type { ReplaySourceStep } from './replay-plan.js';
import type { StepRow as RunStepRow } from './run-views.js';
import { type ReadRequestRow, withExactValues } from './stored-request.js';
import { prepared, queryPrepared } from '../database/prepared-statement.js';
import {
  REQUEST_READ,
  RUN_WITH_REQUEST_COLUMNS,
  RUN_WITH_REQUEST_FROM,
  splitRunWithRequest,
  type RunRow,
  type RunWithRequest,
  type StoredRequestRow,
} from './run-with-request.js';

export type { RunRow, StoredRequestRow } from './run-with-request.js';
export type { RunListFilter, RunPosition } from './runs-list.sql.js';

const FIND_WITH_REQUEST = prepared(
  'find_run_with_request',
  `SELECT ${RUN_WITH_REQUEST_COLUMNS} ${RUN_WITH_REQUEST_FROM} WHERE r.id = $1`,
);

/**
 * What is read of runs: a run, its request, its steps, a page of runs. Every transition of
 * a run or its steps is written by runs/state/ (RunState, RunLifecycle).
 */
@Injectable()
export class RunsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The first run of the delivery that holds this dedupe key. */
  async findByDedupeKey(flowId: string, dedupeKey: string): Promise<RunRow | undefined> {
    const rows: RunRow[] = await this.dataSource.query(
      `SELECT r.* FROM runs r JOIN inbound_requests q ON q.id = r.request_id
       WHERE q.flow_id = $1 AND q.dedupe_key = $2 ORDER BY r.created_at LIMIT 1`,
      [flowId, dedupeKey],
    );
    return rows[0];
  }

  async find(id: string): Promise<RunRow | undefined> {
    const rows: RunRow[] = await this.dataSource.query('SELECT * FROM runs WHERE id = $1', [id]);
    return rows[0];
  }

  /** Of these runs, those that have finished (a synchronous catch URL's wait). */
  finishedAmong(ids: string[]): Promise<Pick<RunRow, 'id' | 'status' | 'failed_step'>[]> {
    return this.dataSource.query(
      `SELECT id, status, failed_step FROM runs
       WHERE id = ANY($1::uuid[]) AND status IN ('succeeded', 'failed', 'filtered', 'cancelled')`,
      [ids],
    );
  }

  /**
   * The step a synchronous reply comes from: `from`, else the last core.respond step to
   * succeed, else the last step to succeed.
   */
  async replyStep(runId: string, from: string | null) {
    const rows: { step_id: string; action: string; output: unknown }[] =
      await this.dataSource.query(
        `SELECT step_id, action, output FROM run_steps
         WHERE run_id = $1 AND status = 'succeeded' AND ($2::text IS NULL OR step_id = $2)
         ORDER BY (action = 'core.respond') DESC, finished_at DESC LIMIT 1`,
        [runId, from],
      );
    return rows[0];
  }

  /** The run and its stored request in one round trip (a job's first read). */
  async findWithRequest(id: string): Promise<RunWithRequest | undefined> {
    const { rows } = await queryPrepared<Record<string, unknown>>(
      this.dataSource,
      FIND_WITH_REQUEST,
      [id],
    );
    return rows[0] ? splitRunWithRequest(rows[0]) : undefined;
  }

  /** The stored request, with its exact values (withExactValues). */
  async findRequest(requestId: string): Promise<StoredRequestRow | undefined> {
    const rows: ReadRequestRow<StoredRequestRow>[] = await this.dataSource.query(
      `SELECT ${REQUEST_READ.join(', ')} FROM inbound_requests WHERE id = $1`,
      [requestId],
    );
    return rows[0] && withExactValues(rows[0]);
  }

  /** A flow's stored request, only if it is of that flow. */
  async findFlowRequest(flowId: string, requestId: string) {
    const rows: ReadRequestRow<StoredRequestRow>[] = await this.dataSource.query(
      `SELECT ${REQUEST_READ.join(', ')} FROM inbound_requests WHERE id = $1 AND flow_id = $2`,
      [requestId, flowId],
    );
    return rows[0] && withExactValues(rows[0]);
  }

  /** A flow's stored requests, newest first, after (received_at text, id). */
  async flowRequests(flowId: string, limit: number, after?: { createdAt: string; id: string }) {
    const page = after ? 'AND (received_at, id) < ($3::timestamptz, $4::uuid)' : '';
    const rows: ReadRequestRow<StoredRequestRow & { id: string; received_at_text: string }>[] =
      await this.dataSource.query(
        `SELECT id, received_at::text AS received_at_text, ${REQUEST_READ.join(', ')}
         FROM inbound_requests WHERE flow_id = $1 ${page}
         ORDER BY received_at DESC, id DESC LIMIT $2`,
        after ? [flowId, limit, after.createdAt, after.id] : [flowId, limit],
      );
    return rows.map((row) => withExactValues(row));
  }

  /** Newest first; `after` is the exact (created_at text, id) of the last row seen. */
  list(filter: RunListFilter): Promise<(RunRow & { created_at_text: string })[]> {
    const { where, params } = runListWhere(filter);
    return this.dataSource.query(
      `SELECT *, created_at::text AS created_at_text FROM runs ${where}
       ORDER BY created_at DESC, id DESC LIMIT $${params.length + 1}`,
      [...params, filter.limit],
    );
  }

  /**
   * The position of the `count`-th newest run the filter selects (undefined when there are
   * fewer): a payload search reads the requests of these runs only, so one page never
   * reads more than `count` bodies. Walks an index on (created_at, id) or (flow_id, ...).
   */
  async nthPosition(
    filter: Omit<RunListFilter, 'limit' | 'match'>,
    count: number,
  ): Promise<RunPosition | undefined> {
    const { where, params } = runListWhere(filter);
    const rows: { created_at_text: string; id: string }[] = await this.dataSource.query(
      `SELECT created_at::text AS created_at_text, id FROM runs ${where}
       ORDER BY created_at DESC, id DESC OFFSET $${params.length + 1} LIMIT 1`,
      [...params, count - 1],
    );
    return rows[0] && { createdAt: rows[0].created_at_text, id: rows[0].id };
  }

  /** The step rows of a run that a replay plan reads (replay-plan.ts). */
  replaySources(runId: string): Promise<ReplaySourceStep[]> {
    return this.dataSource.query(
      'SELECT step_id, status, reason, idempotency_key FROM run_steps WHERE run_id = $1',
      [runId],
    );
  }

  /** A run's step rows in position order. */
  steps(runId: string): Promise<RunStepRow[]> {
    return this.dataSource.query('SELECT * FROM run_steps WHERE run_id = $1 ORDER BY position', [
      runId,
    ]);
  }

  /** Runs not finished, by status (the flowhub_runs gauge). */
  async openCounts(): Promise<Record<'queued' | 'held' | 'running', number>> {
    const rows: { status: 'queued' | 'held' | 'running'; n: number }[] =
      await this.dataSource.query(
        `SELECT status, count(*)::int AS n FROM runs WHERE status IN ('queued', 'held', 'running') GROUP BY status`,
      );
    const counts = { queued: 0, held: 0, running: 0 };
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  /** Per flow (not deleted): its last run, and runs since `since` by outcome. */
  activity(since: string): Promise<ActivityRow[]> {
    return this.dataSource.query(
      `SELECT f.id AS flow_id, last.id AS last_id, last.status AS last_status,
              last.created_at AS last_created_at, c.runs, c.failed, c.succeeded
       FROM flows f
       LEFT JOIN LATERAL (SELECT id, status, created_at FROM runs WHERE flow_id = f.id
                          ORDER BY created_at DESC, id DESC LIMIT 1) last ON true
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS runs, (count(*) FILTER (WHERE status = 'failed'))::int AS failed,
                (count(*) FILTER (WHERE status = 'succeeded'))::int AS succeeded
         FROM runs WHERE flow_id = f.id AND created_at >= $1::timestamptz) c
       WHERE f.deleted_at IS NULL ORDER BY f.created_at, f.id`,
      [since],
    );
  }
}

export interface ActivityRow {
  flow_id: string;
  last_id: string | null;
  last_status: RunStatus | null;
  last_created_at: Date | null;
  runs: number;
  failed: number;
  succeeded: number;
}
