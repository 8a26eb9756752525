import type { Flow } from '../../api/client';
import { StatusBadge } from '../../components/StatusBadge';
import { formatTime } from '../../format';
import { can, type Role } from '../../roles';
import { linkTo } from '../../router';
import { paths } from '../../routes';
import { failureRate } from './flows-list';
import { useActivity, useFlowList, type FlowActivity } from './useFlows';
import './flows.css';

function LastRun({ activity }: { activity?: FlowActivity }) {
  const run = activity?.lastRun;
  if (!run) return <span className="muted">No runs yet</span>;
  return (
    <>
      <StatusBadge status={run.status} />{' '}
      <a href={paths.run(run.id)} onClick={linkTo(paths.run(run.id))}>
        {formatTime(run.createdAt)}
      </a>
    </>
  );
}

function FlowRow({ flow, activity }: { flow: Flow; activity?: FlowActivity }) {
  const failures = failureRate(activity);
  return (
    <tr>
      <th scope="row">
        <a href={paths.flow(flow.id)} onClick={linkTo(paths.flow(flow.id))}>
          {flow.name}
        </a>
        {flow.description && <div className="muted">{flow.description}</div>}
      </th>
      <td>
        <StatusBadge status={flow.status} />
      </td>
      <td>{flow.version}</td>
      <td>
        <LastRun activity={activity} />
      </td>
      <td>
        {failures.rate} <span className="muted">({failures.detail})</span>
      </td>
    </tr>
  );
}

function EmptyState({ role }: { role: Role }) {
  return (
    <div className="empty">
      <h2>No flows yet</h2>
      <p>
        A flow catches webhooks at its own URL and runs its steps on each request: reshape the body,
        call an API, send it on.{' '}
        {can(role, 'admin')
          ? 'Press New flow to start from a template, save it, and post a request to its catch URL.'
          : 'An admin creates flows; they will be listed here.'}
      </p>
    </div>
  );
}

/** The flows: status, version, last run and failure rate, refreshed every 3 seconds. */
export function FlowsPage({ role }: { role: Role }) {
  const { flows, more, loaded, error } = useFlowList();
  const activity = useActivity();
  return (
    <section>
      <div className="page-head">
        <h1>Flows</h1>
        {can(role, 'admin') && (
          <a className="button primary" href="/flows/new" onClick={linkTo('/flows/new')}>
            New flow
          </a>
        )}
      </div>
      <p className="muted">
        Last run and failure rate over the last 24 hours, refreshed every 3 seconds.
      </p>
      {(error ?? activity.error) && (
        <p className="error" role="alert">
          {error ?? activity.error}
        </p>
      )}
      {loaded && flows.length === 0 && <EmptyState role={role} />}
      {flows.length > 0 && (
        <div className="table-wrap">
          <table className="flows-table">
            <thead>
              <tr>
                <th scope="col">Flow</th>
                <th scope="col">Status</th>
                <th scope="col">Version</th>
                <th scope="col">Last run</th>
                <th scope="col">Failure rate (24 h)</th>
              </tr>
            </thead>
            <tbody>
              {flows.map((flow) => (
                <FlowRow key={flow.id} flow={flow} activity={activity.byFlow.get(flow.id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more && <p className="muted">The newest 100 flows are shown.</p>}
      {!loaded && !error && <p className="muted">Loading…</p>}
    </section>
  );
}
