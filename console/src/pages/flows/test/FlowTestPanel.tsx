import type { Flow } from '../../../api/client';
import type { Role } from '../../../roles';

/** Placeholder until this panel lands (issue 18): run a past or pasted request through the flow. */
export function FlowTestPanel(_props: { flow: Flow; role: Role }) {
  return <h2>Test</h2>;
}
