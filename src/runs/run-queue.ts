import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
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

interface QueuedJob {
  name: string;
  data: StartJobData | StepJobData;
  opts: JobsOptions & { jobId: string };
}

/**
 * Enqueues run work. Jobs carry ids only; Postgres decides whether the work is still due,
 * so enqueueing twice is harmless. Concurrent adds share one addBulk. An enqueue failure is
 * logged, never thrown: the reconciler re-enqueues what Postgres says is due.
 */
@Injectable()
export class RunQueue {
  private readonly logger = new Logger('RunQueue');
  private readonly groups = new WriteGroups<QueuedJob, void>((jobs) => this.addBulk(jobs), {
    maxRows: 100,
    maxInFlight: 2,
  });

  constructor(@InjectQueue(QueueName.runs) private readonly queue: Queue) {}

  /** `version`: the run's flow version, when known, saves the job a read (RunExecutor.start). */
  async start(runId: string, suffix = '', version?: FlowVersionRef): Promise<void> {
    await this.add(RunJob.start, { runId, ...version }, `run-${runId}-start${suffix}`, 0);
  }

  /**
   * For the catch path: waits for the enqueue at most `maxWaitMs`. The run is already queued
   * in Postgres, so a slow or unreachable Redis must not hold the 202: the enqueue goes on in
   * the background, and the reconciler enqueues the run if it is lost.
   */
  async startWithin(runId: string, maxWaitMs: number, version?: FlowVersionRef): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, maxWaitMs);
    });
    await Promise.race([this.start(runId, '', version), waited]);
    clearTimeout(timer);
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
