import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Queue, type Worker } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';

/** A worker that hits a storage error pauses this long before it polls again. */
export const WORKER_ERROR_PAUSE_MS = 1000;
/** Repeated errors of one queue or worker are logged at most this often. */
const LOG_EVERY_MS = 5000;

/**
 * BullMQ queues and workers emit 'error' when their storage goes away (Redis restart,
 * Postgres failover). Unheard, those end up as raw console output; here they become JSON
 * log lines, at most one per LOG_EVERY_MS per emitter. A worker also pauses briefly after
 * each error: some storage errors (e.g. "database is not accepting connections") make
 * BullMQ poll again at once, which would spin a CPU and starve the event loop.
 */
@Injectable()
export class QueueErrorLogging implements OnApplicationBootstrap {
  private readonly logger = new Logger('Queue');
  private readonly backingOff = new Set<Worker>();

  constructor(private readonly discovery: DiscoveryService) {}

  async onApplicationBootstrap(): Promise<void> {
    const ready: Promise<void>[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as unknown;
      if (instance instanceof Queue) {
        instance.on('error', this.reporter(`queue ${instance.name}`));
        // Connected before the app reports started (BullMQ never retries a failed first connect).
        ready.push(instance.waitUntilReady());
      }
      if (instance instanceof WorkerHost) {
        let worker: Worker;
        try {
          worker = instance.worker;
        } catch {
          continue; // a WorkerHost whose worker was not created
        }
        const report = this.reporter(`worker ${worker.name}`);
        worker.on('error', (error: Error) => {
          report(error);
          this.backOff(worker);
        });
      }
    }
    await Promise.all(ready);
  }

  private reporter(what: string): (error: Error) => void {
    let last = 0;
    let suppressed = 0;
    return (error) => {
      const now = Date.now();
      if (now - last < LOG_EVERY_MS) {
        suppressed += 1;
        return;
      }
      const more = suppressed ? ` (${suppressed} more since the last report)` : '';
      this.logger.warn(`${what}: ${error.message}${more}; retrying`);
      last = now;
      suppressed = 0;
    };
  }

  /** Pause, wait, resume (retrying the resume until it works); one back-off at a time. */
  private backOff(worker: Worker): void {
    if (this.backingOff.has(worker) || worker.closing) return;
    this.backingOff.add(worker);
    void (async () => {
      await worker.pause(true).catch(() => undefined);
      await sleep(WORKER_ERROR_PAUSE_MS);
      while (!worker.closing) {
        const resumed = await worker.resume().then(
          () => true,
          () => false,
        );
        if (resumed) break;
        await sleep(WORKER_ERROR_PAUSE_MS);
      }
      this.backingOff.delete(worker);
    })();
  }
}
