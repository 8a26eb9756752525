import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { CatchLimitsRepository } from './catch-limits.repository.js';
import { TokenBatches, type Taken } from './token-batches.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';

export { batchSize, HOLD_MS, RESERVE_MS } from './token-batches.js';

/** ING-3 defaults: 50 requests per second per catch URL, bursts of up to 100. */
export const DEFAULT_RATE = { perSecond: 50, burst: 100 };

/**
 * The Postgres statement's rule in Lua, for up to ARGV[3] tokens at once: refill for the time
 * elapsed, then grant as many whole tokens as there are (at most the number asked); with none,
 * take one into debt (at most one). Returns {granted, tokens left}.
 */
const TAKE_TOKENS_LUA = `
local rate, burst, want = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens, at = tonumber(state[1]) or burst, tonumber(state[2]) or now
tokens = math.min(burst, tokens + rate * math.max(0, now - at))
local granted = math.min(want, math.floor(tokens))
if granted >= 1 then tokens = tokens - granted else granted = 0; tokens = math.max(-1, tokens - 1) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return {granted, tostring(tokens)}`;

/**
 * The catch_rate_limits row of a flow's refusals bucket: a uuid derived from the flow id
 * (the table is keyed by uuid and has no foreign key, so it holds both buckets).
 */
export function refusalRowId(flowId: string): string {
  const hex = createHash('sha256').update(`refused:${flowId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

type TokenRedis = Redis & {
  takeTokens(key: string, rate: number, burst: number, want: number): Promise<[number, string]>;
};

/**
 * A token bucket per catch URL shared by every api process: in Redis when REDIS_URL is set,
 * else in Postgres (the flow's catch_rate_limits row). Either way a process takes tokens in
 * batches at high rates and concurrent requests share one call (TokenBatches), so there is no
 * store round trip per request. If Redis cannot answer, the Postgres bucket takes over, so a
 * Redis outage never refuses webhooks.
 */
@Injectable()
export class CatchRateLimiter implements OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private readonly redis?: TokenRedis;
  private readonly prefix: string;
  private lastRedisWarning = 0;
  /** Tokens taken from Redis, by bucket name. */
  private readonly redisBatches = new TokenBatches();
  /** Tokens taken from Postgres, by catch_rate_limits row. */
  private readonly postgresBatches = new TokenBatches();

  constructor(
    private readonly repository: CatchLimitsRepository,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.prefix = `${runtime.config.queuePrefix}:catch-rate`;
    if (!runtime.config.redisUrl) return;
    const redis = new Redis(runtime.config.redisUrl, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2000,
      commandTimeout: 500,
      // The takes of one event-loop turn go out in one write (one syscall, one Redis wake-up).
      enableAutoPipelining: true,
    });
    redis.on('error', () => undefined);
    redis.defineCommand('takeTokens', { numberOfKeys: 1, lua: TAKE_TOKENS_LUA });
    this.redis = redis as TokenRedis;
  }

  /** undefined when the request may go on, else the seconds to wait (Retry-After). */
  take(flowId: string, perSecond: number, burst: number): Promise<number | undefined> {
    return this.takeFrom(flowId, flowId, perSecond, burst);
  }

  /**
   * take() from the flow's second bucket, spent only by requests that failed verification:
   * forgeries are bounded without touching the tokens of correctly signed deliveries.
   */
  takeRefusal(flowId: string, perSecond: number, burst: number): Promise<number | undefined> {
    return this.takeFrom(`${flowId}:refused`, refusalRowId(flowId), perSecond, burst);
  }

  /** `bucket` names it in Redis; `rowId` is its catch_rate_limits row. */
  private async takeFrom(
    bucket: string,
    rowId: string,
    perSecond: number,
    burst: number,
  ): Promise<number | undefined> {
    const redis = this.redis;
    const fromRedis = redis
      ? await this.redisBatches.take(bucket, perSecond, burst, (want) =>
          this.fromRedis(redis, bucket, perSecond, burst, want),
        )
      : undefined;
    const tokens =
      fromRedis ??
      (await this.postgresBatches.take(rowId, perSecond, burst, (want) =>
        this.repository.takeToken(rowId, perSecond, burst, want),
      ));
    if (tokens === undefined) throw new Error(`rate-limit bucket ${rowId}: no answer`);
    return tokens >= 0 ? undefined : Math.max(1, Math.ceil(-tokens / perSecond));
  }

  /** One Redis call for up to `want` tokens, or undefined when Redis failed. */
  private async fromRedis(
    redis: TokenRedis,
    bucket: string,
    perSecond: number,
    burst: number,
    want: number,
  ): Promise<Taken | undefined> {
    try {
      const key = `${this.prefix}:${bucket}`;
      const [granted, left] = await redis.takeTokens(key, perSecond, burst, want);
      return { granted: Number(granted), left: Number(left) };
    } catch (error) {
      if (Date.now() - this.lastRedisWarning > 60_000) {
        this.lastRedisWarning = Date.now();
        this.logger.warn(
          `Redis rate limit unavailable (${(error as Error).message}); using Postgres`,
        );
      }
      return undefined;
    }
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}
