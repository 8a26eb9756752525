import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Taken } from './token-batches.js';

/**
 * $1 row, $2 rate per second, $3 burst, $4 tokens wanted. The row is locked first (`current`,
 * FOR UPDATE: under READ COMMITTED it answers the latest committed version), so the grant is
 * computed from the balance it replaces (PostgreSQL 15 has no RETURNING OLD). The clock never
 * goes back (a transaction's now() can be older than a concurrent commit's), so refills add up
 * to at most the rate times the time elapsed. A missing row is inserted as a full bucket; if
 * another process inserted it first (not visible to this statement), nothing is written and
 * no row comes back: the caller asks again.
 */
const TAKE_TOKENS_SQL = `
WITH locked AS (
  SELECT tokens, updated_at FROM catch_rate_limits WHERE flow_id = $1::uuid FOR UPDATE
), clock AS (
  SELECT greatest(now(), (SELECT updated_at FROM locked)) AS at
), refilled AS (
  SELECT clock.at, coalesce(least($3::float8,
      c.tokens + $2::float8 * extract(epoch FROM clock.at - c.updated_at)::float8), $3::float8) AS tokens
  FROM clock LEFT JOIN locked c ON true
), grants AS (
  SELECT at, tokens, CASE WHEN tokens >= 1 THEN least($4::float8, floor(tokens)) ELSE 0 END AS n
  FROM refilled
), taken AS (
  SELECT at, n AS granted,
    CASE WHEN n >= 1 THEN tokens - n ELSE greatest(-1, tokens - 1) END AS balance
  FROM grants
), written AS (
  INSERT INTO catch_rate_limits AS b (flow_id, tokens, updated_at)
  SELECT $1::uuid, balance, at FROM taken
  ON CONFLICT (flow_id) DO UPDATE SET tokens = EXCLUDED.tokens, updated_at = EXCLUDED.updated_at
    WHERE EXISTS (SELECT 1 FROM locked)
  RETURNING 1
)
SELECT granted, balance FROM taken WHERE EXISTS (SELECT 1 FROM written)`;

/**
 * The catch path's tables of counters: rate-limit buckets (catch_rate_limits, when there is
 * no Redis) and refusal counts per flow and reason (flow_rejections).
 */
@Injectable()
export class CatchLimitsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Takes up to `want` whole tokens from bucket `rowId` (refilled at `perSecond`, at most
   * `burst`; a missing row is a full bucket) in one statement: the tokens granted (0 when it
   * held less than one, which then takes one into debt, at most one) and the balance left,
   * negative when refused. The same rule as the Redis bucket (TAKE_TOKENS_LUA).
   */
  async takeToken(rowId: string, perSecond: number, burst: number, want = 1): Promise<Taken> {
    for (let attempt = 1; ; attempt += 1) {
      const rows: { granted: number; balance: number }[] = await this.dataSource.query(
        TAKE_TOKENS_SQL,
        [rowId, perSecond, burst, want],
      );
      if (rows.length) return { granted: Number(rows[0].granted), left: Number(rows[0].balance) };
      // A first take of this bucket raced with another process's: the row exists now.
      if (attempt >= 3)
        throw new Error(`catch_rate_limits ${rowId}: no row after ${attempt} tries`);
    }
  }

  /** Adds refusal counts: rows of (flow id, reason, count, last at). */
  async addRejections(rows: [string, string, number, Date][]): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO flow_rejections AS r (flow_id, reason, count, last_at)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::bigint[], $4::timestamptz[])
       ON CONFLICT (flow_id, reason) DO UPDATE
         SET count = r.count + EXCLUDED.count, last_at = greatest(r.last_at, EXCLUDED.last_at)`,
      [0, 1, 2, 3].map((column) => rows.map((row) => row[column])),
    );
  }

  rejections(flowId: string): Promise<{ reason: string; count: string; last_at: Date }[]> {
    return this.dataSource.query(
      'SELECT reason, count, last_at FROM flow_rejections WHERE flow_id = $1 ORDER BY reason',
      [flowId],
    );
  }
}
