import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  nextDue,
  planTicks,
  scheduleOf,
  type ScheduleDefinition,
  type TickPlan,
} from '../engine/schedule.js';
import { RunLifecycle } from '../runs/state/run-lifecycle.repository.js';
import { tickRequest } from './tick-request.js';
import * as sql from './schedules.sql.js';

interface StaleRow {
  flow_id: string;
  version: number;
  active: boolean;
  trigger: object;
  row_version: number | null;
  row_active: boolean | null;
  row_schedule: ScheduleDefinition | null;
  anchor_at: Date | null;
  next_due_at: Date | null;
}

interface DueRow {
  flow_id: string;
  flow_version: number;
  schedule: ScheduleDefinition;
  anchor_at: Date;
  next_due_at: Date;
  queued_tick_at: Date | null;
  now: Date;
  busy: boolean;
}

/** A run a visit stored: started once the transaction has committed. */
export interface TickRun {
  runId: string;
  flowId: string;
  flowVersion: number;
  scheduledAt: Date;
}

const sameTiming = (a: ScheduleDefinition | null, b: ScheduleDefinition) =>
  a !== null && JSON.stringify(scheduleOf(a)) === JSON.stringify(b);

/**
 * flow_schedules' state transitions: rows kept in step with the flows (sync) and due ticks
 * turned into runs (visitDue), each tick's run stored in the transaction that moves the row
 * to its next tick.
 */
@Injectable()
export class SchedulesRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lifecycle: RunLifecycle,
  ) {}

  /**
   * Rows for new, changed, paused or re-activated scheduled flows (one flow, or all), and
   * none for flows no longer scheduled. A new or changed schedule, or a flow activated
   * again, starts from the next tick after now: a pause is not caught up on.
   */
  async sync(flowId: string | null = null): Promise<void> {
    const rows: StaleRow[] = await this.dataSource.query(sql.STALE_SCHEDULES, [flowId]);
    const now = new Date();
    for (const row of rows) {
      const schedule = scheduleOf(row.trigger);
      const keep =
        row.next_due_at !== null &&
        sameTiming(row.row_schedule, schedule) &&
        !(row.active && row.row_active === false);
      const anchor = keep ? row.anchor_at! : now;
      const next = keep ? row.next_due_at! : nextDue(schedule, now, anchor);
      const values = [row.flow_id, row.version, schedule, row.active, anchor, next];
      if (row.row_version === null) await this.dataSource.query(sql.INSERT_SCHEDULE, values);
      else
        await this.dataSource.query(sql.UPDATE_SCHEDULE, [
          ...values,
          row.row_version,
          row.row_active,
          !keep,
        ]);
    }
    await this.dataSource.query(sql.DELETE_UNSCHEDULED);
  }

  /** Visits up to `limit` due schedules in one transaction; the runs it stored. */
  async visitDue(limit: number): Promise<{ runs: TickRun[]; visited: number }> {
    const relays: (() => void)[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const due: DueRow[] = await manager.query(sql.CLAIM_DUE, [limit]);
      const runs: TickRun[] = [];
      for (const row of due) runs.push(...(await this.visit(manager, row, relays)));
      return { runs, visited: due.length };
    });
    relays.forEach((relay) => relay());
    return result;
  }

  private async visit(
    manager: EntityManager,
    row: DueRow,
    relays: (() => void)[],
  ): Promise<TickRun[]> {
    const state = {
      nextDueAt: row.next_due_at,
      anchorAt: row.anchor_at,
      queuedTickAt: row.queued_tick_at,
    };
    const plan: TickPlan = planTicks(row.schedule, state, row.now, row.busy);
    const runs: TickRun[] = [];
    let missed = plan.missed;
    for (const scheduledAt of plan.fire) {
      const runId = randomUUID();
      const request = tickRequest(scheduledAt, missed);
      missed = 0;
      const stored = await this.lifecycle.insertScheduled(manager, row.flow_id, runId, request);
      relays.push(stored.afterCommit);
      if (stored.run?.status === 'queued')
        runs.push({ runId, flowId: row.flow_id, flowVersion: stored.run.flowVersion, scheduledAt });
    }
    const last = runs.at(-1);
    await manager.query(sql.AFTER_VISIT, [
      row.flow_id,
      plan.state.nextDueAt,
      plan.state.queuedTickAt,
      last?.scheduledAt ?? null,
      last?.runId ?? null,
      plan.missed,
      plan.skipped,
    ]);
    return runs;
  }

  /** Milliseconds until the soonest tick (undefined: none), and whether a tick is queued. */
  async dueIn(): Promise<{ ms: number | undefined; queued: boolean }> {
    const [row]: { ms: number | null; queued: boolean }[] = await this.dataSource.query(sql.DUE_IN);
    return { ms: row?.ms ?? undefined, queued: row?.queued ?? false };
  }

  /** The flow's trigger type; undefined when there is no such flow. */
  async triggerType(flowId: string): Promise<string | undefined> {
    const rows: { type: string }[] = await this.dataSource.query(sql.FLOW_TRIGGER_TYPE, [flowId]);
    return rows[0]?.type;
  }

  async find(flowId: string): Promise<ScheduleRow | undefined> {
    const rows: ScheduleRow[] = await this.dataSource.query(sql.SCHEDULE_OF, [flowId]);
    return rows[0];
  }
}

export interface ScheduleRow {
  flow_id: string;
  flow_version: number;
  schedule: ScheduleDefinition;
  active: boolean;
  next_due_at: Date;
  queued_tick_at: Date | null;
  last_tick_at: Date | null;
  last_run_id: string | null;
  missed_ticks: number;
  skipped_ticks: number;
  updated_at: Date;
}
