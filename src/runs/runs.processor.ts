import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { AppConfig } from '../config/load-config.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { RunExecutor } from './run-executor.service.js';
import { RunJob, type StartJobData, type StepJobData } from './run-queue.service.js';
import { QueueName } from '../queue/queue-names.js';
import {
  configureQueueWorker,
  queueWorkerOptions,
  startQueueWorker,
} from '../queue/queue-worker.js';

/** The runs worker's options (see queueWorkerOptions). */
export const runsWorkerOptions = queueWorkerOptions;

export function configureRunsWorker(config: AppConfig): void {
  configureQueueWorker(RunsProcessor, QueueName.runs, config);
}

/**
 * Thin: a job is only a pointer (run id, step id); RunExecutor reads the state from
 * Postgres. Worker options: queueWorkerOptions (set at boot by configureRunsWorker).
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

  /** Not with FLOWHUB_QUEUE=postgres: PgDispatcher takes runs from the rows instead. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.runtime.config.queueMode === 'postgres') return;
    return startQueueWorker(this.worker, this.runtime.config, this.logger);
  }

  /** A job fails only on infrastructure trouble; the reconciler re-drives its work. */
  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.error(`job ${job?.id ?? '?'} failed: ${error.message}`);
  }

  async process(job: Job<StartJobData | StepJobData>): Promise<void> {
    if (job.name === RunJob.start) {
      const { runId, flowId, flowVersion } = job.data as StartJobData;
      const named = typeof flowId === 'string' && typeof flowVersion === 'number';
      return this.executor.start(runId, named ? { flowId, flowVersion } : undefined);
    }
    const { runId, stepId } = job.data as StepJobData;
    return this.executor.executeStep(runId, stepId);
  }
}
