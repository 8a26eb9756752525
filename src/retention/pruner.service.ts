import { Inject, Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { DEDUPE_RETENTION_HOURS } from '../runs/reconciler.job.js';
import { pruneWindows } from './retention-policy.js';
import { FROM_START, type PruneSession, RetentionRepository } from './retention.repository.js';
import { VACUUM_TABLES } from './retention.sql.js';

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
  /** Rest after a batch, in multiples of the time it took (PRUNE_REST). */
  rest?: number;
  /** false: no VACUUM after the deletes (autovacuum gets there). */
  vacuum?: boolean;
  /** Stop once this many batches ran (the next pass goes on). */
  maxBatches?: number;
  /** Aborted (shutdown): the pass stops after its current batch. */
  signal?: AbortSignal;
  /** Awaited before each statement after the first (the bench parks the pass here). */
  between?: () => Promise<void>;
}

type Pass = Required<Omit<PruneOptions, 'signal' | 'between'>> &
  Pick<PruneOptions, 'signal'> & { between: () => Promise<void> };

const empty = (): PruneReport => ({
  runs: 0,
  steps: 0,
  requests: 0,
  batches: 0,
  vacuumed: false,
  ms: 0,
});

/**
 * One pruning pass (docs/operations.md#retention): finished runs past their flow's window
 * (failed ones past keepFailedDays) with their steps, requests and issue occurrences, in
 * bounded batches, then a plain VACUUM of each table so the space is reused at once. One
 * process at a time; undefined when another process holds the lock.
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
    const pass: Pass = {
      batch: options.batch ?? PRUNE_BATCH,
      pauseMs: options.pauseMs ?? PRUNE_PAUSE_MS,
      rest: options.rest ?? PRUNE_REST,
      vacuum: options.vacuum ?? true,
      maxBatches: options.maxBatches ?? Number.POSITIVE_INFINITY,
      signal: options.signal,
      between: options.between ?? (async () => undefined),
    };
    const report = await this.repository.locked((session) => this.pass(session, pass));
    if (!report) return undefined;
    const done = { ...report, ms: Date.now() - started };
    if (done.runs + done.requests > 0)
      this.logger.log(
        `pruned ${done.runs} runs, ${done.steps} steps, ${done.requests} requests in ${done.batches} batches (${done.ms} ms)`,
      );
    return done;
  }

  private async pass(session: PruneSession, pass: Pass): Promise<PruneReport> {
    const windows = pruneWindows(
      await session.flows(),
      this.runtime.config.retentionDays,
      new Date(),
    );
    const report = empty();
    const more = () => report.batches < pass.maxBatches && !pass.signal?.aborted;
    let from: string | null = FROM_START;
    for (let pruned = pass.batch; pruned === pass.batch && from && more(); report.batches += 1) {
      if (report.batches > 0) await pass.between();
      const began = Date.now();
      const batch = await session.pruneRuns(windows, pass.batch, DEDUPE_RETENTION_HOURS, from);
      report.runs += batch.runs;
      report.steps += batch.steps;
      report.requests += batch.requests;
      [pruned, from] = [batch.considered, batch.until];
      await sleep(Math.max(pass.pauseMs, (Date.now() - began) * pass.rest));
    }
    from = FROM_START;
    for (let lone = pass.batch; lone === pass.batch && from && more(); report.batches += 1) {
      await pass.between();
      const batch = await session.pruneLoneRequests(windows, pass.batch, from);
      report.requests += batch.requests;
      [lone, from] = [batch.requests, batch.until];
    }
    if (pass.vacuum && report.runs + report.requests > 0) {
      // One table at a time: each VACUUM is shorter, and the pass can be parked between them.
      for (const table of VACUUM_TABLES) {
        await pass.between();
        await session.vacuum(table);
      }
      report.vacuumed = true;
    }
    return report;
  }
}
