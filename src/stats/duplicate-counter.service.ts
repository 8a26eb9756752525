import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DomainEvents } from '../events/domain-events.service.js';
import { Metrics } from '../metrics/metrics.service.js';
import { StatsRepository } from './stats.repository.js';

const FLUSH_MS = 2_000;

/**
 * Deliveries a catch URL answered with their first run (a dedupe key seen before: the catch
 * controller's request.duplicate event), counted
 * in memory per flow and minute and added to the stats every FLUSH_MS (and at shutdown), so a
 * storm of retries is not a storm of writes; when the write fails they wait for the next one.
 */
@Injectable()
export class DuplicateCounter implements OnModuleDestroy {
  private readonly logger = new Logger('Stats');
  private pending = new Map<string, number>();
  private readonly timer = setInterval(() => void this.flush(), FLUSH_MS).unref();

  constructor(
    private readonly repository: StatsRepository,
    events: DomainEvents,
    metrics: Metrics,
  ) {
    events.on('request.duplicate', ({ flowId }) => {
      this.count(flowId);
      metrics.flows.duplicateAt(flowId);
    });
  }

  count(flowId: string, at = new Date()): void {
    const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000).toISOString();
    const key = `${flowId} ${minute}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const rows = [...batch].map(([key, n]) => {
      const [flowId, at] = key.split(' ');
      return { flowId, at, n };
    });
    try {
      await this.repository.addDuplicates(rows);
    } catch (error) {
      for (const [key, n] of batch) this.pending.set(key, (this.pending.get(key) ?? 0) + n);
      this.logger.warn(`Could not record duplicate deliveries yet: ${(error as Error).message}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
