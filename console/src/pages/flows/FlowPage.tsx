import type { Role } from '../../roles';

/** Placeholder until this page lands (issue 18): one flow, its editor, versions and tests. */
export function FlowPage({ id }: { id: string; role: Role }) {
  return <h1>Flow {id}</h1>;
}
