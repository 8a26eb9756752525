import type { Role } from '../../roles';

/** Placeholder until this page lands (issue 18). */
export function ConnectionsPage(_props: { role: Role }) {
  return <h1>Connections</h1>;
}
