import { Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../../common/app-error.js';
import { RunsService } from '../runs.service.js';
import { RunLifecycle } from '../state/run-lifecycle.repository.js';
import { BulkJobsRepository, type BulkJobRow, type RunOutcome } from './bulk-jobs.repository.js';

/**
 * What a bulk job does to each run of a batch: a replay (RunsService.replay, the single
 * replay's semantics) or a cancel (RunLifecycle.cancel). Each run is acted on once per job:
 * its (job, run) row is written first, and a run reached by a process that died before it
 * recorded the outcome is looked up (a replay of it made since the job began) before any
 * second replay.
 */
@Injectable()
export class BulkActions {
  constructor(
    private readonly jobs: BulkJobsRepository,
    private readonly runs: RunsService,
    private readonly lifecycle: RunLifecycle,
  ) {}

  /** `pace` is awaited before each run is acted on (the throttle). */
  async actOn(job: BulkJobRow, runIds: string[], pace: () => Promise<void>) {
    const { fresh, unsettled } = await this.jobs.reach(job.id, runIds);
    const made =
      job.action === 'replay'
        ? await this.jobs.madeReplays(unsettled, new Date(job.created_at))
        : new Map<string, string>();
    const open = new Set([...fresh, ...unsettled]);
    const outcomes: RunOutcome[] = [];
    for (const runId of runIds) {
      if (!open.has(runId)) continue;
      const newRunId = made.get(runId);
      if (newRunId) {
        outcomes.push({ runId, outcome: 'done', newRunId });
        continue;
      }
      await pace();
      outcomes.push(await this.act(job, runId));
    }
    return outcomes;
  }

  private async act(job: BulkJobRow, runId: string): Promise<RunOutcome> {
    try {
      if (job.action === 'cancel') {
        const cancelled = await this.lifecycle.cancel(runId);
        return cancelled
          ? { runId, outcome: 'done' }
          : { runId, outcome: 'skipped', error: 'it had already finished' };
      }
      const replay = await this.runs.replay(runId, job.replay ?? {});
      return { runId, outcome: 'done', newRunId: replay.id };
    } catch (error) {
      if (!(error instanceof AppError)) throw error; // the database: the job resumes later
      if (error.code === ErrorCode.Unavailable) throw error;
      // Conflict: it no longer qualifies (not finished, nothing to retry); else it cannot be replayed.
      const outcome = error.code === ErrorCode.Conflict ? 'skipped' : 'failed';
      return { runId, outcome, error: error.message };
    }
  }
}
