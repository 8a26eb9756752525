import type { Role } from '../../roles';

/** Placeholder until this page lands (issue 18). */
export function NewFlowPage(_props: { role: Role }) {
  return <h1>New flow</h1>;
}
