import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainEvents } from '../../events/domain-events.service.js';
import type { RunStatus } from '../run.entity.js';
import type { ReplayPlan } from '../replay-plan.js';
import { REPLAY_COPY_STEPS, REPLAY_PENDING_STEPS, replayRows } from './replay.sql.js';
import type { RunRow } from '../run-with-request.js';
import { catchGroupParams, requestParams, type StoredRequest } from '../stored-request.js';
import { WriteFailure, WriteGroups } from '../write-groups.js';
import { CATCH_GROUP_SQL, CATCH_ONE_SQL, INSERT_REQUEST } from './catch-insert.sql.js';
import { CANCEL_RUN, INSERT_RUN, RELEASE_HELD, SKIP_PENDING } from './run-state.sql.js';

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
 * A run's life outside the step protocol (RunState): created (by the catch path, a test run
 * or a replay), held runs released, a run cancelled. The catch path stores the request and its
 * run atomically, reading the flow's live status in the same statement (no stale cache);
 * concurrent deliveries share one statement (one commit), and each caller is answered only
 * after that commit.
 */
@Injectable()
export class RunLifecycle {
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
      const sql = CATCH_GROUP_SQL[held ? 1 : 0];
      inserted = await this.dataSource.query(sql, catchGroupParams(rows));
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
    const params = [...requestParams(flowId, request), runId];
    const rows: CaughtRow[] = await this.dataSource.query(CATCH_ONE_SQL[held ? 1 : 0], params);
    this.relayHeld(rows);
    return rows[0] && caughtRun(rows[0]);
  }

  /**
   * A schedule's tick (src/schedules/), inside the scheduler's transaction: the same first
   * state as a caught request (queued, held if the flow was paused meanwhile), nothing stored
   * when the tick's dedupe key already ran; `afterCommit` relays a held run's event.
   */
  async insertScheduled(
    manager: EntityManager,
    flowId: string,
    runId: string,
    request: StoredRequest,
  ): Promise<{ run?: CaughtRun; afterCommit: () => void }> {
    const held = await this.events.wants('run.held');
    const params = [...requestParams(flowId, request), runId];
    const rows: CaughtRow[] = await manager.query(CATCH_ONE_SQL[held ? 1 : 0], params);
    return { run: rows[0] && caughtRun(rows[0]), afterCommit: () => this.relayHeld(rows) };
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
        await manager.query(INSERT_REQUEST, requestParams(run.flowId, request));
        requestId = request.id;
      }
      const { id, flowId, flowVersion, modeOverride, replayOf } = run;
      const params = [id, flowId, flowVersion, requestId, modeOverride, replayOf, null];
      await manager.query(INSERT_RUN, params);
    });
  }

  /** held -> queued in arrival order; returns the run ids in that order. */
  async releaseHeld(flowId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(RELEASE_HELD, [flowId]);
    return rows.map((row) => row.id);
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
      await manager.query(INSERT_RUN, [
        runId,
        original.flow_id,
        flowVersion,
        original.request_id,
        original.mode_override,
        original.id,
        JSON.stringify(plan.record),
      ]);
      await manager.query(REPLAY_COPY_STEPS, [runId, original.id, replayRows(plan, true)]);
      await manager.query(REPLAY_PENDING_STEPS, [runId, replayRows(plan, false)]);
    });
  }

  /** Cancels a run that has not finished; its pending steps are marked skipped. */
  async cancel(id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [, count] = await manager.query(CANCEL_RUN, [id]);
      if (count === 0) return false;
      await manager.query(SKIP_PENDING, [id, 'not run: the run was cancelled', 'run-cancelled']);
      return true;
    });
  }
}
