import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppError, ErrorCode } from '../common/app-error.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { RESPOND_TIMEOUT_MS, type RespondDefinition } from '../engine/flow-definition.js';
import { RunsRepository, type RunRow } from '../runs/runs.repository.js';
import type { CaughtDto } from './caught.dto.js';
import { replyOf } from './sync-reply.js';

/** How often the runs being waited for are looked up (one statement for all of them). */
const POLL_MS = 20;

type Finished = Pick<RunRow, 'id' | 'status' | 'failed_step'>;

/**
 * Synchronous catch URLs (trigger.respond mode sync): at most FLOWHUB_SYNC_REPLY_LIMIT
 * requests per process wait for their runs (429 beyond, before anything is stored); a run
 * that finishes within the flow's timeout is answered with its reply step's output, a failed
 * one with 502, a slower one with the usual 202.
 */
@Injectable()
export class SyncReplies implements OnApplicationShutdown {
  private readonly logger = new Logger('SyncReplies');
  private readonly waiters = new Map<string, ((run: Finished | undefined) => void)[]>();
  private holding = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly runs: RunsRepository,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /** Requests waiting now (for tests and metrics). */
  get waiting(): number {
    return this.holding;
  }

  /** Runs `work` as one of the bounded waiting requests, or refuses with 429 (`refused`). */
  async within<T>(work: () => Promise<T>, refused: () => void): Promise<T> {
    const limit = this.runtime.config.syncReplyLimit;
    if (this.holding >= limit) {
      refused();
      const message = `This Flowhub process already keeps ${limit} requests waiting for their runs (trigger.respond mode sync, FLOWHUB_SYNC_REPLY_LIMIT): nothing was stored; retry after 1 s`;
      throw new AppError(ErrorCode.TooManyRequests, message, undefined, { 'Retry-After': '1' });
    }
    this.holding += 1;
    try {
      return await work();
    } finally {
      this.holding -= 1;
    }
  }

  /** The reply for a stored, queued run: its step's output, a 502, or the 202 `caught`. */
  async answer(caught: CaughtDto, respond: RespondDefinition, reply: FastifyReply) {
    const timeoutMs = Math.min(
      respond.timeoutMs ?? RESPOND_TIMEOUT_MS.default,
      RESPOND_TIMEOUT_MS.max,
    );
    const run = await this.finished(caught.runId, timeoutMs);
    if (!run) return caught;
    if (run.status === 'failed') {
      reply.status(502);
      const step = run.failed_step ? ` at step '${run.failed_step}'` : '';
      return {
        ...caught,
        status: run.status,
        failedStep: run.failed_step,
        message: `The flow's run failed${step}: its error is on the run (statusUrl)`,
      };
    }
    const step =
      run.status === 'succeeded'
        ? await this.runs.replyStep(run.id, respond.from ?? null)
        : undefined;
    if (!step) {
      reply.status(200);
      return { ...caught, status: run.status };
    }
    const { status, headers, body } = replyOf(step.output);
    reply.status(status).headers(headers);
    return body;
  }

  /** The run once it has finished, or undefined after `ms`. */
  private finished(runId: string, ms: number): Promise<Finished | undefined> {
    return new Promise((resolve) => {
      const done = (run: Finished | undefined) => {
        clearTimeout(timeout);
        resolve(run);
      };
      const timeout = setTimeout(() => {
        this.forget(runId, done);
        resolve(undefined);
      }, ms);
      this.waiters.set(runId, [...(this.waiters.get(runId) ?? []), done]);
      this.timer ??= setTimeout(() => void this.poll(), POLL_MS);
    });
  }

  private forget(runId: string, done: (run: Finished | undefined) => void): void {
    const left = (this.waiters.get(runId) ?? []).filter((waiter) => waiter !== done);
    if (left.length) this.waiters.set(runId, left);
    else this.waiters.delete(runId);
  }

  private async poll(): Promise<void> {
    try {
      const ids = [...this.waiters.keys()];
      if (ids.length) {
        for (const run of await this.runs.finishedAmong(ids)) {
          for (const done of this.waiters.get(run.id) ?? []) done(run);
          this.waiters.delete(run.id);
        }
      }
    } catch (error) {
      this.logger.warn(`could not look up waited-for runs: ${(error as Error).message}`);
    } finally {
      this.timer = this.waiters.size ? setTimeout(() => void this.poll(), POLL_MS) : undefined;
    }
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
    for (const waiters of this.waiters.values()) for (const done of waiters) done(undefined);
    this.waiters.clear();
  }
}
