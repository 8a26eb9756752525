import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, WorkerOptions } from 'bullmq';
import type { AppConfig } from '../config/load-config.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { RunExecutor } from '../runs/run-executor.js';
import { RunJob, type StartJobData, type StepJobData } from '../runs/run-queue.js';
import { QueueName } from './queue-names.js';

/**
 * maxStalledCount 3: a job whose worker died is retried rather than failed. The lock and
 * the stalled check come from configuration (fault tests compress them).
 */
export function runsWorkerOptions(config: AppConfig): WorkerOptions {
  return {
    maxStalledCount: 3,
    autorun: false,
    lockDuration: config.queueLockDurationMs,
    stalledInterval: config.queueStalledIntervalMs,
  } as WorkerOptions;
}

/**
 * Applies the worker options of this boot's configuration. `@nestjs/bullmq` reads them from
 * the decorator's metadata when it creates the worker, so QueueModule.forRoot calls this
 * before Nest scans the modules.
 */
export function configureRunsWorker(config: AppConfig): void {
  Processor(QueueName.runs, runsWorkerOptions(config))(RunsProcessor);
}

/**
 * Thin: a job is only a pointer (run id, step id); RunExecutor reads the state from
 * Postgres. Worker options: runsWorkerOptions (set at boot by configureRunsWorker).
 */
@Processor(QueueName.runs, { maxStalledCount: 3, autorun: false })
export class RunsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('RunsProcessor');

  constructor(
    private readonly executor: RunExecutor,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {
    super();
  }

  /**
   * Connect (and, on Postgres, migrate BullMQ's tables) before taking jobs: BullMQ keeps a
   * failed first connection attempt for good, so an outage in that window would leave the
   * worker broken until restart.
   */
  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.runtime.config.workerConcurrency;
    await this.worker.waitUntilReady();
    this.worker
      .run()
      .catch((error: Error) => this.logger.error(`worker stopped: ${error.message}`));
  }

  /** A job fails only on infrastructure trouble; the reconciler re-drives its work. */
  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.error(`job ${job?.id ?? '?'} failed: ${error.message}`);
  }

  async process(job: Job<StartJobData | StepJobData>): Promise<void> {
    if (job.name === RunJob.start) return this.executor.start(job.data.runId);
    const { runId, stepId } = job.data as StepJobData;
    return this.executor.executeStep(runId, stepId);
  }
}
