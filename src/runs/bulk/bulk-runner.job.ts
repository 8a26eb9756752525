import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { classifyStorageError } from '../../common/storage-errors.js';
import { BulkActions } from './bulk-actions.service.js';
import { BulkJobsRepository, type BulkJobRow } from './bulk-jobs.repository.js';
import { BULK_THROTTLE } from './bulk-runs.service.js';
import { delayBefore, leaseMsFor, type BulkThrottle } from './bulk-throttle.js';

/** How often a process looks for a bulk job to run (a queued one, or one whose lease expired). */
export const BULK_POLL_MS = 1000;
const WARN_EVERY_MS = 60_000;

/**
 * Runs bulk jobs in the worker, one at a time per process, each under a lease in Postgres
 * (renewed after every batch): a job whose process died is taken up by another (or the same
 * after a restart) once its lease expires, from its cursor. Batches of the throttle's size,
 * a pause between them, at most `perSecond` runs acted on a second; a cancel stops it after
 * the batch in progress.
 */
@Injectable()
export class BulkRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('BulkRunner');
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopping = false;
  private lastWarning = 0;

  constructor(
    private readonly jobs: BulkJobsRepository,
    private readonly actions: BulkActions,
    @Inject(BULK_THROTTLE) private readonly throttle: BulkThrottle,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), BULK_POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.stopping = true; // the job in progress stops after its batch; its lease lets another resume it
    await this.running;
  }

  private tick(): void {
    this.running ??= this.runNext()
      .catch((error: Error) => this.warn(error))
      .finally(() => (this.running = undefined));
  }

  /** At most one warning a minute: the poll runs every second, also while Postgres is down. */
  private warn(error: Error): void {
    if (Date.now() - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = Date.now();
    this.logger.warn(
      `bulk jobs paused (${error.message}); a job resumes from its cursor when its lease expires`,
    );
  }

  /** Takes the next job due and runs it to its end (or shutdown); false when none was due. */
  async runNext(): Promise<boolean> {
    const job = await this.jobs.claimJob(this.owner, leaseMsFor(this.throttle));
    if (!job) return false;
    try {
      await this.run(job);
    } catch (error) {
      // An unreachable database (or a conflict): the job resumes from its cursor later.
      if (classifyStorageError(error).kind !== 'other') throw error;
      const message = (error as Error).message;
      this.logger.error(`bulk job ${job.id} failed: ${message}`);
      await this.jobs.finish(
        job.id,
        this.owner,
        'failed',
        `stopped on an unexpected error: ${message}`,
      );
    }
    return true;
  }

  private async run(job: BulkJobRow): Promise<void> {
    const began = Date.now();
    let acted = 0;
    const pace = async () => {
      const wait = delayBefore(acted, began, Date.now(), this.throttle.perSecond);
      acted += 1;
      if (wait > 0) await sleep(wait);
    };
    let current = job;
    while (!this.stopping) {
      if (current.cancel_requested) return this.jobs.finish(job.id, this.owner, 'cancelled');
      const batch = await this.jobs.nextRuns(current, this.throttle.batchSize);
      if (batch.length === 0) return this.jobs.finish(job.id, this.owner, 'succeeded');
      const ids = batch.map((run) => run.id);
      const outcomes = await this.actions.actOn(current, ids, pace);
      const cursor = batch.at(-1)!;
      const lease = leaseMsFor(this.throttle);
      const advanced = await this.jobs.advance(current, this.owner, outcomes, cursor, lease);
      if (!advanced) {
        this.logger.warn(`bulk job ${job.id}: its lease was taken by another process; leaving it`);
        return;
      }
      current = {
        ...current,
        cursor_created_at: cursor.createdAt,
        cursor_id: cursor.id,
        cancel_requested: advanced.cancelRequested,
      };
      if (!current.cancel_requested && this.throttle.pauseMs > 0)
        await sleep(this.throttle.pauseMs);
    }
    await this.jobs.release(job.id, this.owner); // shutting down: the next process goes on
  }
}
