import { useState } from 'react';
import type { Flow, Run } from '../api/client';
import { useAllFlows } from '../api/flows';
import { FlowSelect } from '../components/FlowSelect';
import { StatusBadge } from '../components/StatusBadge';
import { durationBetween, formatDuration, formatTime } from '../format';
import { linkTo } from '../router';
import { filtersFromSearch, NO_FILTERS, useRuns, type RunFilters } from './useRuns';
import { BulkAction } from './runs/BulkAction';

const STATUSES = ['queued', 'held', 'running', 'succeeded', 'failed', 'filtered', 'cancelled'];

type FilterProps = { value: RunFilters; onChange(filters: RunFilters): void };

function TimeAndCodeFilters({ value, onChange }: FilterProps) {
  return (
    <>
      <label>
        Error code
        <input
          value={value.errorCode}
          placeholder="e.g. HTTP_503"
          onChange={(e) => onChange({ ...value, errorCode: e.target.value })}
        />
      </label>
      <label>
        Body match
        <input
          value={value.match}
          placeholder="customer.email=client@test.com"
          aria-describedby="match-hint"
          onChange={(e) => onChange({ ...value, match: e.target.value })}
        />
        <span id="match-hint" className="field-hint">
          path=value in the request body
        </span>
      </label>
      <label>
        From
        <input
          type="datetime-local"
          value={value.since}
          onChange={(e) => onChange({ ...value, since: e.target.value })}
        />
      </label>
      <label>
        To
        <input
          type="datetime-local"
          value={value.until}
          onChange={(e) => onChange({ ...value, until: e.target.value })}
        />
      </label>
    </>
  );
}

function Filters({ flows, value, onChange }: FilterProps & { flows: Flow[] }) {
  return (
    <form className="filters" onSubmit={(event) => event.preventDefault()}>
      <FlowSelect
        flows={flows}
        value={value.flowId}
        onChange={(flowId) => onChange({ ...value, flowId })}
      />
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
      <TimeAndCodeFilters value={value} onChange={onChange} />
      {value.issueId && (
        <p className="issue-filter">
          Runs of{' '}
          <a href={`/issues/${value.issueId}`} onClick={linkTo(`/issues/${value.issueId}`)}>
            one issue
          </a>{' '}
          <button type="button" onClick={() => onChange({ ...value, issueId: '' })}>
            All runs
          </button>
        </p>
      )}
      {JSON.stringify(value) !== JSON.stringify(NO_FILTERS) && (
        <button type="button" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </button>
      )}
    </form>
  );
}

function RunRow({ run }: { run: Run }) {
  const duration = durationBetween(run.startedAt, run.finishedAt);
  return (
    <tr>
      <td>
        <StatusBadge status={run.status} />
      </td>
      <td>
        <a href={`/runs/${run.id}`} onClick={linkTo(`/runs/${run.id}`)}>
          {run.flowName}
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
  const flows = useAllFlows();
  const [filters, setFilters] = useState<RunFilters>(() =>
    filtersFromSearch(window.location.search),
  );
  const { runs, error, loaded, hasOlder, partial, loadOlder } = useRuns(filters);
  return (
    <section>
      <h1>Runs</h1>
      <p className="muted">Newest first, refreshed every 2 seconds; 100 per page.</p>
      <Filters flows={flows} value={filters} onChange={setFilters} />
      <BulkAction filters={filters} flows={flows} />
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
              <RunRow key={run.id} run={run} />
            ))}
          </tbody>
        </table>
      </div>
      {loaded && runs.length === 0 && !partial && <p className="muted">No run matches.</p>}
      {partial && (
        <p className="muted" role="status">
          Only the newest runs were searched (a body search reads a bounded number of request bodies
          at a time): press Search older to look further back.
        </p>
      )}
      {hasOlder && (
        <button type="button" onClick={loadOlder}>
          {partial ? 'Search older' : 'Older'}
        </button>
      )}
    </section>
  );
}
