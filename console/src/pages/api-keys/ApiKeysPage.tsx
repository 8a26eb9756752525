import type { Role } from '../../roles';

/** Placeholder until this page lands (issue 18). */
export function ApiKeysPage(_props: { role: Role }) {
  return <h1>API keys</h1>;
}
