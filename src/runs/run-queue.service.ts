import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, Optional, type BeforeApplicationShutdown } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { waitAtMost } from '../common/wait-at-most.js';
import { Metrics } from '../metrics/metrics.service.js';
import { QueueName } from '../queue/queue-names.js';
import { WriteGroups } from './write-groups.js';

export const RunJob = { start: 'start', step: 'step' } as const;

/** The flow version a run was stored with; a start job may name it (see RunExecutor.start). */
export interface FlowVersionRef {
  flowId: string;
  flowVersion: number;
}

export interface StartJobData extends Partial<FlowVersionRef> {
  runId: string;
}
export interface StepJobData {
  runId: string;
  stepId: string;
}

/**
 * A completed job is removed at once: run history lives in Postgres, and a job id seen again
 * later starts a job that finds nothing due (cheaper than Redis keeping and trimming a
 * completed set: about 15 % of Redis's CPU per run in the bench). Failed jobs (a worker threw)
 * are kept a day for inspection.
 */
const JOB_OPTIONS: JobsOptions = {
  attempts: 1,
  removeOnComplete: true,
  removeOnFail: { age: 86_400, count: 5000 },
};

/** About 2.5 s of 4,000 webhooks/s, a few MB; beyond it the reconciler enqueues from Postgres. */
export const MAX_BACKGROUND_JOBS = 10_000;
const SHUTDOWN_WAIT_MS = 2000;
const SKIP_WARNING_EVERY_MS = 10_000;

interface QueuedJob {
  name: string;
  data: StartJobData | StepJobData;
  opts: JobsOptions & { jobId: string };
}

/**
 * The port every queue mode implements (FLOWHUB_QUEUE, src/config/queue-env.ts): "this run or
 * step is due". Postgres holds the state, so saying it twice is harmless, and a lost call is
 * found again from the rows (the reconciler, or in `postgres` mode the workers' claims).
 */
export abstract class RunQueue {
  /** `version`: the run's flow version, when known, saves the start a read. */
  abstract start(runId: string, suffix?: string, version?: FlowVersionRef): Promise<void>;
  /** For the catch path: never waits, never throws (see BullRunQueue.startInBackground). */
  abstract startInBackground(runId: string, version?: FlowVersionRef): void;
  /** `tag` makes the job unique per attempt; `delayMs`: due that much later. */
  abstract step(runId: string, stepId: string, tag: string, delayMs?: number): Promise<void>;
  /** Start calls not yet confirmed by the queue. */
  abstract get backgroundJobs(): number;
}

/**
 * Enqueues run work on BullMQ (modes `redis` and `bullmq-postgres`). Jobs carry ids only;
 * Postgres decides whether the work is still due, so enqueueing twice is harmless. Concurrent
 * adds share one addBulk. An enqueue failure is logged, never thrown: the reconciler
 * re-enqueues what Postgres says is due.
 */
@Injectable()
export class BullRunQueue extends RunQueue implements BeforeApplicationShutdown {
  private readonly logger = new Logger('RunQueue');
  private readonly groups = new WriteGroups<QueuedJob, void>((jobs) => this.addBulk(jobs), {
    maxRows: 100,
    maxInFlight: 2,
  });

  /** Most start jobs held in memory while Redis has not answered (see startInBackground). */
  maxBackground = MAX_BACKGROUND_JOBS;
  private readonly inFlight = new Set<Promise<void>>();
  private skipped = 0;
  private lastSkipWarning = 0;

  constructor(
    @InjectQueue(QueueName.runs) private readonly queue: Queue,
    @Optional() private readonly metrics?: Metrics,
  ) {
    super();
  }

  /** `version`: the run's flow version, when known, saves the job a read (RunExecutor.start). */
  async start(runId: string, suffix = '', version?: FlowVersionRef): Promise<void> {
    await this.add(RunJob.start, { runId, ...version }, `run-${runId}-start${suffix}`, 0);
  }

  /**
   * For the catch path: the run is already queued in Postgres, so its 202 does not wait for
   * Redis. The start job is added in the background (grouped with its neighbours); a lost or
   * skipped one is enqueued by the reconciler. While `maxBackground` jobs are still waiting
   * for Redis (Redis slow or down), no more are held in memory: those runs are left to the
   * reconciler too.
   */
  startInBackground(runId: string, version?: FlowVersionRef): void {
    if (this.inFlight.size >= this.maxBackground) {
      this.skipped += 1;
      this.metrics?.leftToReconciler.inc();
      this.warnSkipped();
      return;
    }
    this.metrics?.enqueueBacklog.inc();
    const adding: Promise<void> = this.start(runId, '', version)
      .catch(() => undefined) // addBulk logs its failures; the reconciler has the run
      .finally(() => {
        this.inFlight.delete(adding);
        this.metrics?.enqueueBacklog.dec();
      });
    this.inFlight.add(adding);
  }

  /** Start jobs added in the background and not yet answered by Redis. */
  get backgroundJobs(): number {
    return this.inFlight.size;
  }

  /** On shutdown (HTTP already closed), background adds get up to SHUTDOWN_WAIT_MS to land. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.inFlight.size === 0) return;
    await waitAtMost(Promise.all(this.inFlight), SHUTDOWN_WAIT_MS);
    if (this.inFlight.size > 0)
      this.logger.warn(
        `${this.inFlight.size} start job(s) were not confirmed by the queue before shutdown; the reconciler will enqueue their runs`,
      );
  }

  private warnSkipped(): void {
    const now = Date.now();
    if (now - this.lastSkipWarning < SKIP_WARNING_EVERY_MS) return;
    this.lastSkipWarning = now;
    this.logger.warn(
      `${this.maxBackground} start jobs are waiting for the queue; ${this.skipped} new run(s) so far were left queued in Postgres for the reconciler (it starts them once they are older than twice FLOWHUB_RECONCILE_INTERVAL_MS)`,
    );
  }

  /** `tag` makes the job id unique per attempt (BullMQ ignores ids it still holds). */
  async step(runId: string, stepId: string, tag: string, delayMs = 0): Promise<void> {
    await this.add(RunJob.step, { runId, stepId }, `run-${runId}-step-${stepId}-${tag}`, delayMs);
  }

  private add(name: string, data: StartJobData | StepJobData, jobId: string, delayMs: number) {
    const delay = Math.max(0, Math.round(delayMs));
    return this.groups.add({ name, data, opts: { ...JOB_OPTIONS, jobId, delay } });
  }

  private async addBulk(jobs: QueuedJob[]): Promise<void[]> {
    try {
      if (jobs.length === 1) await this.queue.add(jobs[0].name, jobs[0].data, jobs[0].opts);
      else await this.queue.addBulk(jobs);
    } catch (error) {
      const ids = jobs.map((job) => job.opts.jobId);
      const shown =
        ids.length > 3
          ? `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`
          : ids.join(', ');
      this.logger.warn(
        `could not enqueue ${shown} (${(error as Error).message}); the reconciler will retry`,
      );
    }
    return jobs.map(() => undefined);
  }
}
