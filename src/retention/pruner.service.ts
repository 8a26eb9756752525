import { Inject, Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { DEDUPE_RETENTION_HOURS } from '../runs/reconciler.job.js';
import { pruneWindows } from './retention-policy.js';
import { type PruneSession, RetentionRepository } from './retention.repository.js';

/** Runs (with their steps and requests) one statement deletes: short locks, short WAL bursts. */
export const PRUNE_BATCH = 500;
/** After each batch the pass rests at least this long, */
export const PRUNE_PAUSE_MS = 20;
/**
 * and PRUNE_REST times as long as the batch took: pruning takes at most half of the time
 * of one connection, so ingest keeps the disk and the CPU (docs/performance.md).
 */
export const PRUNE_REST = 1;

export interface PruneReport {
  runs: number;
  steps: number;
  requests: number;
  batches: number;
  /** VACUUM ran after the deletes (something was deleted). */
  vacuumed: boolean;
  ms: number;
}

export interface PruneOptions {
  batch?: number;
  pauseMs?: number;
  /** Stop once this many batches ran (the next pass goes on). */
  maxBatches?: number;
  /** Aborted (shutdown): the pass stops after its current batch. */
  signal?: AbortSignal;
}

/**
 * One pruning pass (docs/operations.md#retention): finished runs past their flow's window
 * (failed ones past keepFailedDays) with their steps and requests, in bounded batches, then a
 * plain VACUUM so the space is reused at once. One process at a time; undefined when another
 * process holds the lock.
 */
@Injectable()
export class Pruner {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly repository: RetentionRepository,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async prune(options: PruneOptions = {}): Promise<PruneReport | undefined> {
    const started = Date.now();
    const report = await this.repository.locked((session) => this.pass(session, options));
    if (!report) return undefined;
    const done = { ...report, ms: Date.now() - started };
    if (done.runs + done.requests > 0)
      this.logger.log(
        `pruned ${done.runs} runs, ${done.steps} steps, ${done.requests} requests in ${done.batches} batches (${done.ms} ms)`,
      );
    return done;
  }

  private async pass(session: PruneSession, options: PruneOptions): Promise<PruneReport> {
    const batch = options.batch ?? PRUNE_BATCH;
    const pauseMs = options.pauseMs ?? PRUNE_PAUSE_MS;
    const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
    const windows = pruneWindows(
      await session.flows(),
      this.runtime.config.retentionDays,
      new Date(),
    );
    const report: PruneReport = {
      runs: 0,
      steps: 0,
      requests: 0,
      batches: 0,
      vacuumed: false,
      ms: 0,
    };
    for (;;) {
      const began = Date.now();
      const pruned = await session.pruneRuns(windows, batch, DEDUPE_RETENTION_HOURS);
      report.batches += 1;
      report.runs += pruned.runs;
      report.steps += pruned.steps;
      report.requests += pruned.requests;
      if (pruned.runs < batch || report.batches >= maxBatches || options.signal?.aborted) break;
      await sleep(Math.max(pauseMs, (Date.now() - began) * PRUNE_REST));
    }
    const more = () => report.batches < maxBatches && !options.signal?.aborted;
    for (let lone = batch; lone === batch && more(); report.batches += 1) {
      lone = await session.pruneLoneRequests(windows, batch);
      report.requests += lone;
    }
    if (report.runs + report.requests > 0) {
      await session.vacuum();
      report.vacuumed = true;
    }
    return report;
  }
}
