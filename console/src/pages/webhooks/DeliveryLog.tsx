import { useId, useState } from 'react';
import { DeliveryItem } from './DeliveryItem';
import type { DeliveryStatus } from './types';
import { useDeliveries } from './useWebhooks';

const STATUSES: DeliveryStatus[] = ['pending', 'succeeded', 'failed'];

/** The subscription's deliveries, newest first, refreshed every 2 s, filtered by status. */
export function DeliveryLog({ webhookId, admin }: { webhookId: string; admin: boolean }) {
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const { deliveries, loaded, error, hasOlder, loadOlder } = useDeliveries(webhookId, status);
  const filterId = useId();
  return (
    <section aria-labelledby="delivery-log">
      <h2 id="delivery-log">Delivery log</h2>
      <p className="muted">
        Newest first, refreshed every 2 seconds. Each event is one delivery; a delivery is retried
        on its schedule. Kept 30 days by default.
      </p>
      <div className="filters">
        <label htmlFor={filterId}>
          Status
          <select
            id={filterId}
            value={status}
            onChange={(e) => setStatus(e.target.value as DeliveryStatus | '')}
          >
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <ol className="deliveries">
        {deliveries.map((delivery) => (
          <DeliveryItem key={delivery.id} webhookId={webhookId} delivery={delivery} admin={admin} />
        ))}
      </ol>
      {loaded && deliveries.length === 0 && (
        <p className="muted">{status ? 'No delivery matches.' : 'No delivery yet.'}</p>
      )}
      {hasOlder && (
        <button type="button" onClick={loadOlder}>
          Older
        </button>
      )}
    </section>
  );
}
