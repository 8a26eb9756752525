import { useId, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/query';
import { JsonBlock } from '../../components/JsonBlock';
import { StatusBadge } from '../../components/StatusBadge';
import { formatTime } from '../../format';
import { AttemptDetail } from './AttemptDetail';
import { attemptOutcome, lastAttempt } from './state';
import type { Delivery } from './types';
import { useRefreshWebhook } from './useWebhooks';

function Redeliver({ webhookId, delivery }: { webhookId: string; delivery: Delivery }) {
  const refresh = useRefreshWebhook();
  const redeliver = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', {
          params: { path: { id: webhookId, deliveryId: delivery.id } },
        }),
      ),
    onSettled: () => refresh(webhookId),
  });
  return (
    <>
      <button type="button" disabled={redeliver.isPending} onClick={() => redeliver.mutate()}>
        Redeliver
      </button>
      <span role="status" className="muted">
        {redeliver.data && `Sent again: ${attemptOutcome(redeliver.data)}`}
      </span>
      {redeliver.error && (
        <span className="error" role="alert">
          {redeliver.error.message}
        </span>
      )}
    </>
  );
}

interface Props {
  webhookId: string;
  delivery: Delivery;
  admin: boolean;
}

/** One delivery: event, status, attempts; expanded, the request and response of each attempt. */
export function DeliveryItem({ webhookId, delivery, admin }: Props) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const last = lastAttempt(delivery);
  const count = delivery.attempts.length;
  return (
    <li className="delivery" aria-labelledby={`${id}-title`}>
      <div className="delivery-head">
        <h3 id={`${id}-title`} className="mono">
          {delivery.event}
        </h3>
        <StatusBadge status={delivery.status} />
        <span>
          {count} {count === 1 ? 'attempt' : 'attempts'}
          {last && `, last ${attemptOutcome(last)}`}
        </span>
        <span className="muted">{formatTime(delivery.createdAt)}</span>
        <span className="delivery-buttons">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={`${id}-detail`}
            onClick={() => setOpen(!open)}
          >
            {open ? 'Hide details' : 'Show details'}
          </button>
          {admin && <Redeliver webhookId={webhookId} delivery={delivery} />}
        </span>
      </div>
      {delivery.status === 'pending' && delivery.nextAttemptAt && (
        <p className="muted">Next attempt {formatTime(delivery.nextAttemptAt)}</p>
      )}
      {delivery.lastError && delivery.status !== 'succeeded' && (
        <p className="error">{delivery.lastError}</p>
      )}
      <div id={`${id}-detail`} hidden={!open}>
        {open && <DeliveryDetail delivery={delivery} />}
      </div>
    </li>
  );
}

function DeliveryDetail({ delivery }: { delivery: Delivery }) {
  const attempts = [...delivery.attempts].sort((a, b) => a.attempt - b.attempt);
  return (
    <>
      <p>
        <span className="muted">webhook-id</span> <span className="mono">{delivery.messageId}</span>
        {delivery.finishedAt && (
          <span className="muted"> · finished {formatTime(delivery.finishedAt)}</span>
        )}
      </p>
      <JsonBlock label="Request body (as sent and signed)" value={delivery.payload} open />
      {attempts.length === 0 && <p className="muted">Not attempted yet.</p>}
      <ol className="wh-attempts">
        {attempts.map((attempt) => (
          <AttemptDetail key={`${attempt.attempt}-${attempt.startedAt}`} attempt={attempt} />
        ))}
      </ol>
    </>
  );
}
