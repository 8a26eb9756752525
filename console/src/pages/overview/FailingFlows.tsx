import { formatTime } from '../../format';
import { paths } from '../../routes';
import { linkTo } from '../../router';
import { percent, type FailingFlow } from './overview-data';

/** The runs page for one flow's runs (GET /runs?flowId=). */
export const flowRunsPath = (flowId: string) => `/runs?flowId=${encodeURIComponent(flowId)}`;

function Link({ to, label, children }: { to: string; label?: string; children: React.ReactNode }) {
  return (
    <a href={to} onClick={linkTo(to)} aria-label={label}>
      {children}
    </a>
  );
}

/** Flows whose last run failed, or half of whose runs in the last hour failed. */
export function FailingFlows({ flows, loaded }: { flows: FailingFlow[]; loaded: boolean }) {
  if (!loaded) return <p className="muted">Loading…</p>;
  if (flows.length === 0)
    return (
      <p className="muted">No flow is failing: no last run failed, no recent run is failing.</p>
    );
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Flow</th>
            <th scope="col">Failed in the last hour</th>
            <th scope="col">Failure rate</th>
            <th scope="col">Latest failed run</th>
          </tr>
        </thead>
        <tbody>
          {flows.map((flow) => (
            <tr key={flow.flowId}>
              <th scope="row">
                <Link to={paths.flow(flow.flowId)}>{flow.name}</Link>{' '}
                <span className="overview-sub">
                  <Link to={flowRunsPath(flow.flowId)} label={`Runs of ${flow.name}`}>
                    Runs
                  </Link>
                </span>
              </th>
              <td>
                {flow.failed} of {flow.runs}
              </td>
              <td>{percent(flow.failureRate)}</td>
              <td>
                {flow.lastFailedRun ? (
                  <Link to={paths.run(flow.lastFailedRun.id)}>
                    {formatTime(flow.lastFailedRun.createdAt)}
                  </Link>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
