import type { PayloadMatch } from './payload-match.js';
import type { RunStatus } from './run.entity.js';

/** A position in the newest-first order of runs: created_at as PostgreSQL prints it, and id. */
export interface RunPosition {
  createdAt: string;
  id: string;
}

export interface RunListFilter {
  flowId?: string;
  status?: RunStatus;
  /** created_at in [since, until). */
  since?: string;
  until?: string;
  /** A step of the run failed with this error code. */
  errorCode?: string;
  /** The caught request's body has this value at this path. */
  match?: PayloadMatch;
  /** A step of the run failed as this issue (src/issues/ records each occurrence). */
  issueId?: string;
  limit: number;
  /** Strictly older than this position (the page cursor). */
  after?: RunPosition;
  /** At or newer than this position (where a bounded payload search stops). */
  notBefore?: RunPosition;
}

/** A WHERE clause (or '') and its parameters for runs matching the filter. */
export function runListWhere(filter: Omit<RunListFilter, 'limit'>): {
  where: string;
  params: unknown[];
} {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.flowId) conditions.push(`flow_id = ${param(filter.flowId)}`);
  if (filter.status) conditions.push(`status = ${param(filter.status)}`);
  if (filter.since) conditions.push(`created_at >= ${param(filter.since)}::timestamptz`);
  if (filter.until) conditions.push(`created_at < ${param(filter.until)}::timestamptz`);
  if (filter.errorCode)
    conditions.push(
      `EXISTS (SELECT 1 FROM run_steps s WHERE s.run_id = runs.id AND s.error_code = ${param(filter.errorCode)})`,
    );
  if (filter.issueId)
    conditions.push(
      `EXISTS (SELECT 1 FROM issue_occurrences o WHERE o.run_id = runs.id AND o.issue_id = ${param(filter.issueId)})`,
    );
  if (filter.match)
    conditions.push(
      `EXISTS (SELECT 1 FROM inbound_requests q WHERE q.id = runs.request_id AND q.body #>> ${param(filter.match.path)}::text[] = ${param(filter.match.value)})`,
    );
  const position = (at: RunPosition) =>
    `(${param(at.createdAt)}::timestamptz, ${param(at.id)}::uuid)`;
  if (filter.after) conditions.push(`(created_at, id) < ${position(filter.after)}`);
  if (filter.notBefore) conditions.push(`(created_at, id) >= ${position(filter.notBefore)}`);
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}
