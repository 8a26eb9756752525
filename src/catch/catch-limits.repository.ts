import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * The catch path's tables of counters: rate-limit buckets (catch_rate_limits, when there is
 * no Redis) and refusal counts per flow and reason (flow_rejections).
 */
@Injectable()
export class CatchLimitsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Takes one token from bucket `rowId` (refilled at `perSecond`, at most `burst`): what is left. */
  async takeToken(rowId: string, perSecond: number, burst: number): Promise<number> {
    const rows: { tokens: number }[] = await this.dataSource.query(
      `INSERT INTO catch_rate_limits AS b (flow_id, tokens, updated_at) VALUES ($1, $3::float8 - 1, now())
       ON CONFLICT (flow_id) DO UPDATE SET
         tokens = greatest(-1, least($3::float8, b.tokens + $2::float8 * extract(epoch FROM now() - b.updated_at)) - 1),
         updated_at = now()
       RETURNING tokens`,
      [rowId, perSecond, burst],
    );
    return Number(rows[0].tokens);
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
