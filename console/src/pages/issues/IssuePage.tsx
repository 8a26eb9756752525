import { StatusBadge } from '../../components/StatusBadge';
import { formatTime } from '../../format';
import type { Role } from '../../roles';
import { paths } from '../../routes';
import { linkTo } from '../../router';
import { ExampleRuns } from './ExampleRuns';
import { IssueActions } from './IssueActions';
import { groupedBy } from './issues';
import type { Issue } from './types';
import { useIssue } from './useIssues';
import './issues.css';

function IssueFacts({ issue }: { issue: Issue }) {
  const flow = paths.flow(issue.flow.id);
  return (
    <dl className="facts">
      <dt>Status</dt>
      <dd>
        <StatusBadge status={issue.status} /> since {formatTime(issue.statusChangedAt)}
      </dd>
      <dt>Flow</dt>
      <dd>
        <a href={flow} onClick={linkTo(flow)}>
          {issue.flow.name}
        </a>
      </dd>
      <dt>Step</dt>
      <dd className="mono">
        {issue.stepId} ({issue.action})
      </dd>
      <dt>Grouped by</dt>
      <dd className="mono">{groupedBy(issue)}</dd>
      <dt>Count</dt>
      <dd>{issue.count} failed steps</dd>
      <dt>First seen</dt>
      <dd>{formatTime(issue.firstSeenAt)}</dd>
      <dt>Last seen</dt>
      <dd>{formatTime(issue.lastSeenAt)}</dd>
      <dt>Reopened</dt>
      <dd>{issue.reopened === 0 ? 'never' : `${issue.reopened} times`}</dd>
    </dl>
  );
}

/** /issues/:id: one issue's facts, its latest error, example runs and the status actions. */
/** The runs page filtered to the runs that failed as this issue. */
const runsOfIssue = (id: string) => `/runs?issueId=${encodeURIComponent(id)}`;

export function IssuePage({ id, role }: { id: string; role: Role }) {
  const { issue, error } = useIssue(id);
  if (error)
    return (
      <section>
        <h1>Issue</h1>
        <p className="error" role="alert">
          {error}
        </p>
      </section>
    );
  if (!issue) return <p className="loading">Loading…</p>;
  return (
    <section>
      <p>
        <a href="/issues" onClick={linkTo('/issues')}>
          ← Issues
        </a>
      </p>
      <h1>
        {issue.flow.name} · {issue.stepId}
      </h1>
      <IssueActions issue={issue} role={role} />
      <IssueFacts issue={issue} />
      <h2>Latest error</h2>
      <pre className="issue-message">{issue.message}</pre>
      <h2>Example runs</h2>
      <p className="muted">The newest runs it failed in, newest first.</p>
      <ExampleRuns ids={issue.exampleRunIds} />
      <p>
        <a href={runsOfIssue(issue.id)} onClick={linkTo(runsOfIssue(issue.id))}>
          Every run it failed in
        </a>{' '}
        <span className="muted">(on the Runs page, where operators can replay them all)</span>
      </p>
    </section>
  );
}
