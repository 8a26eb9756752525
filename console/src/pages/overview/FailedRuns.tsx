import type { Run } from '../../api/client';
import { formatTime } from '../../format';
import { paths } from '../../routes';
import { linkTo } from '../../router';

/** The newest failed runs, each with its flow, failed step and error (until issues exist). */
export function FailedRuns({ runs, loaded }: { runs: Run[]; loaded: boolean }) {
  if (!loaded) return <p className="muted">Loading…</p>;
  if (runs.length === 0) return <p className="muted">No run has failed.</p>;
  return (
    <div className="table-wrap">
      <table className="runs">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Created</th>
            <th scope="col">Failure</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td>
                <a href={paths.run(run.id)} onClick={linkTo(paths.run(run.id))}>
                  {run.flowName}
                </a>
                <div className="muted mono">{run.id}</div>
              </td>
              <td>{formatTime(run.createdAt)}</td>
              <td className="error-cell">
                {run.failedStep ? `${run.failedStep}: ${run.error ?? ''}` : (run.error ?? '')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
