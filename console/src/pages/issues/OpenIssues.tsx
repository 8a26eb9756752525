import { formatTime } from '../../format';
import { paths } from '../../routes';
import { linkTo } from '../../router';
import { groupedBy } from './issues';
import { useIssueList } from './useIssues';
import './issues.css';

const FILTERS = { status: 'open', flowId: '' } as const;

/**
 * The overview's "Open issues": the open issues, latest failure first (the first page), with
 * a link to the Issues page. Renders its own error line.
 */
export function OpenIssues({ limit = 10 }: { limit?: number }) {
  const { issues, loaded, error } = useIssueList(FILTERS);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!loaded) return <p className="muted">Loading…</p>;
  if (issues.length === 0) return <p className="muted">No open issue.</p>;
  return (
    <>
      <div className="table-wrap">
        <table className="runs">
          <thead>
            <tr>
              <th scope="col">Flow and step</th>
              <th scope="col">Error</th>
              <th scope="col">Count</th>
              <th scope="col">Last seen</th>
            </tr>
          </thead>
          <tbody>
            {issues.slice(0, limit).map((issue) => (
              <tr key={issue.id}>
                <td>
                  <a href={paths.issue(issue.id)} onClick={linkTo(paths.issue(issue.id))}>
                    {issue.flow.name} · {issue.stepId}
                  </a>
                </td>
                <td className="issue-error">
                  <span className="mono">{groupedBy(issue)}</span>
                  <div className="error-cell">{issue.message}</div>
                </td>
                <td className="issue-count">{issue.count}</td>
                <td>{formatTime(issue.lastSeenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href="/issues" onClick={linkTo('/issues')}>
          All issues
        </a>
      </p>
    </>
  );
}
