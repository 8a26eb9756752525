import { formatTime } from '../../format';
import type { Webhook } from './types';
import { WebhookState } from './WebhookState';

const seconds = (s: number) => (s >= 3600 ? `${s / 3600} h` : s >= 60 ? `${s / 60} min` : `${s} s`);

/** What a subscription is: URL, events, state, delivery settings, secret grace period. */
export function WebhookFacts({ webhook }: { webhook: Webhook }) {
  return (
    <dl className="facts">
      <dt>URL</dt>
      <dd className="mono">{webhook.url}</dd>
      <dt>Description</dt>
      <dd>{webhook.description || <span className="muted">—</span>}</dd>
      <dt>Events</dt>
      <dd className="mono">{webhook.events.join(', ')}</dd>
      <dt>State</dt>
      <dd>
        <WebhookState webhook={webhook} detail />
      </dd>
      <dt>Retries after</dt>
      <dd>{webhook.retrySchedule.map(seconds).join(', ')}</dd>
      <dt>Signature</dt>
      <dd>
        <span className="mono">{webhook.signatureFormat}</span> (X-Webhook-Signature), and Standard
        Webhooks <span className="mono">webhook-signature</span>
      </dd>
      <dt>Request body in run events</dt>
      <dd>{webhook.includeRequestBody ? 'included' : 'not included'}</dd>
      {webhook.previousSecretExpiresAt && (
        <>
          <dt>Previous secret</dt>
          <dd>signs too until {formatTime(webhook.previousSecretExpiresAt)}</dd>
        </>
      )}
      <dt>Created</dt>
      <dd>{formatTime(webhook.createdAt)}</dd>
      <dt>Changed</dt>
      <dd>{formatTime(webhook.updatedAt)}</dd>
    </dl>
  );
}
