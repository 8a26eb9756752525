import { useState } from 'react';
import type { Role } from '../../roles';
import { IssueFiltersForm } from './IssueFiltersForm';
import { IssueRow } from './IssueRow';
import type { Issue } from './types';
import { NO_ISSUE_FILTERS, type IssueFilters } from './issues';
import { useIssueList } from './useIssues';
import './issues.css';

function IssuesTable({ issues, role }: { issues: Issue[]; role: Role }) {
  return (
    <div className="table-wrap">
      <table className="runs issues">
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Flow and step</th>
            <th scope="col">Error</th>
            <th scope="col">Count</th>
            <th scope="col">First seen</th>
            <th scope="col">Last seen</th>
            <th scope="col">Example runs</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {issues.map((issue) => (
            <IssueRow key={issue.id} issue={issue} role={role} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /issues: failed steps grouped by flow, step and error; operators acknowledge, resolve, ignore. */
export function IssuesPage({ role }: { role: Role }) {
  const [filters, setFilters] = useState<IssueFilters>(NO_ISSUE_FILTERS);
  const { issues, loaded, error, hasMore, loadMore } = useIssueList(filters);
  return (
    <section>
      <h1>Issues</h1>
      <p className="muted">
        Failed steps grouped by flow, step and error code (or their message with numbers, ids and
        quoted values taken out). An issue resolves itself after its step succeeds a few times, and
        opens again when it fails after being resolved; an ignored issue stays ignored.
      </p>
      <IssueFiltersForm value={filters} onChange={setFilters} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <IssuesTable issues={issues} role={role} />
      {loaded && issues.length === 0 && (
        <p className="muted">No issue{filters.status || filters.flowId ? ' matches' : ' yet'}.</p>
      )}
      {!loaded && !error && <p className="muted">Loading…</p>}
      {hasMore && (
        <button type="button" onClick={loadMore}>
          More
        </button>
      )}
    </section>
  );
}
