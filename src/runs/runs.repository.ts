import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RunStatus } from './run.entity.js';
import type { ReplayPlan, ReplaySourceStep } from './replay-plan.js';
import { REPLAY_COPY_STEPS, REPLAY_PENDING_STEPS, replayRows } from './replay.sql.js';
import { CATCH_GROUP_SQL, CATCH_ONE_SQL } from './state/catch-insert.sql.js';
import { DomainEvents } from '../events/domain-events.service.js';
import {
  catchGroupParams,
  REQUEST_COLUMNS,
  requestParams,
  type ReadRequestRow,
  type StoredRequest,
  withExactValues,
} from './stored-request.js';
import { WriteFailure, WriteGroups } from './write-groups.js';
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

const FIND_WITH_REQUEST = prepared(
  'find_run_with_request',
  `SELECT ${RUN_WITH_REQUEST_COLUMNS} ${RUN_WITH_REQUEST_FROM} WHERE r.id = $1`,
);

export interface RunListFilter {
  flowId?: string;
  status?: RunStatus;
  limit: number;
  after?: { createdAt: string; id: string };
}

/** One delivery for the grouped catch insert. */
interface CatchRow {
  flowId: string;
  runId: string;
  request: StoredRequest;
}

/** A run stored by the catch path. */
export interface CaughtRun {
  status: RunStatus;
  flowVersion: number;
}

interface CaughtRow {
  id: string;
  status: RunStatus;
  flow_version: number;
  /** The run.held event written with a held run, when a subscriber wanted it. */
  event_id: string | null;
}

const caughtRun = (row: CaughtRow): CaughtRun => ({
  status: row.status,
  flowVersion: row.flow_version,
});

/**
 * Catch inserts share a statement: at most 100 rows and 128 KB of bodies per statement (a
 * larger body goes alone, with its bytes as a plain parameter), 3 statements at once.
 */
export const CATCH_GROUP = {
  maxRows: 100,
  maxInFlight: 3,
  maxWeight: 128 * 1024,
  weight: (row: unknown) => (row as CatchRow).request.size,
};

/**
 * Run-level SQL. The catch path stores the request and its run atomically, reading the flow's
 * live status in the same statement (no stale cache); concurrent deliveries share one
 * statement (one commit), and each caller is answered only after that commit.
 */
@Injectable()
export class RunsRepository {
  private readonly catchGroups = new WriteGroups<CatchRow, CaughtRun | undefined>(
    (rows) => this.insertCatchGroup(rows),
    CATCH_GROUP,
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Stores request + run: the run's status (queued, or held while the flow is paused) and the
   * flow version it will run. Undefined when the flow does not exist (or was deleted), or when
   * the request's dedupe key was already seen for this flow (then nothing is stored).
   */
  insertFromCatch(
    flowId: string,
    runId: string,
    request: StoredRequest,
  ): Promise<CaughtRun | undefined> {
    return this.catchGroups.add({ flowId, runId, request });
  }

  /**
   * One statement for the group. If it fails (say one body Postgres refuses), each row is
   * tried alone, so only the rows that fail by themselves get an error.
   */
  private async insertCatchGroup(
    rows: CatchRow[],
  ): Promise<(CaughtRun | undefined | WriteFailure)[]> {
    const held = await this.events.wants('run.held');
    if (rows.length === 1) return [await this.insertOne(rows[0], held)];
    let inserted: CaughtRow[];
    try {
      inserted = await this.dataSource.query(CATCH_GROUP_SQL, [...catchGroupParams(rows), held]);
    } catch {
      const settled = await Promise.allSettled(rows.map((row) => this.insertOne(row, held)));
      return settled.map((result) =>
        result.status === 'fulfilled' ? result.value : new WriteFailure(result.reason),
      );
    }
    this.relayHeld(inserted);
    const caught = new Map(inserted.map((row) => [row.id, caughtRun(row)]));
    return rows.map((row) => caught.get(row.runId));
  }

  private async insertOne(
    { flowId, runId, request }: CatchRow,
    held: boolean,
  ): Promise<CaughtRun | undefined> {
    const params = [...requestParams(flowId, request), runId, held];
    const rows: CaughtRow[] = await this.dataSource.query(CATCH_ONE_SQL, params);
    this.relayHeld(rows);
    return rows[0] && caughtRun(rows[0]);
  }

  /** After the commit: the run.held events written with held runs go to their subscribers. */
  private relayHeld(rows: CaughtRow[]): void {
    const events = rows.flatMap((row) =>
      row.event_id
        ? [{ id: row.event_id, event: { name: 'run.held' as const, payload: { runId: row.id } } }]
        : [],
    );
    this.events.relayed(events);
  }

  /** The first run of the delivery that holds this dedupe key. */
  async findByDedupeKey(flowId: string, dedupeKey: string): Promise<RunRow | undefined> {
    const rows: RunRow[] = await this.dataSource.query(
      `SELECT r.* FROM runs r JOIN inbound_requests q ON q.id = r.request_id
       WHERE q.flow_id = $1 AND q.dedupe_key = $2 ORDER BY r.created_at LIMIT 1`,
      [flowId, dedupeKey],
    );
    return rows[0];
  }

  /** A run of a given version that starts queued whatever the flow's status (test, replay). */
  async insertRun(
    run: {
      id: string;
      flowId: string;
      flowVersion: number;
      modeOverride: 'dry-run' | null;
      replayOf: string | null;
    },
    request: StoredRequest | { existingRequestId: string },
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      let requestId: string;
      if ('existingRequestId' in request) {
        requestId = request.existingRequestId;
      } else {
        await manager.query(
          `INSERT INTO inbound_requests (${REQUEST_COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
          requestParams(run.flowId, request),
        );
        requestId = request.id;
      }
      await manager.query(
        `INSERT INTO runs (id, flow_id, flow_version, status, request_id, mode_override, replay_of)
         VALUES ($1, $2, $3, 'queued', $4, $5, $6)`,
        [run.id, run.flowId, run.flowVersion, requestId, run.modeOverride, run.replayOf],
      );
    });
  }

  async find(id: string): Promise<RunRow | undefined> {
    const rows: RunRow[] = await this.dataSource.query('SELECT * FROM runs WHERE id = $1', [id]);
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

  /** Newest first; `after` is the exact (created_at text, id) of the last row seen. */
  async list(filter: RunListFilter): Promise<(RunRow & { created_at_text: string })[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.flowId) conditions.push(`flow_id = ${param(filter.flowId)}`);
    if (filter.status) conditions.push(`status = ${param(filter.status)}`);
    if (filter.after) {
      conditions.push(
        `(created_at, id) < (${param(filter.after.createdAt)}::timestamptz, ${param(filter.after.id)}::uuid)`,
      );
    }
    const clause = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    return this.dataSource.query(
      `SELECT *, created_at::text AS created_at_text FROM runs ${clause}
       ORDER BY created_at DESC, id DESC LIMIT ${param(filter.limit)}`,
      params,
    );
  }

  /** held -> queued in arrival order; returns the run ids in that order. */
  async releaseHeld(flowId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH released AS (
         UPDATE runs SET status = 'queued' WHERE flow_id = $1 AND status = 'held' RETURNING id, created_at)
       SELECT id FROM released ORDER BY created_at, id`,
      [flowId],
    );
    return rows.map((row) => row.id);
  }

  /** The step rows of a run that a replay plan reads (replay-plan.ts). */
  replaySources(runId: string): Promise<ReplaySourceStep[]> {
    return this.dataSource.query(
      'SELECT step_id, status, reason, idempotency_key FROM run_steps WHERE run_id = $1',
      [runId],
    );
  }

  /**
   * A replay: a new queued run of the same request, on `flowVersion`, with the plan's step
   * rows: reused steps copied as recorded (never run again), the others pending with the
   * plan's idempotency keys. A fresh replay has no rows yet (the start job makes them).
   */
  async insertReplay(
    original: RunRow,
    runId: string,
    flowVersion: number,
    plan: ReplayPlan,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO runs (id, flow_id, flow_version, status, request_id, mode_override, replay_of, replay)
         VALUES ($1, $2, $3, 'queued', $4, $5, $6, $7)`,
        [
          runId,
          original.flow_id,
          flowVersion,
          original.request_id,
          original.mode_override,
          original.id,
          JSON.stringify(plan.record),
        ],
      );
      await manager.query(REPLAY_COPY_STEPS, [runId, original.id, replayRows(plan, true)]);
      await manager.query(REPLAY_PENDING_STEPS, [runId, replayRows(plan, false)]);
    });
  }

  /** Cancels a run that has not finished; its pending steps are marked skipped. */
  async cancel(id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [, count] = await manager.query(
        `UPDATE runs SET status = 'cancelled', finished_at = now(), error = 'cancelled through the API'
         WHERE id = $1 AND status IN ('queued', 'held', 'running')`,
        [id],
      );
      if (count === 0) return false;
      await manager.query(
        `UPDATE run_steps SET status = 'skipped', error = 'not run: the run was cancelled', reason = 'run-cancelled',
                next_attempt_at = NULL
         WHERE run_id = $1 AND status = 'pending'`,
        [id],
      );
      return true;
    });
  }

  /** Cancels the held runs of a deleted flow (they could never run). */
  async cancelHeld(flowId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE runs SET status = 'cancelled', finished_at = now(), error = 'the flow was deleted'
       WHERE flow_id = $1 AND status = 'held'`,
      [flowId],
    );
  }
}
