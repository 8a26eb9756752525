import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import { QueueName } from './queue-names.js';

const PROBE_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Ready when the queue backend (Redis or BullMQ's Postgres tables) answers a read. */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    @InjectQueue(QueueName.system) private readonly queue: Queue,
    private readonly health: HealthIndicatorService,
  ) {}

  async isReachable(key = 'queue') {
    const indicator = this.health.check(key);
    try {
      await withTimeout(this.queue.getJobCounts('waiting'), PROBE_TIMEOUT_MS);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
