import { useEffect, useMemo, useState } from 'react';
import { api, type Flow, type Run } from '../api/client';
import { StatusBadge } from '../components/StatusBadge';
import { durationBetween, formatDuration, formatTime } from '../format';
import { linkTo } from '../router';
import { useRuns, type RunFilters } from './useRuns';

const STATUSES = ['queued', 'held', 'running', 'succeeded', 'failed', 'filtered', 'cancelled'];

function useFlows() {
  const [flows, setFlows] = useState<Flow[]>([]);
  useEffect(() => {
    void api.GET('/api/v1/flows', { params: { query: { limit: 100 } } }).then(({ data }) => {
      if (data) setFlows(data.items);
    });
  }, []);
  return flows;
}

function Filters({
  flows,
  value,
  onChange,
}: {
  flows: Flow[];
  value: RunFilters;
  onChange(filters: RunFilters): void;
}) {
  return (
    <form className="filters" onSubmit={(event) => event.preventDefault()}>
      <label>
        Flow
        <select
          value={value.flowId}
          onChange={(e) => onChange({ ...value, flowId: e.target.value })}
        >
          <option value="">All flows</option>
          {flows.map((flow) => (
            <option key={flow.id} value={flow.id}>
              {flow.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select
          value={value.status}
          onChange={(e) => onChange({ ...value, status: e.target.value })}
        >
          <option value="">Any status</option>
          {STATUSES.map((status) => (
            <option key={status}>{status}</option>
          ))}
        </select>
      </label>
    </form>
  );
}

function RunRow({ run, flowName }: { run: Run; flowName: string }) {
  const duration = durationBetween(run.startedAt, run.finishedAt);
  return (
    <tr>
      <td>
        <StatusBadge status={run.status} />
      </td>
      <td>
        <a href={`/runs/${run.id}`} onClick={linkTo(`/runs/${run.id}`)}>
          {flowName}
        </a>
        {run.replayOf && <span className="tag">replay</span>}
        {run.mode === 'dry-run' && <span className="tag">dry-run</span>}
        <div className="muted mono">{run.id}</div>
      </td>
      <td>{formatTime(run.createdAt)}</td>
      <td>{duration === undefined ? '—' : formatDuration(duration)}</td>
      <td className="error-cell">{run.failedStep ? `${run.failedStep}: ${run.error}` : ''}</td>
    </tr>
  );
}

export function RunsPage() {
  const flows = useFlows();
  const [filters, setFilters] = useState<RunFilters>({ flowId: '', status: '' });
  const { runs, error, loaded, hasOlder, loadOlder } = useRuns(filters);
  const names = useMemo(() => new Map(flows.map((f) => [f.id, f.name])), [flows]);
  return (
    <section>
      <h1>Runs</h1>
      <p className="muted">Newest first, refreshed every 2 seconds.</p>
      <Filters flows={flows} value={filters} onChange={setFilters} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="table-wrap">
        <table className="runs">
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Flow and run</th>
              <th scope="col">Created</th>
              <th scope="col">Duration</th>
              <th scope="col">Failure</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <RunRow key={run.id} run={run} flowName={names.get(run.flowId) ?? run.flowId} />
            ))}
          </tbody>
        </table>
      </div>
      {loaded && runs.length === 0 && <p className="muted">No run matches.</p>}
      {hasOlder && (
        <button type="button" onClick={loadOlder}>
          Older
        </button>
      )}
    </section>
  );
}
