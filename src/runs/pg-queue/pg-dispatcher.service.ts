import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { RUNTIME, type Runtime } from '../../config/runtime.js';
import { RunExecutor } from '../run-executor.service.js';
import { WakeListener } from './wake-listener.js';
import { WorkClaims, type ClaimedWork } from '../state/work-claims.repository.js';
import { WorkSignal } from './work-signal.service.js';

/** After a claim that emptied the queue, the next one waits this long for wake-ups to gather. */
const CLAIM_GAP_MS = 5;
const WARN_EVERY_MS = 10_000;

/**
 * The worker of FLOWHUB_QUEUE=postgres: claims due work for its free slots (WorkClaims, one
 * statement per batch) and hands it to the RunExecutor, as the BullMQ processor does with
 * jobs. It claims when woken (this process's catch, a NOTIFY, a retry falling due), on its
 * poll, and while a backlog lasts whenever a quarter of its slots are free, so a busy worker
 * claims in batches rather than once per run.
 */
@Injectable()
export class PgDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('PgDispatcher');
  private readonly slots: number;
  private readonly batch: number;
  private active = 0;
  private claiming = false;
  private wanted = false;
  /** The last claim filled every free slot: more work is probably waiting. */
  private backlog = false;
  private stopping = true;
  private lastClaimEnd = 0;
  private gapTimer?: NodeJS.Timeout;
  private pollTimer?: NodeJS.Timeout;
  private listener?: WakeListener;
  private unsubscribe?: () => void;
  private idle?: () => void;
  private lastWarning = 0;

  constructor(
    private readonly executor: RunExecutor,
    private readonly claims: WorkClaims,
    private readonly signal: WorkSignal,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {
    this.slots = runtime.config.workerConcurrency;
    this.batch = Math.max(1, Math.floor(this.slots / 4));
  }

  onApplicationBootstrap(): void {
    if (this.runtime.config.queueMode !== 'postgres') return;
    this.stopping = false;
    this.unsubscribe = this.signal.onWork(() => this.kick());
    this.listener = new WakeListener(this.runtime.databaseUrl, () => this.kick(), this.logger);
    this.listener.start();
    this.pollTimer = setInterval(() => this.kick(true), this.runtime.config.queuePollMs);
    this.pollTimer.unref();
    this.kick(true);
  }

  /** Stops claiming, then waits for the work in hand to finish (the database is still open). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.gapTimer);
    this.unsubscribe?.();
    await this.listener?.stop();
    if (this.active > 0) {
      this.logger.log(`Draining: waiting for ${this.active} run(s) in hand to finish`);
      await new Promise<void>((resolve) => (this.idle = resolve));
    }
  }

  /** Work may be due. `poll`: claim even for a single free slot during a backlog. */
  private kick(poll = false): void {
    if (this.stopping) return;
    this.wanted = true;
    if (this.claiming) return;
    const free = this.slots - this.active;
    if (free <= 0 || (this.backlog && !poll && free < this.batch)) return;
    const wait = this.lastClaimEnd + CLAIM_GAP_MS - Date.now();
    if (wait > 0 && !this.backlog) {
      this.gapTimer ??= setTimeout(() => {
        this.gapTimer = undefined;
        this.kick(true);
      }, wait);
      return;
    }
    this.claim(free);
  }

  private claim(free: number): void {
    this.wanted = false;
    this.claiming = true;
    this.claims
      .claim(free)
      .then((items) => {
        this.backlog = items.length === free;
        for (const item of items) this.run(item);
      })
      .catch((error: Error) => {
        this.backlog = false;
        this.warn(`could not claim work (${error.message}); trying again at the next poll`);
      })
      .finally(() => {
        this.claiming = false;
        this.lastClaimEnd = Date.now();
        if (this.backlog || this.wanted) this.kick();
      });
  }

  private run(item: ClaimedWork): void {
    this.active += 1;
    const work =
      item.kind === 'start'
        ? this.executor.start(item.runId, { flowId: item.flowId, flowVersion: item.flowVersion })
        : this.executor.executeStep(item.runId, item.stepId);
    work
      .catch((error: Error) => {
        const what = item.kind === 'start' ? 'start' : `step ${item.stepId}`;
        this.logger.error(`run ${item.runId} ${what} stopped: ${error.message}`);
      })
      .finally(() => {
        this.active -= 1;
        if (this.stopping) {
          if (this.active === 0) this.idle?.();
        } else if (this.backlog || this.wanted) this.kick();
      });
  }

  private warn(message: string): void {
    if (Date.now() - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = Date.now();
    this.logger.warn(message);
  }
}
