import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { RUNTIME, type Runtime } from '../config/runtime.js';

/** ING-3 defaults: 50 requests per second per catch URL, bursts of up to 100. */
export const DEFAULT_RATE = { perSecond: 50, burst: 100 };

/** The Postgres statement's rule in Lua: refill for the time elapsed, take one, at most one in debt. */
const TAKE_TOKEN_LUA = `
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens, at = tonumber(state[1]) or burst, tonumber(state[2]) or now
tokens = math.max(-1, math.min(burst, tokens + rate * math.max(0, now - at)) - 1)
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return tostring(tokens)`;

type TokenRedis = Redis & { takeToken(key: string, rate: number, burst: number): Promise<string> };

/**
 * A token bucket per catch URL shared by every api process: in Redis when REDIS_URL is set
 * (no database write per request), else in Postgres. If Redis cannot answer, the Postgres
 * bucket takes over, so a Redis outage never refuses webhooks.
 */
@Injectable()
export class CatchRateLimiter implements OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private readonly redis?: TokenRedis;
  private readonly prefix: string;
  private lastRedisWarning = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    redis.defineCommand('takeToken', { numberOfKeys: 1, lua: TAKE_TOKEN_LUA });
    this.redis = redis as TokenRedis;
  }

  /** undefined when the request may go on, else the seconds to wait (Retry-After). */
  async take(flowId: string, perSecond: number, burst: number): Promise<number | undefined> {
    const tokens =
      (await this.fromRedis(flowId, perSecond, burst)) ??
      (await this.fromPostgres(flowId, perSecond, burst));
    return tokens >= 0 ? undefined : Math.max(1, Math.ceil(-tokens / perSecond));
  }

  private async fromRedis(
    flowId: string,
    perSecond: number,
    burst: number,
  ): Promise<number | undefined> {
    if (!this.redis) return undefined;
    try {
      return Number(await this.redis.takeToken(`${this.prefix}:${flowId}`, perSecond, burst));
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

  private async fromPostgres(flowId: string, perSecond: number, burst: number): Promise<number> {
    const rows: { tokens: number }[] = await this.dataSource.query(
      `INSERT INTO catch_rate_limits AS b (flow_id, tokens, updated_at) VALUES ($1, $3::float8 - 1, now())
       ON CONFLICT (flow_id) DO UPDATE SET
         tokens = greatest(-1, least($3::float8, b.tokens + $2::float8 * extract(epoch FROM now() - b.updated_at)) - 1),
         updated_at = now()
       RETURNING tokens`,
      [flowId, perSecond, burst],
    );
    return Number(rows[0].tokens);
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}
