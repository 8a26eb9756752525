import { formatDuration } from '../../format';
import type { Delivery, DeliveryAttempt, Webhook } from './types';

/** The server's reason when an admin paused a subscription (src/webhooks/webhooks.service.ts). */
export const PAUSED_BY_API = 'paused by API';
/** Exhausted deliveries in a row before Flowhub pauses a subscription (delivery-policy.ts). */
export const MAX_CONSECUTIVE_FAILURES = 5;

export type SubscriptionState =
  | { kind: 'active'; failures: number }
  | { kind: 'paused'; since: string | null }
  | { kind: 'auto-paused'; reason: string; since: string | null };

/**
 * Active, paused (by someone: created inactive or set inactive), or auto-paused: Flowhub
 * disabled it after failed deliveries or a 410 answer, and says why.
 */
export function subscriptionState(webhook: Webhook): SubscriptionState {
  if (webhook.isActive) return { kind: 'active', failures: webhook.consecutiveFailures };
  const reason = webhook.disabledReason;
  if (reason && reason !== PAUSED_BY_API)
    return { kind: 'auto-paused', reason, since: webhook.disabledAt };
  return { kind: 'paused', since: webhook.disabledAt };
}

export const STATE_LABEL: Record<SubscriptionState['kind'], string> = {
  active: 'active',
  paused: 'paused',
  'auto-paused': 'auto-paused',
};

/** What one attempt got: "200 in 12 ms", or "no answer (refused) in 3 ms". */
export function attemptOutcome(attempt: DeliveryAttempt): string {
  const took = formatDuration(attempt.durationMs);
  if (attempt.status === 0) return `no answer (${attempt.errorClass ?? 'error'}) in ${took}`;
  return `HTTP ${attempt.status} in ${took}`;
}

/** The last attempt of a delivery (by number), if any was made. */
export function lastAttempt(delivery: Delivery): DeliveryAttempt | undefined {
  return [...delivery.attempts].sort((a, b) => a.attempt - b.attempt).at(-1);
}

/** One line for a delivery: its status and what its last attempt got. */
export function deliveryOutcome(delivery: Delivery): string {
  const last = lastAttempt(delivery);
  if (!last) return `${delivery.status}, not attempted yet`;
  return `${delivery.status}: ${attemptOutcome(last)}`;
}

/** A response body cut to `max` characters for a short excerpt (the log keeps 20 KB). */
export function excerpt(text: string | null, max = 300): string {
  if (!text) return '(empty)';
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Grace periods offered when rotating: how long the previous secret keeps signing. */
export const GRACE_OPTIONS = [
  { seconds: 0, label: 'No grace: the old secret stops now' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 86_400, label: '24 hours (default)' },
  { seconds: 604_800, label: '7 days' },
] as const;
export const DEFAULT_GRACE = 86_400;
