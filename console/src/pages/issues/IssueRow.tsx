import { StatusBadge } from '../../components/StatusBadge';
import { formatTime } from '../../format';
import type { Role } from '../../roles';
import { paths } from '../../routes';
import { linkTo } from '../../router';
import { ExampleRuns } from './ExampleRuns';
import { IssueActions } from './IssueActions';
import { groupedBy } from './issues';
import type { Issue } from './types';

/** One issue: status, where it fails, the error, how often and when, example runs, actions. */
export function IssueRow({ issue, role }: { issue: Issue; role: Role }) {
  const path = paths.issue(issue.id);
  return (
    <tr>
      <td>
        <StatusBadge status={issue.status} />
        {issue.reopened > 0 && <div className="muted">reopened {issue.reopened}×</div>}
      </td>
      <td>
        <a href={path} onClick={linkTo(path)}>
          {issue.flow.name}
        </a>
        <div className="mono">
          {issue.stepId} <span className="muted">({issue.action})</span>
        </div>
      </td>
      <td className="issue-error">
        <span className="mono">{groupedBy(issue)}</span>
        <div className="error-cell">{issue.message}</div>
      </td>
      <td className="issue-count">{issue.count}</td>
      <td>{formatTime(issue.firstSeenAt)}</td>
      <td>{formatTime(issue.lastSeenAt)}</td>
      <td>
        <ExampleRuns ids={issue.exampleRunIds} compact />
      </td>
      <td>
        <IssueActions issue={issue} role={role} />
      </td>
    </tr>
  );
}
