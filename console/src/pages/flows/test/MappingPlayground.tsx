import type { Flow } from '../../../api/client';
import type { Role } from '../../../roles';

/** Placeholder until this panel lands (issue 18): evaluate a step's map/when as you type. */
export function MappingPlayground(_props: { flow: Flow; role: Role }) {
  return <h2>Mapping playground</h2>;
}
