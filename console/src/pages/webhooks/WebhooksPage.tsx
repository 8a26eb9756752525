import { can, type Role } from '../../roles';
import { CreateWebhook } from './CreateWebhook';
import { useWebhookList } from './useWebhooks';
import { WebhookRow } from './WebhookRow';
import './webhooks.css';

/** /webhooks: every outgoing subscription, its state and last delivery; admins add one. */
export function WebhooksPage({ role }: { role: Role }) {
  const { webhooks, loaded, error, hasMore, loadMore } = useWebhookList();
  return (
    <section>
      <h1>Webhooks</h1>
      <p className="muted">
        URLs that Flowhub POSTs its own events to (a run failed, a flow changed, …), signed with
        each subscription&apos;s secret. Open one for its delivery log.
      </p>
      {can(role, 'admin') && <CreateWebhook />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <h2>Subscriptions</h2>
      <div className="table-wrap">
        <table className="runs webhooks">
          <thead>
            <tr>
              <th scope="col">URL and description</th>
              <th scope="col">Events</th>
              <th scope="col">State</th>
              <th scope="col">Last delivery</th>
            </tr>
          </thead>
          <tbody>
            {webhooks.map((webhook) => (
              <WebhookRow key={webhook.id} webhook={webhook} />
            ))}
          </tbody>
        </table>
      </div>
      {loaded && webhooks.length === 0 && <p className="muted">No subscription yet.</p>}
      {!loaded && !error && <p className="muted">Loading…</p>}
      {hasMore && (
        <button type="button" onClick={loadMore}>
          More
        </button>
      )}
    </section>
  );
}
