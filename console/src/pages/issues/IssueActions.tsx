import { useState } from 'react';
import type { Role } from '../../roles';
import { changedSentence, issueActions } from './issues';
import type { Issue } from './types';
import { useSetIssueStatus } from './useIssues';

/** Acknowledge / Resolve / Ignore (as the status allows), for operators and admins only. */
export function IssueActions({ issue, role }: { issue: Issue; role: Role }) {
  const [done, setDone] = useState('');
  const change = useSetIssueStatus((changed) => setDone(changedSentence(changed)));
  const actions = issueActions(role, issue.status);
  if (actions.length === 0) return null;
  const label = `${issue.flow.name}, step ${issue.stepId}`;
  return (
    <div className="issue-actions">
      <div className="actions">
        {actions.map((action) => (
          <button
            key={action.status}
            type="button"
            aria-label={`${action.label}: ${label}`}
            disabled={change.isPending}
            onClick={() => change.mutate({ id: issue.id, status: action.status })}
          >
            {action.label}
          </button>
        ))}
      </div>
      {change.error && (
        <p className="error" role="alert">
          {change.error.message}
        </p>
      )}
      <p role="status" className="muted issue-done">
        {done}
      </p>
    </div>
  );
}
