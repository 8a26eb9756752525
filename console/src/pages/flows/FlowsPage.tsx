import type { Role } from '../../roles';

/** Placeholder until this page lands (issue 18). */
export function FlowsPage(_props: { role: Role }) {
  return <h1>Flows</h1>;
}
