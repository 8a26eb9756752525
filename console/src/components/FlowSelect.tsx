import type { Flow } from '../api/client';

/** The "Flow" filter of a list: every flow by name, or All flows (''). */
export function FlowSelect({
  flows,
  value,
  onChange,
}: {
  flows: Flow[];
  value: string;
  onChange(flowId: string): void;
}) {
  return (
    <label>
      Flow
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All flows</option>
        {flows.map((flow) => (
          <option key={flow.id} value={flow.id}>
            {flow.name}
          </option>
        ))}
      </select>
    </label>
  );
}
