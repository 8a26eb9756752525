import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Metrics } from '../metrics/metrics.service.js';
import { CatchLimitsRepository } from './catch-limits.repository.js';
import { DomainEvents } from '../events/domain-events.service.js';

export type RejectionReason =
  | 'missing-header'
  | 'stale-timestamp'
  | 'bad-signature'
  | 'ip-not-allowed'
  | 'rate-limited'
  | 'refusals-rate-limited'
  | 'body-too-large'
  | 'body-limits'
  | 'unsupported-media-type'
  | 'replies-full';

export interface RejectionTotals {
  total: number;
  byReason: Partial<Record<RejectionReason, { count: number; lastAt: string }>>;
}

const FLUSH_MS = 2_000;
const ANNOUNCE_EVERY_MS = 60_000;

/**
 * Counts requests a catch URL refused, per flow and reason. Counting happens in memory and is
 * written in one statement every FLUSH_MS (and at shutdown), so a flood of bad requests does
 * not become a flood of writes; if the write fails the counts wait for the next one.
 */
@Injectable()
export class RejectionCounter implements OnModuleDestroy {
  private readonly logger = new Logger('Rejections');
  private pending = new Map<string, { count: number; lastAt: Date }>();
  private readonly timer = setInterval(() => void this.flush(), FLUSH_MS).unref();

  /** request.rejected: when each (flow, reason) was last announced, and how many since. */
  private readonly announced = new Map<string, { at: number; since: number }>();

  constructor(
    private readonly repository: CatchLimitsRepository,
    private readonly events: DomainEvents,
    private readonly metrics: Metrics,
  ) {}

  count(flowId: string, reason: RejectionReason): void {
    this.metrics.rejected.inc({ reason });
    this.metrics.flows.rejectedAt(flowId, reason);
    this.announce(flowId, reason);
    const key = `${flowId} ${reason}`;
    const entry = this.pending.get(key);
    if (entry) {
      entry.count += 1;
      entry.lastAt = new Date();
    } else this.pending.set(key, { count: 1, lastAt: new Date() });
  }

  /** At most one request.rejected event per flow and reason per minute, with the count. */
  private announce(flowId: string, reason: RejectionReason): void {
    const key = `${flowId} ${reason}`;
    const now = Date.now();
    const last = this.announced.get(key);
    if (last && now - last.at < ANNOUNCE_EVERY_MS) {
      last.since += 1;
      return;
    }
    if (this.announced.size >= 10_000) this.announced.clear();
    this.announced.set(key, { at: now, since: 0 });
    this.events.emit('request.rejected', { flowId, reason, count: (last?.since ?? 0) + 1 });
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const rows = [...batch].map(([key, { count, lastAt }]): [string, string, number, Date] => {
      const [flowId, reason] = key.split(' ');
      return [flowId, reason, count, lastAt];
    });
    try {
      await this.repository.addRejections(rows);
    } catch (error) {
      for (const [key, entry] of batch) {
        const waiting = this.pending.get(key);
        this.pending.set(key, {
          count: entry.count + (waiting?.count ?? 0),
          lastAt: waiting?.lastAt ?? entry.lastAt,
        });
      }
      this.logger.warn(`Could not record rejected requests yet: ${(error as Error).message}`);
    }
  }

  async totals(flowId: string): Promise<RejectionTotals> {
    await this.flush();
    const rows = await this.repository.rejections(flowId);
    const byReason = Object.fromEntries(
      rows.map((row) => [
        row.reason,
        { count: Number(row.count), lastAt: row.last_at.toISOString() },
      ]),
    );
    return { total: rows.reduce((sum, row) => sum + Number(row.count), 0), byReason };
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
