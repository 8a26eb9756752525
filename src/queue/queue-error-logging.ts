import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Queue } from 'bullmq';

/**
 * BullMQ queues and workers emit 'error' when their connection drops (Redis restart,
 * Postgres failover). Unheard, those end up as raw console output; log them as JSON
 * instead. BullMQ reconnects on its own.
 */
@Injectable()
export class QueueErrorLogging implements OnApplicationBootstrap {
  private readonly logger = new Logger('Queue');

  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as unknown;
      if (instance instanceof Queue) this.listen(instance, `queue ${instance.name}`);
      if (instance instanceof WorkerHost) {
        try {
          this.listen(instance.worker, `worker ${instance.worker.name}`);
        } catch {
          // a WorkerHost whose worker is not created (processor disabled)
        }
      }
    }
  }

  private listen(
    emitter: { on(event: 'error', listener: (error: Error) => void): unknown },
    what: string,
  ): void {
    emitter.on('error', (error: Error) =>
      this.logger.warn(`${what}: connection error (${error.message}); retrying`),
    );
  }
}
