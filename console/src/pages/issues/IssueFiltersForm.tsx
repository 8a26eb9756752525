import { useQuery } from '@tanstack/react-query';
import { api, type Flow } from '../../api/client';
import { unwrap } from '../../api/query';
import { NO_ISSUE_FILTERS, type IssueFilters } from './issues';
import { ISSUE_STATUSES, type IssueStatus } from './types';

function useFlows(): Flow[] {
  const query = useQuery({
    queryKey: ['flows', 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/flows', { params: { query: { limit: 100 } } })),
  });
  return query.data?.items ?? [];
}

type Props = { value: IssueFilters; onChange(filters: IssueFilters): void };

/** Status and flow filters of the issues list. */
export function IssueFiltersForm({ value, onChange }: Props) {
  const flows = useFlows();
  return (
    <form className="filters" onSubmit={(event) => event.preventDefault()}>
      <label>
        Status
        <select
          value={value.status}
          onChange={(e) => onChange({ ...value, status: e.target.value as IssueStatus | '' })}
        >
          <option value="">Any status</option>
          {ISSUE_STATUSES.map((status) => (
            <option key={status}>{status}</option>
          ))}
        </select>
      </label>
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
      {(value.status !== '' || value.flowId !== '') && (
        <button type="button" onClick={() => onChange(NO_ISSUE_FILTERS)}>
          Clear filters
        </button>
      )}
    </form>
  );
}
