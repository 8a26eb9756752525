import type { Role } from '../../roles';

/** Placeholder until this page lands (issue 18). */
export function WebhooksPage(_props: { role: Role }) {
  return <h1>Webhooks</h1>;
}
