import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { DomainEvents } from './domain-events.service.js';
import { EventOutbox } from './event-outbox.repository.js';

/** A row this old was not relayed by the process that recorded it (it died, or a subscriber failed). */
export const OUTBOX_GRACE_MS = 10_000;
const BATCH = 200;

/** Relays outbox rows left behind, on the reconcile interval, in every process. */
@Injectable()
export class OutboxSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxSweeper');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly outbox: EventOutbox,
    private readonly events: DomainEvents,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.runtime.config.reconcileIntervalMs;
    this.timer = setInterval(() => void this.sweep(), every).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Relays what is overdue, batch by batch; answers how many rows it relayed. */
  async sweep(graceMs = OUTBOX_GRACE_MS): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const n = await this.outbox.sweep(graceMs, BATCH, (rows) => this.events.relay(rows));
        total += n;
        if (n < BATCH) return total;
      }
    } catch (error) {
      this.logger.warn(`outbox sweep failed (retried next pass): ${(error as Error).message}`);
      return total;
    }
  }
}
