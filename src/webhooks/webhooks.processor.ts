import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { configureQueueWorker, startQueueWorker } from '../queue/queue-worker.js';
import type { DeliveryJobData } from './delivery-jobs.js';
import { QueueName } from '../queue/queue-names.js';
import { DeliverySender } from './delivery-sender.service.js';

/** Runs delivery attempts; the job is only a pointer, Postgres holds the delivery. */
@Processor(QueueName.webhooks, { maxStalledCount: 3, autorun: false })
export class WebhooksProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('WebhooksProcessor');

  constructor(
    private readonly sender: DeliverySender,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {
    super();
  }

  onApplicationBootstrap(): Promise<void> {
    return startQueueWorker(this.worker, this.runtime.config, this.logger);
  }

  process(job: Job<DeliveryJobData>): Promise<void> {
    return this.sender.deliver(job.data.deliveryId, job.data.attempt);
  }
}

/** Lock and stalled check from this boot's configuration (see configureQueueWorker). */
export function configureWebhooksWorker(config: Runtime['config']): void {
  configureQueueWorker(WebhooksProcessor, QueueName.webhooks, config);
}
