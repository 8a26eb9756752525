import type { IssueSummary } from '../events/domain-events.js';
import type { IssueRow } from './issues.repository.js';

/** An issue row as the API and the issue events show it. */
export function issueSummary(row: IssueRow): IssueSummary {
  return {
    id: row.id,
    flowId: row.flow_id,
    flowName: row.flow_name,
    stepId: row.step_id,
    action: row.action,
    errorCode: row.error_code,
    message: row.message,
    status: row.status,
    count: Number(row.count),
    firstSeenAt: row.first_seen_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    exampleRunIds: row.example_run_ids,
    reopened: row.reopened,
    statusChangedAt: row.status_changed_at.toISOString(),
  };
}
