import { useAllFlows } from '../../api/flows';
import { FlowSelect } from '../../components/FlowSelect';
import { NO_ISSUE_FILTERS, type IssueFilters } from './issues';
import { ISSUE_STATUSES, type IssueStatus } from './types';

type Props = { value: IssueFilters; onChange(filters: IssueFilters): void };

/** Status and flow filters of the issues list. */
export function IssueFiltersForm({ value, onChange }: Props) {
  const flows = useAllFlows();
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
      <FlowSelect
        flows={flows}
        value={value.flowId}
        onChange={(flowId) => onChange({ ...value, flowId })}
      />
      {(value.status !== '' || value.flowId !== '') && (
        <button type="button" onClick={() => onChange(NO_ISSUE_FILTERS)}>
          Clear filters
        </button>
      )}
    </form>
  );
}
