import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { QueueName } from '../queue/queue-names.js';

export const RunJob = { start: 'start', step: 'step' } as const;

export interface StartJobData {
  runId: string;
}
export interface StepJobData {
  runId: string;
  stepId: string;
}

/** Completed jobs are kept an hour for inspection; run history lives in Postgres. */
const JOB_OPTIONS: JobsOptions = {
  attempts: 1,
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 86_400, count: 5000 },
};

/**
 * Enqueues run work. Jobs carry ids only; Postgres decides whether the work is still due,
 * so enqueueing twice is harmless. An enqueue failure is logged, never thrown: the
 * reconciler re-enqueues what Postgres says is due.
 */
@Injectable()
export class RunQueue {
  private readonly logger = new Logger('RunQueue');

  constructor(@InjectQueue(QueueName.runs) private readonly queue: Queue) {}

  async start(runId: string, suffix = ''): Promise<void> {
    await this.add(RunJob.start, { runId }, `run-${runId}-start${suffix}`, 0);
  }

  /** `tag` makes the job id unique per attempt (BullMQ ignores ids it still holds). */
  async step(runId: string, stepId: string, tag: string, delayMs = 0): Promise<void> {
    await this.add(RunJob.step, { runId, stepId }, `run-${runId}-step-${stepId}-${tag}`, delayMs);
  }

  private async add(
    name: string,
    data: StartJobData | StepJobData,
    jobId: string,
    delayMs: number,
  ) {
    try {
      await this.queue.add(name, data, {
        ...JOB_OPTIONS,
        jobId,
        delay: Math.max(0, Math.round(delayMs)),
      });
    } catch (error) {
      this.logger.warn(
        `could not enqueue ${jobId} (${(error as Error).message}); the reconciler will retry`,
      );
    }
  }
}
