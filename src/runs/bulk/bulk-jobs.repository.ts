import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { parsePayloadMatch } from '../payload-match.js';
import type { ReplayRequest } from '../replay-plan.js';
import { FINISHED_RUN_STATUSES, type RunStatus } from '../run.entity.js';
import { runListWhere, type RunPosition } from '../runs-list.sql.js';
import type { BulkAction, BulkJobStatus } from './bulk-job.entity.js';
import {
  ADVANCE_JOB,
  CANCEL_JOB,
  CLAIM_JOB,
  CLAIM_RUNS,
  FAILURES,
  FIND_JOB,
  FINISH_JOB,
  INSERT_JOB,
  MADE_REPLAYS,
  OPEN_RUNS,
  RECORD_OUTCOMES,
  RELEASE_JOB,
} from './bulk-jobs.sql.js';

/** Which runs a job reaches (POST /runs/bulk's filter). */
export interface BulkFilter {
  flowId?: string;
  status?: RunStatus;
  errorCode?: string;
  from?: string;
  to?: string;
  match?: string;
  /** A step of the run failed as this issue. */
  issueId?: string;
}

export interface BulkJobRow {
  id: string;
  action: BulkAction;
  filter: BulkFilter;
  replay: ReplayRequest | null;
  status: BulkJobStatus;
  total: number;
  done: number;
  failed: number;
  skipped: number;
  snapshot_until: string;
  cursor_created_at: string | null;
  cursor_id: string | null;
  cancel_requested: boolean;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export type Outcome = 'done' | 'failed' | 'skipped';
export interface RunOutcome {
  runId: string;
  outcome: Outcome;
  newRunId?: string;
  error?: string;
}

/** What each action may act on: a replay finished runs, a cancel unfinished ones. */
const ACTIONABLE: Record<BulkAction, readonly RunStatus[]> = {
  replay: FINISHED_RUN_STATUSES,
  cancel: ['queued', 'held', 'running'],
};

/** WHERE for the runs `action` may act on that match `filter`, created before `until`. */
function selection(
  action: BulkAction,
  filter: BulkFilter,
  { until, after, withMatch = true }: { until: string; after?: RunPosition; withMatch?: boolean },
) {
  const match = withMatch && filter.match ? parsePayloadMatch(filter.match) : undefined;
  const { where, params } = runListWhere({
    flowId: filter.flowId,
    status: filter.status,
    errorCode: filter.errorCode,
    issueId: filter.issueId,
    since: filter.from,
    until,
    match,
    after,
  });
  params.push(ACTIONABLE[action]);
  const actionable = `status = ANY($${params.length}::varchar[])`;
  return { where: where ? `${where} AND ${actionable}` : `WHERE ${actionable}`, params };
}

/** The only writer of bulk_jobs and bulk_job_runs; reads the runs a job selects. */
@Injectable()
export class BulkJobsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The job's upper bound: `to`, or now if that is earlier (as PostgreSQL prints it). */
  async snapshot(to?: string): Promise<string> {
    const [{ at }] = await this.dataSource.query(
      'SELECT LEAST(COALESCE($1::timestamptz, now()), now())::text AS at',
      [to ?? null],
    );
    return at as string;
  }

  /**
   * How many runs the job would reach, counting at most `cap` + 1. A body match is counted
   * only among at most `cap` runs of the other filters (undefined when there are more).
   */
  async count(action: BulkAction, filter: BulkFilter, until: string, cap: number) {
    const counted = async (withMatch: boolean) => {
      const { where, params } = selection(action, filter, { until, withMatch });
      const [{ n }] = await this.dataSource.query(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM runs ${where} LIMIT ${cap + 1}) t`,
        params,
      );
      return n as number;
    };
    if (filter.match && (await counted(false)) > cap) return undefined;
    return counted(true);
  }

  /** The next runs the job reaches, newest first, after its cursor. */
  async nextRuns(job: BulkJobRow, limit: number): Promise<RunPosition[]> {
    const after = job.cursor_id
      ? { createdAt: job.cursor_created_at!, id: job.cursor_id }
      : undefined;
    const { where, params } = selection(job.action, job.filter, {
      until: job.snapshot_until,
      after,
    });
    return this.dataSource.query(
      `SELECT id, created_at::text AS "createdAt" FROM runs ${where}
       ORDER BY created_at DESC, id DESC LIMIT ${limit}`,
      params,
    );
  }

  async insert(
    job: Pick<BulkJobRow, 'id' | 'action' | 'filter' | 'replay' | 'total' | 'snapshot_until'>,
  ): Promise<BulkJobRow> {
    const [row] = await this.dataSource.query(INSERT_JOB, [
      job.id,
      job.action,
      JSON.stringify(job.filter),
      job.replay ? JSON.stringify(job.replay) : null,
      job.total,
      job.snapshot_until,
    ]);
    return row as BulkJobRow;
  }

  async find(id: string): Promise<BulkJobRow | undefined> {
    const rows: BulkJobRow[] = await this.dataSource.query(FIND_JOB, [id]);
    return rows[0];
  }

  async failures(id: string): Promise<{ run_id: string; error: string | null }[]> {
    return this.dataSource.query(FAILURES, [id]);
  }

  /** Asks a job to stop; undefined when it had already finished. */
  async requestCancel(id: string): Promise<BulkJobRow | undefined> {
    const [rows]: [BulkJobRow[]] = await this.dataSource.query(CANCEL_JOB, [id]);
    return rows[0];
  }

  /** Takes the oldest job due, under a lease of `leaseMs`. */
  async claimJob(owner: string, leaseMs: number): Promise<BulkJobRow | undefined> {
    const [rows]: [BulkJobRow[]] = await this.dataSource.query(CLAIM_JOB, [owner, leaseMs]);
    return rows[0];
  }

  /**
   * Records the batch's runs as reached (unique per job) and returns those still to act on:
   * `fresh` (reached now) and `unsettled` (reached by a process that died before it recorded
   * what came of them).
   */
  async reach(jobId: string, runIds: string[]) {
    const inserted: { run_id: string }[] = await this.dataSource.query(CLAIM_RUNS, [jobId, runIds]);
    const open: { run_id: string }[] = await this.dataSource.query(OPEN_RUNS, [jobId, runIds]);
    const fresh = new Set(inserted.map((row) => row.run_id));
    return {
      fresh: open.filter((row) => fresh.has(row.run_id)).map((row) => row.run_id),
      unsettled: open.filter((row) => !fresh.has(row.run_id)).map((row) => row.run_id),
    };
  }

  /** Replays of these runs made since `since` (the job's creation): original -> replay. */
  async madeReplays(runIds: string[], since: Date): Promise<Map<string, string>> {
    if (runIds.length === 0) return new Map();
    const rows: { replay_of: string; id: string }[] = await this.dataSource.query(MADE_REPLAYS, [
      runIds,
      since.toISOString(),
    ]);
    return new Map(rows.map((row) => [row.replay_of, row.id]));
  }

  /**
   * The batch's outcomes, progress and cursor in one transaction, fenced by the lease (renewed).
   * Returns whether a cancel was asked for, or undefined when the lease was lost.
   */
  async advance(
    job: BulkJobRow,
    owner: string,
    outcomes: RunOutcome[],
    cursor: RunPosition,
    leaseMs: number,
  ): Promise<{ cancelRequested: boolean } | undefined> {
    const count = (outcome: Outcome) => outcomes.filter((o) => o.outcome === outcome).length;
    const rows = outcomes.map((o) => ({
      run_id: o.runId,
      outcome: o.outcome,
      new_run_id: o.newRunId ?? null,
      error: o.error ?? null,
    }));
    return this.dataSource.transaction(async (m) => {
      const [advanced]: [{ cancel_requested: boolean }[]] = await m.query(ADVANCE_JOB, [
        job.id,
        owner,
        count('done'),
        count('failed'),
        count('skipped'),
        cursor.createdAt,
        cursor.id,
        leaseMs,
      ]);
      if (advanced.length === 0) return undefined;
      await m.query(RECORD_OUTCOMES, [job.id, JSON.stringify(rows)]);
      return { cancelRequested: advanced[0].cancel_requested };
    });
  }

  async finish(id: string, owner: string, status: BulkJobStatus, error?: string): Promise<void> {
    await this.dataSource.query(FINISH_JOB, [id, owner, status, error ?? null]);
  }

  async release(id: string, owner: string): Promise<void> {
    await this.dataSource.query(RELEASE_JOB, [id, owner]);
  }
}
