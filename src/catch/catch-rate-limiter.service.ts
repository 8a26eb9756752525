import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { CatchLimitsRepository } from './catch-limits.repository.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';

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
 * At a high rate a process takes tokens in batches worth this long at the flow's rate (at most
 * a quarter of the burst, at most MAX_BATCH) and spends them without asking Redis; a batch not
 * spent within RESERVE_MS (or HOLD_MS) is dropped. Below 40 requests per second a batch is one
 * token.
 */
export const RESERVE_MS = 50;
/**
 * While the bucket is at least half full after a grant, a batch of at most 1 % of the burst is
 * kept this long instead: a quiet catch URL (a request every few seconds, say one of 10,000)
 * then asks Redis once per batch, not once per request. The tokens are taken from the shared
 * bucket, so nothing is over-admitted; if other processes drain it meanwhile, they may be
 * refused while this one holds them (at most 1 % of the burst per process).
 */
export const HOLD_MS = 60_000;
const MAX_BATCH = 100;
const MAX_RESERVES = 50_000;

export const batchSize = (perSecond: number, burst: number): number =>
  Math.max(
    1,
    Math.min(Math.floor((perSecond * RESERVE_MS) / 1000), Math.floor(burst / 4), MAX_BATCH),
  );

interface Reserve {
  tokens: number;
  until: number;
}

/** One answer of TAKE_TOKENS_LUA. */
interface Taken {
  granted: number;
  left: number;
}

/** For take(): >= 0 when a token was granted, the (negative) balance when refused. */
const outcome = (taken: Taken | undefined): number | undefined =>
  taken && (taken.granted >= 1 ? Math.max(0, taken.left) : taken.left);

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
 * A token bucket per catch URL shared by every api process: in Redis when REDIS_URL is set
 * (no database write per request; at high rates one call per batch of tokens), else in
 * Postgres. If Redis cannot answer, the Postgres bucket takes over, so a Redis outage never
 * refuses webhooks.
 */
@Injectable()
export class CatchRateLimiter implements OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private readonly redis?: TokenRedis;
  private readonly prefix: string;
  private lastRedisWarning = 0;
  /** Tokens this process took from Redis and has not spent yet, by bucket. */
  private readonly reserves = new Map<string, Reserve>();
  /** A batch being fetched, by bucket: concurrent requests wait for it instead of asking too. */
  private readonly fetching = new Map<string, Promise<Taken | undefined>>();

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

  /** `bucket` names it in Redis and in this process; `rowId` is its catch_rate_limits row. */
  private async takeFrom(
    bucket: string,
    rowId: string,
    perSecond: number,
    burst: number,
  ): Promise<number | undefined> {
    const tokens =
      (await this.fromRedis(bucket, perSecond, burst)) ??
      (await this.fromPostgres(rowId, perSecond, burst));
    return tokens >= 0 ? undefined : Math.max(1, Math.ceil(-tokens / perSecond));
  }

  /** Tokens left (>= 0: allowed), or undefined when Redis could not answer. */
  private async fromRedis(
    bucket: string,
    perSecond: number,
    burst: number,
  ): Promise<number | undefined> {
    if (!this.redis) return undefined;
    const want = batchSize(perSecond, burst);
    if (want === 1) return outcome(await this.fetchBatch(bucket, perSecond, burst, 1));
    for (;;) {
      const reserve = this.reserves.get(bucket);
      if (reserve && reserve.tokens > 0 && Date.now() < reserve.until) {
        reserve.tokens -= 1;
        return reserve.tokens;
      }
      const pending = this.fetching.get(bucket);
      if (!pending) break;
      // Wait for the batch being fetched; if the bucket was empty, this request is refused too.
      const taken = await pending;
      if (!taken || taken.granted < 1) return outcome(taken);
    }
    // Removed before anyone waiting on it resumes, so a waiter that finds the batch spent
    // fetches the next one.
    const batch = this.fetchBatch(bucket, perSecond, burst, want).finally(() =>
      this.fetching.delete(bucket),
    );
    this.fetching.set(bucket, batch);
    return outcome(await batch);
  }

  /** One Redis call for up to `want` tokens; keeps all but one. Undefined when Redis failed. */
  private async fetchBatch(
    bucket: string,
    perSecond: number,
    burst: number,
    want: number,
  ): Promise<Taken | undefined> {
    let taken: Taken;
    try {
      const key = `${this.prefix}:${bucket}`;
      const [granted, left] = await this.redis!.takeTokens(key, perSecond, burst, want);
      taken = { granted: Number(granted), left: Number(left) };
    } catch (error) {
      if (Date.now() - this.lastRedisWarning > 60_000) {
        this.lastRedisWarning = Date.now();
        this.logger.warn(
          `Redis rate limit unavailable (${(error as Error).message}); using Postgres`,
        );
      }
      return undefined;
    }
    if (taken.granted > 1) {
      const tokens = taken.granted - 1;
      const plentiful = taken.left >= burst / 2 && tokens <= Math.floor(burst / 100);
      if (this.reserves.size >= MAX_RESERVES) this.reserves.clear();
      this.reserves.set(bucket, {
        tokens,
        until: Date.now() + (plentiful ? HOLD_MS : RESERVE_MS),
      });
    }
    return taken;
  }

  private fromPostgres(rowId: string, perSecond: number, burst: number): Promise<number> {
    return this.repository.takeToken(rowId, perSecond, burst);
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}
