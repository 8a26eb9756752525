import { DEFAULT_RETRY_SCHEDULE } from '../delivery-policy.js';
import type { WebhookAttemptEntity } from '../webhook-attempt.entity.js';
import type { WebhookDeliveryEntity } from '../webhook-delivery.entity.js';
import type { WebhookSubscriptionEntity } from '../webhook-subscription.entity.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** A subscription as the API shows it: never its secret, except `secret` once when made. */
export function webhookView(s: WebhookSubscriptionEntity, secret?: string) {
  const previous = s.previousSecretExpiresAt;
  return {
    id: s.id,
    url: s.url,
    events: s.events,
    description: s.description,
    isActive: s.isActive,
    retrySchedule: s.retrySchedule ?? DEFAULT_RETRY_SCHEDULE,
    includeRequestBody: s.includeRequestBody,
    signatureFormat: s.signatureFormat,
    consecutiveFailures: s.consecutiveFailures,
    disabledReason: s.disabledReason,
    disabledAt: iso(s.disabledAt),
    previousSecretExpiresAt:
      previous && previous.getTime() > Date.now() ? previous.toISOString() : null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    ...(secret ? { secret } : {}),
  };
}

export function attemptView(a: Omit<WebhookAttemptEntity, 'id' | 'delivery' | 'deliveryId'>) {
  return {
    attempt: a.attempt,
    trigger: a.trigger,
    startedAt: a.startedAt.toISOString(),
    durationMs: a.durationMs,
    requestHeaders: a.requestHeaders,
    status: a.status,
    errorClass: a.errorClass,
    error: a.error,
    responseHeaders: a.responseHeaders,
    responseBody: a.responseBody,
    nextAttemptAt: iso(a.nextAttemptAt),
  };
}

export function deliveryView(d: WebhookDeliveryEntity, attempts: WebhookAttemptEntity[]) {
  return {
    id: d.id,
    event: d.event,
    messageId: d.messageId,
    status: d.status,
    attempts: attempts.map(attemptView),
    nextAttemptAt: iso(d.nextAttemptAt),
    lastError: d.lastError,
    payload: d.payload,
    createdAt: d.createdAt.toISOString(),
    finishedAt: iso(d.finishedAt),
  };
}
