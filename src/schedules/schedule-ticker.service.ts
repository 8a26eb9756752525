import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DomainEvents } from '../events/domain-events.service.js';
import { RunQueue } from '../runs/run-queue.service.js';
import { SchedulesRepository } from './schedules.repository.js';

/** The longest a ticker sleeps: a schedule created by another process is seen this soon. */
export const POLL_MS = 1000;
/** Every so often all flows are synced, whatever this process heard (another may have changed one). */
const FULL_SYNC_MS = 30_000;
/** Schedules visited per transaction. */
const BATCH = 20;

const FLOW_EVENTS = [
  'flow.created',
  'flow.updated',
  'flow.paused',
  'flow.activated',
  'flow.deleted',
] as const;

/**
 * In every process, a loop that wakes at the soonest tick (at most POLL_MS apart): syncs the
 * schedules of flows this process changed (and all of them every FULL_SYNC_MS), then turns
 * due ticks into runs. Processes share the work through row locks, so a tick runs once.
 */
@Injectable()
export class ScheduleTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Schedules');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private lastFullSync = 0;
  private readonly dirty = new Set<string>();

  constructor(
    private readonly schedules: SchedulesRepository,
    private readonly queue: RunQueue,
    events: DomainEvents,
  ) {
    for (const name of FLOW_EVENTS)
      events.on(name, ({ flow }) => {
        this.dirty.add(flow.id);
        this.wake();
      });
  }

  onApplicationBootstrap(): void {
    this.later(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Runs a pass now (or right after the one running). */
  wake(): void {
    if (this.running) this.again = true;
    else this.later(0);
  }

  private later(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => (this.running = this.pass()), ms);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    let sleep = POLL_MS;
    try {
      await this.sync();
      let visited = false;
      for (;;) {
        const due = await this.schedules.dueIn();
        sleep = Math.min(POLL_MS, due.ms ?? POLL_MS);
        // A queued tick is tried once per pass: its run may still be unfinished.
        if (this.stopped || !(due.ms === 0 || (due.queued && !visited))) break;
        const result = await this.schedules.visitDue(BATCH);
        visited = true;
        for (const { runId, flowId, flowVersion, scheduledAt } of result.runs) {
          this.logger.debug(`flow ${flowId}: tick ${scheduledAt.toISOString()} is run ${runId}`);
          this.queue.startInBackground(runId, { flowId, flowVersion });
        }
        // Nothing claimable (paused meanwhile, or another process holds them): wait.
        if (result.visited === 0) {
          sleep = POLL_MS;
          break;
        }
      }
    } catch (error) {
      this.logger.warn(
        `schedules could not be visited (retrying in ${POLL_MS} ms): ${(error as Error).message}`,
      );
    } finally {
      this.running = undefined;
      const again = this.again;
      this.again = false;
      this.later(again ? 0 : Math.max(1, Math.ceil(sleep)));
    }
  }

  private async sync(): Promise<void> {
    if (Date.now() - this.lastFullSync >= FULL_SYNC_MS) {
      this.dirty.clear();
      this.lastFullSync = Date.now();
      await this.schedules.sync();
      return;
    }
    const flows = [...this.dirty];
    this.dirty.clear();
    for (const flowId of flows) await this.schedules.sync(flowId);
  }
}
