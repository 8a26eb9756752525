import { Processor } from '@nestjs/bullmq';
import type { Logger } from '@nestjs/common';
import type { Worker, WorkerOptions } from 'bullmq';
import type { AppConfig } from '../config/load-config.js';

/**
 * Every Flowhub worker: maxStalledCount 3 (a job whose worker died is retried rather than
 * failed), started by hand after connecting, lock and stalled check from configuration
 * (fault tests compress them).
 */
export function queueWorkerOptions(config: AppConfig): WorkerOptions {
  return {
    maxStalledCount: 3,
    autorun: false,
    lockDuration: config.queueLockDurationMs,
    stalledInterval: config.queueStalledIntervalMs,
  } as WorkerOptions;
}

/**
 * Applies this boot's worker options to a processor class. `@nestjs/bullmq` reads them from
 * the decorator's metadata when it creates the worker, so this runs before Nest scans modules.
 */
export function configureQueueWorker(
  processor: abstract new (...args: never[]) => unknown,
  queueName: string,
  config: AppConfig,
): void {
  Processor(queueName, queueWorkerOptions(config))(processor as never);
}

/**
 * Connects (and, on Postgres, migrates BullMQ's tables) before taking jobs: BullMQ keeps a
 * failed first connection attempt for good, so an outage in that window would leave the
 * worker broken until restart.
 */
export async function startQueueWorker(
  worker: Worker,
  config: AppConfig,
  logger: Logger,
): Promise<void> {
  worker.concurrency = config.workerConcurrency;
  await worker.waitUntilReady();
  worker.run().catch((error: Error) => logger.error(`worker stopped: ${error.message}`));
}
