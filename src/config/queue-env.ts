import { IsIn, IsOptional } from 'class-validator';
import { EnvInt } from './env-int.js';
import { RetentionEnv } from './retention-env.js';

/**
 * How runs are queued (docs/queue-modes.md, docs/adr/0008-postgres-queue.md):
 * - `postgres`: the run and step rows are the queue (claimed with FOR UPDATE SKIP LOCKED,
 *   woken by LISTEN/NOTIFY); PostgreSQL only, any number of api and worker processes.
 * - `redis`: BullMQ on Redis (needs REDIS_URL), the scale-out mode.
 * - `bullmq-postgres`: BullMQ on its PostgreSQL backend, the default without Redis before
 *   `postgres` (kept one release as a way back).
 */
export const QUEUE_MODES = ['postgres', 'redis', 'bullmq-postgres'] as const;
export type QueueMode = (typeof QUEUE_MODES)[number];

export const QUEUE_ENV_NAMES = ['FLOWHUB_QUEUE', 'FLOWHUB_QUEUE_POLL_MS'] as const;

/** The queue's variables; EnvSchema extends this class (through it, RetentionEnv). */
export class QueueEnv extends RetentionEnv {
  @IsOptional()
  @IsIn(QUEUE_MODES, { message: `FLOWHUB_QUEUE must be one of: ${QUEUE_MODES.join(', ')}` })
  FLOWHUB_QUEUE?: QueueMode;

  /** `postgres` mode: how often a worker looks for due work it was not woken for. */
  @EnvInt('FLOWHUB_QUEUE_POLL_MS', 50, 60000)
  FLOWHUB_QUEUE_POLL_MS: number = 1000;
}

/** The mode when FLOWHUB_QUEUE is not set: Redis when there is one, else PostgreSQL. */
export function queueModeOf(env: { FLOWHUB_QUEUE?: QueueMode; REDIS_URL?: string }): QueueMode {
  return env.FLOWHUB_QUEUE ?? (env.REDIS_URL ? 'redis' : 'postgres');
}

/** The queue's part of AppConfig. */
export function queueSettings(env: QueueEnv & { REDIS_URL?: string }) {
  return { queueMode: queueModeOf(env), queuePollMs: env.FLOWHUB_QUEUE_POLL_MS };
}

/** A mode its Redis setting contradicts: what to fix. */
export function queueEnvProblems(env: { FLOWHUB_QUEUE?: QueueMode; REDIS_URL?: string }) {
  if (env.FLOWHUB_QUEUE === 'redis' && !env.REDIS_URL)
    return [
      'FLOWHUB_QUEUE=redis needs REDIS_URL (a redis:// URL); set REDIS_URL, or use FLOWHUB_QUEUE=postgres to queue runs in PostgreSQL',
    ];
  if (env.FLOWHUB_QUEUE === 'bullmq-postgres' && env.REDIS_URL)
    return [
      'FLOWHUB_QUEUE=bullmq-postgres runs BullMQ on PostgreSQL, but REDIS_URL is set; unset REDIS_URL, or use FLOWHUB_QUEUE=redis (or postgres)',
    ];
  return [];
}
