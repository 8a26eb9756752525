import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface RunSummaryRow {
  id: string;
  status: string;
  error: string | null;
  flow_id: string;
  flow_version: number;
  flow_name: string;
  request_id: string;
  created_at: Date;
  finished_at: Date | null;
  failed_step: string | null;
  failed_error: string | null;
}

/** What run events tell subscribers, read when an event is relayed (never written here). */
@Injectable()
export class RunSummaries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async summary(runId: string): Promise<RunSummaryRow | undefined> {
    const rows: RunSummaryRow[] = await this.dataSource.query(
      `SELECT r.id, r.status, r.error, r.flow_id, r.flow_version, f.name AS flow_name, r.request_id,
              r.created_at, r.finished_at, r.failed_step, s.error AS failed_error
       FROM runs r JOIN flows f ON f.id = r.flow_id
       LEFT JOIN run_steps s ON s.run_id = r.id AND s.step_id = r.failed_step
       WHERE r.id = $1`,
      [runId],
    );
    return rows[0];
  }

  async requestBody(requestId: string): Promise<unknown> {
    const rows: { body: unknown }[] = await this.dataSource.query(
      'SELECT body FROM inbound_requests WHERE id = $1',
      [requestId],
    );
    return rows[0]?.body ?? null;
  }
}
