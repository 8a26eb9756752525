import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { RetryableError } from './step-errors.js';
import { EXPRESSION_WORKER_SOURCE } from './expression-worker-source.js';

/** Limits of the isolated evaluation pool (docs/adr/0004-expression-isolation.md). */
export interface ExpressionPoolOptions {
  /** Worker threads. */
  size: number;
  /** Wall-clock budget of one evaluation once a worker runs it; the worker is replaced after. */
  timeoutMs: number;
  /** V8 heap of each worker (old plus young generation). */
  memoryMb: number;
  /** Evaluations waiting for a worker beyond this are refused (retryable). */
  maxQueue: number;
}

export const DEFAULT_POOL_OPTIONS: ExpressionPoolOptions = Object.freeze({
  size: 2,
  timeoutMs: 1000,
  memoryMb: 64,
  maxQueue: 1000,
});

export interface PoolTask {
  source: string;
  limits: { timeout: number; stack: number; sequence: number };
  maxOutput: number;
  input: unknown;
  bindings: Record<string, unknown>;
}

export type PoolAnswer =
  { ok: true; value: unknown } | { ok: false; failure: Record<string, unknown> };

type WorkerMessage =
  | { ready: true }
  | ({ id: number } & (
      | { ok: true; value: unknown; recycle?: boolean }
      | { ok: false; failure: Record<string, unknown> }
    ));

/** The worker hit a pool limit (time, memory) or died: the expression's fault, not retried. */
export class PoolLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoolLimitError';
  }
}

interface Pending {
  id: number;
  task: PoolTask;
  resolve(answer: PoolAnswer): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /** jsonata loaded, waiting for work. */
  ready: boolean;
  current?: Pending;
  timer?: NodeJS.Timeout;
}

/** Scheduling priority of worker threads (19 lowest): the event loop comes first. */
const WORKER_NICE = 10;

const jsonataPath = createRequire(import.meta.url).resolve('jsonata');

export class ExpressionPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(readonly options: ExpressionPoolOptions = DEFAULT_POOL_OPTIONS) {}

  /** Evaluations running or waiting. */
  get load(): number {
    return this.queue.length + [...this.slots].filter((slot) => slot.current).length;
  }

  /** The live worker threads (diagnostics and tests). */
  workers(): Worker[] {
    return [...this.slots].map((slot) => slot.worker);
  }

  run(task: PoolTask): Promise<PoolAnswer> {
    if (this.closed) return Promise.reject(new RetryableError('expression pool is shut down'));
    if (this.queue.length >= this.options.maxQueue) {
      return Promise.reject(
        new RetryableError(
          `expression pool is busy (${this.queue.length} evaluations waiting): retried later`,
        ),
      );
    }
    return new Promise<PoolAnswer>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.pump();
    });
  }

  /** Terminates every worker; running and waiting evaluations are refused (retryable). */
  async close(): Promise<void> {
    this.closed = true;
    const refused = new RetryableError('expression pool shut down while evaluating');
    for (const pending of this.queue.splice(0)) pending.reject(refused);
    const slots = [...this.slots];
    this.slots.clear();
    for (const slot of slots) this.settle(slot)?.reject(refused);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  /** Hands waiting work to ready idle workers; starts workers (up to `size`) for the rest. */
  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.ready && !slot.current) this.dispatch(slot, this.queue.shift()!);
    }
    const starting = [...this.slots].filter((slot) => !slot.ready).length;
    for (let n = starting; n < this.queue.length && this.slots.size < this.options.size; n++) {
      this.spawn();
    }
  }

  private dispatch(slot: Slot, pending: Pending): void {
    slot.current = pending;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      const { timeoutMs } = this.options;
      this.retire(
        slot,
        new PoolLimitError(
          `expression exceeded ${timeoutMs} ms (isolated evaluation limit): one call ran too long, ` +
            'usually a regular expression that backtracks (nested quantifiers such as /(a+)+$/); ' +
            'simplify the pattern or bound the input',
        ),
      );
    }, this.options.timeoutMs);
    try {
      slot.worker.postMessage({ id: pending.id, ...pending.task });
    } catch (error) {
      // Input that cannot be cloned (never plain JSON): refuse this evaluation only.
      this.settle(slot)?.reject(error as Error);
      this.pump();
    }
  }

  private spawn(): Slot {
    const { memoryMb } = this.options;
    const young = Math.max(Math.min(16, Math.floor(memoryMb / 4)), 1);
    const worker = new Worker(EXPRESSION_WORKER_SOURCE, {
      eval: true,
      workerData: { jsonataPath, nice: WORKER_NICE },
      resourceLimits: { maxOldGenerationSizeMb: memoryMb - young, maxYoungGenerationSizeMb: young },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, ready: false };
    worker.on('message', (message: WorkerMessage) => {
      if ('ready' in message) {
        // The wall-time budget starts once jsonata is loaded, not while the thread boots.
        slot.ready = true;
        this.pump();
        if (!slot.current) worker.unref();
        return;
      }
      if (slot.current?.id !== message.id) return;
      const pending = this.settle(slot);
      pending?.resolve(
        message.ok ? { ok: true, value: message.value } : { ok: false, failure: message.failure },
      );
      if (message.ok && message.recycle) this.retire(slot, new PoolLimitError('recycled'));
      else this.pump();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.retire(
        slot,
        new PoolLimitError(
          outOfMemory
            ? `expression exceeded ${memoryMb} MB (isolated evaluation memory limit): it builds ` +
                'too large a string or sequence (e.g. $pad with a huge width); reduce the output'
            : `expression worker failed: ${String(error?.message ?? error)}`,
        ),
      );
    });
    worker.on('exit', (code) => {
      this.retire(slot, new PoolLimitError(`expression worker stopped (exit code ${code})`));
    });
    this.slots.add(slot);
    return slot;
  }

  /** Fails the slot's evaluation, terminates its worker and lets a new one take its place. */
  private retire(slot: Slot, error: Error): void {
    if (!this.slots.delete(slot)) return;
    this.settle(slot)?.reject(error);
    void slot.worker.terminate();
    // A worker that cannot start would be replaced for ever: refuse what waits for it.
    if (!slot.ready) for (const pending of this.queue.splice(0)) pending.reject(error);
    this.pump();
  }

  private settle(slot: Slot): Pending | undefined {
    const pending = slot.current;
    clearTimeout(slot.timer);
    slot.current = undefined;
    slot.timer = undefined;
    slot.worker.unref();
    return pending;
  }
}

let shared: ExpressionPool | undefined;
let sharedOptions: ExpressionPoolOptions = DEFAULT_POOL_OPTIONS;

/** The process-wide pool, started on first use (workers spawn only when needed). */
export function expressionPool(): ExpressionPool {
  shared ??= new ExpressionPool(sharedOptions);
  return shared;
}

/** Sets the limits of the shared pool (at boot); a running pool is closed and replaced. */
export function configureExpressionPool(options: Partial<ExpressionPoolOptions>): void {
  sharedOptions = Object.freeze({ ...DEFAULT_POOL_OPTIONS, ...options });
  const previous = shared;
  shared = undefined;
  void previous?.close();
}

/** Stops the shared pool's workers (app shutdown, test teardown); the next use starts anew. */
export async function closeExpressionPool(): Promise<void> {
  const previous = shared;
  shared = undefined;
  await previous?.close();
}
