import { StatusBadge } from '../../components/StatusBadge';
import { formatTime } from '../../format';
import { paths } from '../../routes';
import { linkTo } from '../../router';
import { attemptOutcome, lastAttempt } from './state';
import type { Webhook } from './types';
import { useLastDelivery } from './useWebhooks';
import { WebhookState } from './WebhookState';

function LastDelivery({ id }: { id: string }) {
  const delivery = useLastDelivery(id);
  if (!delivery) return <span className="muted">none yet</span>;
  const last = lastAttempt(delivery);
  return (
    <>
      <StatusBadge status={delivery.status} /> <span className="mono">{delivery.event}</span>
      <div className="muted">
        {last ? attemptOutcome(last) : 'not attempted yet'} · {formatTime(delivery.createdAt)}
      </div>
    </>
  );
}

export function WebhookRow({ webhook }: { webhook: Webhook }) {
  const path = paths.webhook(webhook.id);
  return (
    <tr>
      <td className="wh-url">
        <a href={path} onClick={linkTo(path)} className="mono">
          {webhook.url}
        </a>
        {webhook.description && <div>{webhook.description}</div>}
      </td>
      <td>
        <ul className="wh-events">
          {webhook.events.map((event) => (
            <li key={event} className="mono">
              {event}
            </li>
          ))}
        </ul>
      </td>
      <td className="wh-state">
        <WebhookState webhook={webhook} />
      </td>
      <td>
        <LastDelivery id={webhook.id} />
      </td>
    </tr>
  );
}
