/**
 * A run row and the stored request it was started by, read together in one statement (a job's
 * first read): the column lists, the FROM clause and the split of the joined row.
 */
import type { ReplayRecord, RunStatus } from './run.entity.js';
import { withExactValues, type ReadRequestRow, type RequestRow } from './stored-request.js';

export interface RunRow {
  id: string;
  flow_id: string;
  flow_version: number;
  status: RunStatus;
  request_id: string;
  mode_override: 'dry-run' | null;
  replay_of: string | null;
  replay: ReplayRecord | null;
  error: string | null;
  failed_step: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export type StoredRequestRow = RequestRow & { size: number; source_ip: string | null };

export interface RunWithRequest {
  run: RunRow;
  request: StoredRequestRow | undefined;
}

/** The columns of a stored request that a run reads (exact_values: see withExactValues). */
export const REQUEST_READ = [
  'method',
  'headers',
  'query',
  'body',
  'content_type',
  'received_at',
  'size',
  'source_ip',
  'exact_values',
] as const;

/** Every column of RunRow, listed (a prepared statement must not depend on `*`). */
const RUN_COLUMNS = [
  'id',
  'flow_id',
  'flow_version',
  'status',
  'request_id',
  'mode_override',
  'replay_of',
  'replay',
  'error',
  'failed_step',
  'created_at',
  'started_at',
  'finished_at',
] as const satisfies readonly (keyof RunRow)[];

/** The run's columns as they are, the request's prefixed `req_`. */
export const RUN_WITH_REQUEST_COLUMNS = [
  ...RUN_COLUMNS.map((c) => `r.${c}`),
  ...REQUEST_READ.map((c) => `q.${c} AS req_${c}`),
].join(', ');

export const RUN_WITH_REQUEST_FROM =
  'FROM runs r LEFT JOIN inbound_requests q ON q.id = r.request_id';

/** Splits a row selected with RUN_WITH_REQUEST_COLUMNS (extra columns are left out). */
export function splitRunWithRequest(row: Record<string, unknown>): RunWithRequest {
  const run: Record<string, unknown> = {};
  const request: Record<string, unknown> = {};
  for (const column of RUN_COLUMNS) run[column] = row[column];
  for (const column of REQUEST_READ) request[column] = row[`req_${column}`];
  return {
    run: run as unknown as RunRow,
    request:
      request.method == null
        ? undefined
        : withExactValues(request as unknown as ReadRequestRow<StoredRequestRow>),
  };
}
