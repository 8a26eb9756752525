import { Injectable } from '@nestjs/common';
import { RunQueue } from '../run-queue.service.js';
import { WorkSignal } from './work-signal.service.js';

/**
 * RunQueue for FLOWHUB_QUEUE=postgres: the run and step rows are the queue, so "due" is
 * already written (a run committed `queued`, a step's next_attempt_at) and this only wakes
 * the workers. Nothing to add, nothing to lose.
 */
@Injectable()
export class PgRunQueue extends RunQueue {
  constructor(private readonly signal: WorkSignal) {
    super();
  }

  start(): Promise<void> {
    this.signal.wake();
    return Promise.resolve();
  }

  startInBackground(): void {
    this.signal.wake();
  }

  step(_runId: string, _stepId: string, _tag: string, delayMs = 0): Promise<void> {
    if (delayMs > 0) this.signal.wakeIn(delayMs);
    else this.signal.wake();
    return Promise.resolve();
  }

  get backgroundJobs(): number {
    return 0;
  }
}
