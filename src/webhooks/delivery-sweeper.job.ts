import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Queue } from 'bullmq';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { deliveryJob, type DeliveryJobData } from './delivery-jobs.js';
import { QueueName } from '../queue/queue-names.js';
import { WebhooksRepository } from './webhooks.repository.js';

const PRUNE_EVERY_MS = 3_600_000;

/**
 * Postgres is the source of truth for deliveries: a pending one whose job was lost (Redis
 * restarted, enqueue failed) is enqueued again; old deliveries are pruned. Both are safe to
 * run in several workers at once (a job id per attempt, a lease per claim).
 */
@Injectable()
export class DeliverySweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DeliverySweeper');
  private timer?: NodeJS.Timeout;
  private lastPrune = 0;

  constructor(
    private readonly repository: WebhooksRepository,
    @InjectQueue(QueueName.webhooks) private readonly queue: Queue<DeliveryJobData>,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => void this.sweep(),
      this.runtime.config.reconcileIntervalMs,
    ).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<{ requeued: number; pruned: number }> {
    try {
      const overdue = await this.repository.overdue(500);
      if (overdue.length > 0) {
        await this.queue.addBulk(overdue.map((d) => deliveryJob(d.id, d.attempts + 1)));
      }
      let pruned = 0;
      if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
        pruned = await this.repository.prune(this.runtime.config.webhookRetentionDays);
        this.lastPrune = Date.now();
      }
      return { requeued: overdue.length, pruned };
    } catch (error) {
      this.logger.warn(`delivery sweep failed: ${(error as Error).message}`);
      return { requeued: 0, pruned: 0 };
    }
  }
}
