import { useId, useState } from 'react';
import { DeliveryItem } from './DeliveryItem';
import type { DeliveryStatus } from './types';
import { useDeliveries, type DeliveryFilters } from './useWebhooks';

const STATUSES: DeliveryStatus[] = ['pending', 'succeeded', 'failed'];

interface FilterProps {
  value: DeliveryFilters;
  events: string[];
  onChange(filters: DeliveryFilters): void;
}

function Filters({ value, events, onChange }: FilterProps) {
  const id = useId();
  return (
    <div className="filters">
      <div className="wh-filter">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          value={value.status}
          onChange={(e) => onChange({ ...value, status: e.target.value as DeliveryStatus | '' })}
        >
          <option value="">Any status</option>
          {STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </div>
      <div className="wh-filter">
        <label htmlFor={`${id}-event`}>Event</label>
        <select
          id={`${id}-event`}
          value={value.event}
          onChange={(e) => onChange({ ...value, event: e.target.value })}
        >
          <option value="">Any event</option>
          {events.map((event) => (
            <option key={event}>{event}</option>
          ))}
        </select>
      </div>
    </div>
  );
}

interface Props {
  webhookId: string;
  /** The subscription's events (a test event can reach any subscription). */
  events: string[];
  admin: boolean;
}

/** The subscription's deliveries, newest first, refreshed every 2 s, filtered. */
export function DeliveryLog({ webhookId, events, admin }: Props) {
  const [filters, setFilters] = useState<DeliveryFilters>({ status: '', event: '' });
  const { deliveries, loaded, error, hasOlder, loadOlder } = useDeliveries(webhookId, filters);
  const filtered = filters.status !== '' || filters.event !== '';
  const choices = [...new Set([...events, 'webhook.test'])];
  return (
    <section aria-labelledby="delivery-log">
      <h2 id="delivery-log">Delivery log</h2>
      <p className="muted">
        Newest first, refreshed every 2 seconds. Each event is one delivery; a delivery is retried
        on its schedule. Kept 30 days by default.
      </p>
      <Filters value={filters} events={choices} onChange={setFilters} />
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
        <p className="muted">{filtered ? 'No delivery matches.' : 'No delivery yet.'}</p>
      )}
      {hasOlder && (
        <button type="button" onClick={loadOlder}>
          Older
        </button>
      )}
    </section>
  );
}
