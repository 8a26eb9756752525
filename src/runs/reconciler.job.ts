import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { QueueName } from '../queue/queue-names.js';
import { liveJobIndex, type LiveJobs } from '../queue/live-jobs.js';
import { RunJob, RunQueue } from './run-queue.service.js';
import {
  RECOVERY_BATCH as BATCH,
  RunRecovery,
  type FoundWork,
} from './state/run-recovery.repository.js';

/** VER-2: dedupe keys are kept at least this long, then released. */
export const DEDUPE_RETENTION_HOURS = 72;
const PRUNE_EVERY_MS = 3_600_000;
/** At most this many pages of BATCH queued runs per pass (20,000 runs). */
const QUEUED_PAGES = 40;

export interface ReconcileReport {
  expiredLeases: number;
  resumedSteps: number;
  restartedRuns: number;
  /** Due steps and queued runs left alone because a job for them is still in the queue. */
  stillQueued?: number;
}

/**
 * Postgres is the source of truth; the queue can lose jobs (Redis restart, a worker killed
 * twice). One process at a time (advisory lock) finds work that is due but has no live
 * job and enqueues it again: steps whose lease expired, due steps, queued runs (a long
 * backlog of queued runs is paged through after the lock). Claims in Postgres make a
 * duplicate job harmless.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reconciler');
  private timer?: NodeJS.Timeout;
  private lastPrune = 0;
  private running?: Promise<unknown>;
  private stopping = false;

  constructor(
    private readonly recovery: RunRecovery,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly queue: RunQueue,
    @InjectQueue(QueueName.runs) private readonly jobs: Queue,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.runtime.config.reconcileIntervalMs;
    this.timer = setInterval(() => {
      this.running ??= this.reconcile()
        .catch((error: Error) => this.logger.warn(`reconcile pass failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, interval);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.stopping = true; // a pass in progress stops after its current page
    await this.running;
  }

  /** One pass; returns what it re-enqueued (nothing when another process holds the lock). */
  async reconcile(): Promise<ReconcileReport> {
    const graceMs = Math.max(2 * this.runtime.config.reconcileIntervalMs, 2000);
    const found = await this.recovery.find(graceMs);
    if (!found) return { expiredLeases: 0, resumedSteps: 0, restartedRuns: 0 };
    if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) await this.pruneDedupeKeys();
    // With FLOWHUB_QUEUE=postgres there are no jobs: the rows are the queue, and what is due
    // (marked due by find()) only needs the workers woken.
    const hasJobs = this.runtime.config.queueMode !== 'postgres';
    const live =
      hasJobs && found.due.length + found.queued.length > 0
        ? await this.liveJobs(graceMs)
        : undefined;
    const report = await this.enqueue(found, live);
    // A full page of queued runs: more may wait (runs left by a Redis outage), so the pass
    // goes on page by page rather than 500 runs every interval. These pages are read after
    // the lock's transaction: another process's pass may overlap them, which only adds start
    // jobs that find their run already started (or the same job id, which BullMQ ignores).
    let last = found.queued.length === BATCH ? found.queued.at(-1) : undefined;
    for (let page = 1; last && page < QUEUED_PAGES && !this.stopping; page += 1) {
      const queued = await this.recovery.queuedRuns(graceMs, last);
      const more = await this.enqueue({ expired: [], due: [], queued }, live);
      report.restartedRuns += more.restartedRuns;
      report.stillQueued = (report.stillQueued ?? 0) + (more.stillQueued ?? 0);
      last = queued.length === BATCH ? queued.at(-1) : undefined;
    }
    return report;
  }

  /** Releases dedupe keys older than the retention, so the unique index stays small. */
  async pruneDedupeKeys(): Promise<number> {
    this.lastPrune = Date.now();
    return this.recovery.pruneDedupeKeys(DEDUPE_RETENTION_HOURS);
  }

  /**
   * Ids of the jobs still waiting, delayed or active. Under load a due step is often just
   * behind a backlog: re-enqueueing it would double the backlog at every pass. Undefined
   * when the queue cannot tell (then everything due is enqueued; claims make that harmless).
   * A start job active for longer than `staleMs` is not counted: a live worker starts the
   * run within milliseconds of taking the job, so its run being still queued means the worker
   * died with it, and BullMQ would hand it back only after its lock and stalled check.
   */
  private async liveJobs(staleMs: number): Promise<LiveJobs | undefined> {
    try {
      const [ids, active] = await Promise.all([
        this.jobs.getRanges(['waiting', 'delayed', 'prioritized', 'waiting-children'], 0, -1),
        this.jobs.getActive(0, -1),
      ]);
      const takenSince = Date.now() - staleMs;
      const working = active.filter(
        (job) => job.name !== RunJob.start || (job.processedOn ?? Date.now()) > takenSince,
      );
      return liveJobIndex([...ids, ...working.map((job) => job.id ?? '')]);
    } catch (error) {
      this.logger.warn(`could not list live jobs (${(error as Error).message})`);
      return undefined;
    }
  }

  /** Enqueues what `found` holds, less what has a live job (`live`, read once per pass). */
  private async enqueue(found: FoundWork, live: LiveJobs | undefined): Promise<ReconcileReport> {
    const due = found.due.filter((step) => !live?.hasStep(step.run_id, step.step_id));
    const queued = found.queued.filter((run) => !live?.hasStart(run.id));
    // A time-bucketed suffix: a job BullMQ still remembers (completed or failed) under the
    // usual id would make a plain re-add a no-op.
    const bucket = `r${Math.floor(Date.now() / 60_000)}`;
    // All at once: RunQueue groups concurrent adds into addBulk calls.
    await Promise.all([
      ...[...found.expired, ...due].map((step) =>
        this.queue.step(step.run_id, step.step_id, `${step.attempt + 1}-${bucket}`),
      ),
      ...queued.map((run) => this.queue.start(run.id, `-${bucket}`)),
    ]);
    const report = {
      expiredLeases: found.expired.length,
      resumedSteps: due.length,
      restartedRuns: queued.length,
      stillQueued: found.due.length - due.length + found.queued.length - queued.length,
    };
    if (report.expiredLeases + report.resumedSteps + report.restartedRuns > 0) {
      this.logger.warn(
        `re-enqueued ${report.expiredLeases} step(s) with expired leases, ${report.resumedSteps} due step(s), ${report.restartedRuns} queued run(s)`,
      );
    }
    return report;
  }
}
