import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { WakeRepository } from './wake.repository.js';

/** Most one NOTIFY per this long: NOTIFY serialises the commits that send it. */
const NOTIFY_GAP_MS = 10;
const WARN_EVERY_MS = 10_000;

/**
 * `postgres` mode's "there is new work": wakes this process's worker at once (when it has
 * one) and every other worker through one coalesced NOTIFY (at most one in flight, one per
 * NOTIFY_GAP_MS). Work due later wakes this process's worker when it falls due; others find
 * it by their poll. A lost wake-up only delays work until a poll (FLOWHUB_QUEUE_POLL_MS).
 */
@Injectable()
export class WorkSignal implements OnApplicationShutdown {
  private readonly logger = new Logger('WorkSignal');
  private readonly listeners = new Set<() => void>();
  private notifying = false;
  private notifyAgain = false;
  private dueTimer?: NodeJS.Timeout;
  private dueAt = Infinity;
  private lastWarning = 0;
  private closed = false;

  constructor(private readonly wakes: WakeRepository) {}

  /** Calls `listener` on every wake-up of this process; answers the unsubscribe. */
  onWork(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Work is due now. */
  wake(): void {
    this.wakeHere();
    this.notify();
  }

  /** Work falls due in `ms` (a retry, a wait): this process's worker looks then. */
  wakeIn(ms: number): void {
    const at = Date.now() + ms;
    if (at >= this.dueAt || this.listeners.size === 0 || this.closed) return;
    clearTimeout(this.dueTimer);
    this.dueAt = at;
    // A few ms late rather than early: the claim compares due times with the database's now().
    this.dueTimer = setTimeout(() => {
      this.dueAt = Infinity;
      this.wakeHere();
    }, ms + 5);
    this.dueTimer.unref();
  }

  onApplicationShutdown(): void {
    this.closed = true;
    clearTimeout(this.dueTimer);
  }

  private wakeHere(): void {
    for (const listener of this.listeners) listener();
  }

  private notify(): void {
    if (this.closed) return;
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    this.wakes
      .notify()
      .catch((error: Error) => this.warn(error))
      .finally(() => {
        setTimeout(() => {
          this.notifying = false;
          if (!this.notifyAgain) return;
          this.notifyAgain = false;
          this.notify();
        }, NOTIFY_GAP_MS).unref();
      });
  }

  private warn(error: Error): void {
    if (Date.now() - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = Date.now();
    this.logger.warn(
      `could not notify workers of new work (${error.message}); they find it by their poll`,
    );
  }
}
