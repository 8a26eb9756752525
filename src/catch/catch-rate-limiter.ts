import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** ING-3 defaults: 50 requests per second per catch URL, bursts of up to 100. */
export const DEFAULT_RATE = { perSecond: 50, burst: 100 };

/**
 * A token bucket per catch URL in Postgres, so every api process shares it. One statement
 * refills the bucket for the time elapsed and takes a token; a refused request leaves the
 * bucket at most one token in debt, so a flood cannot lock a sender out for long.
 */
@Injectable()
export class CatchRateLimiter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** undefined when the request may go on, else the seconds to wait (Retry-After). */
  async take(flowId: string, perSecond: number, burst: number): Promise<number | undefined> {
    const rows: { tokens: number }[] = await this.dataSource.query(
      `INSERT INTO catch_rate_limits AS b (flow_id, tokens, updated_at) VALUES ($1, $3::float8 - 1, now())
       ON CONFLICT (flow_id) DO UPDATE SET
         tokens = greatest(-1, least($3::float8, b.tokens + $2::float8 * extract(epoch FROM now() - b.updated_at)) - 1),
         updated_at = now()
       RETURNING tokens`,
      [flowId, perSecond, burst],
    );
    const tokens = Number(rows[0].tokens);
    return tokens >= 0 ? undefined : Math.max(1, Math.ceil(-tokens / perSecond));
  }
}
