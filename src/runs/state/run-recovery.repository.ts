import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DUE_STEPS,
  EXPIRE_LEASES,
  PRUNE_DEDUPE_KEYS,
  queuedRunsSql,
  TRY_RECOVERY_LOCK,
} from './run-recovery.sql.js';

export type StepRef = { run_id: string; step_id: string; attempt: number };
/** `created_at` as text: a JS Date would cut Postgres's microseconds off the paging key. */
export type QueuedRun = { id: string; created_at: string };

export interface FoundWork {
  expired: StepRef[];
  due: StepRef[];
  queued: QueuedRun[];
}

/**
 * What the reconciler reads and the one transition it makes (running -> pending when a
 * lease expired), for one process at a time (an advisory lock held for the transaction).
 */
@Injectable()
export class RunRecovery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Expired leases released, then due steps and queued runs older than the grace; undefined when another process holds the lock. */
  find(graceMs: number): Promise<FoundWork | undefined> {
    return this.dataSource.transaction(async (m) => {
      const [{ locked }] = await m.query(TRY_RECOVERY_LOCK);
      if (!locked) return undefined;
      const [expired]: [StepRef[]] = await m.query(EXPIRE_LEASES);
      const due: StepRef[] = await m.query(DUE_STEPS, [graceMs]);
      const queued = await this.queuedRuns(graceMs, undefined, m);
      return { expired, due, queued };
    });
  }

  /** Queued runs older than the grace, oldest first, after `after` (keyset paging). */
  queuedRuns(graceMs: number, after?: QueuedRun, m: EntityManager = this.dataSource.manager) {
    const params = after ? [graceMs, after.created_at, after.id] : [graceMs];
    return m.query(queuedRunsSql(after !== undefined), params) as Promise<QueuedRun[]>;
  }

  /** Releases dedupe keys older than `hours`, so the unique index stays small. */
  async pruneDedupeKeys(hours: number): Promise<number> {
    const [, released]: [unknown, number] = await this.dataSource.query(PRUNE_DEDUPE_KEYS, [hours]);
    return released;
  }
}

export { RECOVERY_BATCH } from './run-recovery.sql.js';
