import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CLAIM_WORK } from './work-claims.sql.js';

/** A claimed item: a queued run to start (with its flow version) or a due step to run. */
export type ClaimedWork =
  | { kind: 'start'; runId: string; flowId: string; flowVersion: number }
  | { kind: 'step'; runId: string; stepId: string };

interface ClaimRow {
  run_id: string;
  step_id: string | null;
  flow_id: string | null;
  flow_version: number | null;
}

/**
 * How long a claim keeps other workers off an item that was not acted on. A worker starts
 * what it claims at once (it claims only for free slots), so this covers only a worker that
 * died in between.
 */
export const CLAIM_MS = 10_000;

/** The one statement of `postgres` mode's queue: claim up to n items of due work. */
@Injectable()
export class WorkClaims {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async claim(max: number): Promise<ClaimedWork[]> {
    if (max <= 0) return [];
    const rows: ClaimRow[] = await this.dataSource.query(CLAIM_WORK, [max, CLAIM_MS]);
    return rows.map((row) =>
      row.step_id !== null
        ? { kind: 'step', runId: row.run_id, stepId: row.step_id }
        : {
            kind: 'start',
            runId: row.run_id,
            flowId: row.flow_id ?? '',
            flowVersion: row.flow_version ?? 0,
          },
    );
  }
}
