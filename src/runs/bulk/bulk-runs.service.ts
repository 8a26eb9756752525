import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode } from '../../common/app-error.js';
import { replayModeOf, type ReplayRequest } from '../replay-plan.js';
import { BulkJobsRepository, type BulkFilter, type BulkJobRow } from './bulk-jobs.repository.js';
import type { BulkCountDto, BulkJobDto, BulkRequestDto } from './bulk.dto.js';
import type { BulkThrottle } from './bulk-throttle.js';

export const BULK_THROTTLE = Symbol('BULK_THROTTLE');

const jobNotFound = (id: string) =>
  new AppError(
    ErrorCode.NotFound,
    `No bulk job with id '${id}' (POST /api/v1/runs/bulk makes one)`,
  );

/** The replay fields of a request, validated as a single replay's (400 on contradictions). */
export function replayOf(body: BulkRequestDto): ReplayRequest | null {
  const replay = { mode: body.mode, fromStep: body.fromStep, version: body.version };
  const given = Object.entries(replay).filter(([, value]) => value !== undefined);
  if (body.action === 'cancel') {
    if (given.length > 0)
      throw new AppError(
        ErrorCode.BadRequest,
        `${given.map(([name]) => name).join(', ')} only apply to action 'replay': leave them out to cancel`,
      );
    return null;
  }
  replayModeOf(replay);
  return Object.fromEntries(given) as ReplayRequest;
}

/** Only the filters given (the stored filter, and what the job answers with). */
function filterOf(filter: BulkFilter): BulkFilter {
  return Object.fromEntries(
    Object.entries(filter).filter(([, value]) => value !== undefined && value !== ''),
  ) as BulkFilter;
}

export function jobView(
  row: BulkJobRow,
  failures: { run_id: string; error: string | null }[],
): BulkJobDto {
  return {
    id: row.id,
    action: row.action,
    filter: row.filter,
    ...(row.replay ? { replay: row.replay } : {}),
    status: row.status,
    total: row.total,
    done: row.done,
    failed: row.failed,
    skipped: row.skipped,
    cancelRequested: row.cancel_requested,
    ...(row.error ? { error: row.error } : {}),
    failures: failures.map((f) => ({ runId: f.run_id, error: f.error ?? '' })),
    createdAt: new Date(row.created_at).toISOString(),
    startedAt: row.started_at && new Date(row.started_at).toISOString(),
    finishedAt: row.finished_at && new Date(row.finished_at).toISOString(),
  };
}

/** POST /runs/bulk and its job: the count first (dryRun), then a job the BulkRunner runs. */
@Injectable()
export class BulkRunsService {
  constructor(
    private readonly jobs: BulkJobsRepository,
    @Inject(BULK_THROTTLE) private readonly throttle: BulkThrottle,
  ) {}

  async start(body: BulkRequestDto): Promise<BulkCountDto | BulkJobDto> {
    const replay = replayOf(body);
    const filter = filterOf(body.filter);
    const { maxRuns } = this.throttle;
    const until = await this.jobs.snapshot(filter.to);
    const counted = await this.jobs.count(body.action, filter, until, maxRuns);
    const count = counted ?? maxRuns + 1;
    const tooMany = count > maxRuns;
    if (body.dryRun) return { action: body.action, count, maxRuns, tooMany };
    if (tooMany) {
      const what = counted === undefined ? 'runs to search by body' : 'runs';
      throw new AppError(
        ErrorCode.BadRequest,
        `More than ${maxRuns} ${what} match: narrow the filter (flowId, status, from/to) or raise FLOWHUB_BULK_MAX_RUNS`,
      );
    }
    const row = await this.jobs.insert({
      id: randomUUID(),
      action: body.action,
      filter,
      replay,
      total: count,
      snapshot_until: until,
    });
    return jobView(row, []);
  }

  async get(id: string): Promise<BulkJobDto> {
    const row = await this.jobs.find(id);
    if (!row) throw jobNotFound(id);
    return jobView(row, await this.jobs.failures(id));
  }

  /** A queued job is cancelled at once; a running one stops after its current batch. */
  async cancel(id: string): Promise<BulkJobDto> {
    const row = await this.jobs.requestCancel(id);
    if (!row) {
      const found = await this.jobs.find(id);
      if (!found) throw jobNotFound(id);
      throw new AppError(
        ErrorCode.Conflict,
        `Bulk job '${id}' already finished (${found.status}); nothing to cancel`,
      );
    }
    return jobView(row, await this.jobs.failures(id));
  }
}
