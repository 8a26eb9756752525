import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { WindowPlan } from './stats-windows.js';
import {
  ADD_DUPLICATES,
  ALL_FLOWS,
  OPEN_RUNS,
  PRUNE_BUCKETS,
  READ_BUCKETS,
  READ_POSITION,
  READ_TAIL,
  ROLL_ACCEPTED,
  ROLL_ALL_FLOWS,
  ROLL_REJECTIONS,
  ROLL_RUN_EVENTS,
  ROLL_STEP_EVENTS,
  ROLL_UP_GRAIN,
  ROLLUP_POSITION,
  SET_WATERMARK,
  TRY_ROLLUP_LOCK,
} from './stats.sql.js';

/** A count of one metric and key at one time (a rollup row, or the tail by minute). */
export interface CountRow {
  at: Date;
  metric: string;
  key: string;
  n: number;
}

export interface StatsSnapshot {
  rolledTo: Date;
  now: Date;
  rows: CountRow[];
  open: Record<string, number>;
}

export interface RollupPass {
  from: Date;
  to: Date;
  /** The finished runs this pass took, per flow and status. */
  finished: { flow_id: string; status: string; n: number }[];
}

/** Events taken from each queue per pass (the rest waits for the next pass). */
const EVENT_BATCH = 50_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const floorTo = (at: Date, step: number) => new Date(Math.floor(at.getTime() / step) * step);

/** The stats tables: the rollup (one process at a time) and what the endpoints read. */
@Injectable()
export class StatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One rollup pass in one transaction under an advisory lock: undefined when another process
   * holds it. Counts once however often or wherever it runs: recounted rows are replaced,
   * queued events are deleted as they are counted, refusals are marked seen.
   */
  rollup(lagMs: number): Promise<RollupPass | undefined> {
    return this.dataSource.transaction(async (m) => {
      const [{ locked }] = await m.query(TRY_ROLLUP_LOCK);
      if (!locked) return undefined;
      const [position] = await m.query(ROLLUP_POSITION, [lagMs]);
      const from: Date = position.rolled_to;
      const to: Date = position.cutoff;
      await m.query(ROLL_ACCEPTED, [from, to]);
      const finished = await m.query(ROLL_RUN_EVENTS, [from, EVENT_BATCH]);
      await m.query(ROLL_STEP_EVENTS, [from, EVENT_BATCH]);
      await m.query(ROLL_REJECTIONS);
      const [fromMinute, toMinute] = [floorTo(from, MINUTE), floorTo(to, MINUTE)];
      if (toMinute > fromMinute) await m.query(ROLL_ALL_FLOWS, [fromMinute, toMinute]);
      await this.rollUpGrain(m, 'm', 'h', 'hour', floorTo(from, HOUR), floorTo(to, HOUR));
      await this.rollUpGrain(m, 'h', 'd', 'day', floorTo(from, DAY), floorTo(to, DAY));
      await m.query(SET_WATERMARK, [to]);
      await m.query(PRUNE_BUCKETS);
      return { from, to, finished };
    });
  }

  private async rollUpGrain(
    m: EntityManager,
    fine: string,
    coarse: string,
    unit: string,
    from: Date,
    to: Date,
  ): Promise<void> {
    if (to > from) await m.query(ROLL_UP_GRAIN, [fine, coarse, from, to, unit]);
  }

  /** Rollup rows of the ranges and the tail since the watermark, read in one snapshot. */
  read(
    planOf: (now: Date, rolledTo: Date) => WindowPlan,
    flowId: string | null,
  ): Promise<StatsSnapshot> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const [{ rolled_to: rolledTo, now }] = await m.query(READ_POSITION);
      const plan = planOf(now, rolledTo);
      const range = (grain: string) => {
        const r = plan.ranges.find((x) => x.grain === grain);
        return r ? [r.from, r.to] : [now, now];
      };
      const settled = [...range('d'), ...range('h'), ...range('m'), flowId ?? ALL_FLOWS];
      const params = [...settled, plan.recentFrom, flowId];
      const rolled: RawRow[] = await m.query(READ_BUCKETS, params);
      const tail: RawRow[] = await m.query(READ_TAIL, [rolledTo, flowId]);
      const openRows: { status: string; n: number }[] = await m.query(OPEN_RUNS, [flowId]);
      return {
        rolledTo,
        now,
        rows: [...rolled, ...tail].map((r) => ({ ...r, n: Number(r.n) })),
        open: Object.fromEntries(openRows.map((r) => [r.status, r.n])),
      };
    });
  }

  /** Duplicate deliveries counted in memory, added to their minutes. */
  async addDuplicates(rows: { flowId: string; at: string; n: number }[]): Promise<void> {
    await this.dataSource.query(ADD_DUPLICATES, [JSON.stringify(rows)]);
  }
}

type RawRow = Omit<CountRow, 'n'> & { n: string | number };
