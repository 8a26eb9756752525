import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, QueryRunner } from 'typeorm';
import type { PruneWindows } from './retention-policy.js';
import {
  FLOW_RETENTION,
  OLDEST_KEPT_ALL,
  OLDEST_KEPT_FLOW,
  PRUNE_LONE_REQUESTS,
  PRUNE_RUNS,
  PRUNE_BEGIN,
  PRUNE_UNLOCK,
  STORAGE_TABLES,
  TABLE_SIZES,
  TRY_PRUNE_LOCK,
  vacuum,
  VACUUM_THROTTLE,
  type VacuumTable,
} from './retention.sql.js';

export interface PrunedBatch {
  runs: number;
  steps: number;
  requests: number;
  /** Runs the batch looked at (the pass goes on while that is the batch size). */
  considered: number;
  /** Where the pass's next batch starts (the newest row this one considered). */
  until: string | null;
}

/** Before every row: a pass's first batch. */
export const FROM_START = '-infinity';

export interface TableSize {
  name: string;
  bytes: number;
  rows: number;
}

/** The statements of one pass, on the one connection that holds the pruning lock. */
export class PruneSession {
  constructor(private readonly runner: QueryRunner) {}

  async flows(): Promise<{ id: string; retention: unknown }[]> {
    return this.runner.query(FLOW_RETENTION);
  }

  async pruneRuns(
    windows: PruneWindows,
    limit: number,
    dedupeHours: number,
    from: string,
  ): Promise<PrunedBatch> {
    const [row] = await this.transaction(() =>
      this.runner.query(PRUNE_RUNS, [...args(windows), limit, dedupeHours, from]),
    );
    return row as PrunedBatch;
  }

  async pruneLoneRequests(
    windows: PruneWindows,
    limit: number,
    from: string,
  ): Promise<{ requests: number; until: string | null }> {
    const [row] = await this.transaction(() =>
      this.runner.query(PRUNE_LONE_REQUESTS, [...args(windows), limit, from]),
    );
    return row;
  }

  async vacuum(table: VacuumTable): Promise<void> {
    await this.runner.query(VACUUM_THROTTLE);
    await this.runner.query(vacuum(table));
  }

  /** One delete in its own transaction, with the pass's SET LOCALs (PRUNE_BEGIN). */
  private async transaction<T>(statement: () => Promise<T>): Promise<T> {
    await this.runner.query(PRUNE_BEGIN);
    try {
      const result = await statement();
      await this.runner.query('COMMIT');
      return result;
    } catch (error) {
      await this.runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}

function args(windows: PruneWindows): unknown[] {
  const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
  return [windows.flowIds, iso(windows.cutoffs), iso(windows.failedCutoffs)];
}

/**
 * The only deleter of requests, runs and steps besides the flows' own cascade
 * (docs/architecture.md): a pass runs under a session advisory lock, one process at a time.
 */
@Injectable()
export class RetentionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `pass` on a locked connection; undefined when another process holds the lock. */
  async locked<T>(pass: (session: PruneSession) => Promise<T>): Promise<T | undefined> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(TRY_PRUNE_LOCK);
      if (!locked) return undefined;
      try {
        return await pass(new PruneSession(runner));
      } finally {
        await runner.query(PRUNE_UNLOCK);
      }
    } finally {
      await runner.release();
    }
  }

  async tableSizes(): Promise<TableSize[]> {
    const rows: { name: string; bytes: string; rows: string }[] = await this.dataSource.query(
      TABLE_SIZES,
      [STORAGE_TABLES],
    );
    return STORAGE_TABLES.map((name) => {
      const row = rows.find((r) => r.name === name);
      return { name, bytes: Number(row?.bytes ?? 0), rows: Number(row?.rows ?? 0) };
    });
  }

  async oldestKept(flowId: string | null): Promise<{ requestAt: Date | null; runAt: Date | null }> {
    const [row] = flowId
      ? await this.dataSource.query(OLDEST_KEPT_FLOW, [flowId])
      : await this.dataSource.query(OLDEST_KEPT_ALL);
    return { requestAt: row?.request_at ?? null, runAt: row?.run_at ?? null };
  }

  async flowRetention(flowId: string): Promise<unknown> {
    const rows: { id: string; retention: unknown }[] = await this.dataSource.query(
      `${FLOW_RETENTION} WHERE f.id = $1`,
      [flowId],
    );
    return rows[0]?.retention;
  }
}
