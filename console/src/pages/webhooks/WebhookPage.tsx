import type { Role } from '../../roles';

/** Placeholder until this page lands (issue 18): one subscription and its delivery log. */
export function WebhookPage({ id }: { id: string; role: Role }) {
  return <h1>Webhook {id}</h1>;
}
