import { can, type Role } from '../../roles';
import { linkTo } from '../../router';
import { DeliveryLog } from './DeliveryLog';
import { PausedBanner } from './PausedBanner';
import { useWebhook } from './useWebhooks';
import { WebhookActions } from './WebhookActions';
import { WebhookFacts } from './WebhookFacts';
import './webhooks.css';

/** /webhooks/:id: one subscription, its state, admin controls and its delivery log. */
export function WebhookPage({ id, role }: { id: string; role: Role }) {
  const { webhook, error } = useWebhook(id);
  const admin = can(role, 'admin');
  return (
    <section>
      <p>
        <a href="/webhooks" onClick={linkTo('/webhooks')}>
          ← All webhooks
        </a>
      </p>
      <h1>Webhook {webhook?.description || <span className="mono">{webhook?.url ?? id}</span>}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!webhook && !error && <p className="muted">Loading…</p>}
      {webhook && (
        <>
          <PausedBanner webhook={webhook} admin={admin} />
          <WebhookFacts webhook={webhook} />
          {admin && <WebhookActions key={webhook.id} webhook={webhook} />}
          <DeliveryLog webhookId={webhook.id} events={webhook.events} admin={admin} />
        </>
      )}
    </section>
  );
}
