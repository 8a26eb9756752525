import type { Stats } from './overview-data';

/** Steps that failed in the window, by action and error code, most first. */
export function FailedSteps({ stats, phrase }: { stats: Stats; phrase: string }) {
  if (stats.failedSteps.length === 0) return <p className="muted">No step failed {phrase}.</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Error code</th>
            <th scope="col">Failures</th>
          </tr>
        </thead>
        <tbody>
          {stats.failedSteps.map((step) => (
            <tr key={`${step.action} ${step.errorCode ?? ''}`}>
              <th scope="row" className="mono">
                {step.action}
              </th>
              <td className="mono">{step.errorCode ?? '—'}</td>
              <td>{step.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
