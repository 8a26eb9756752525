import { describe, expect, it } from 'vitest';
import {
  attemptOutcome,
  deliveryOutcome,
  excerpt,
  lastAttempt,
  PAUSED_BY_API,
  subscriptionState,
} from './state';
import type { Delivery, DeliveryAttempt, Webhook } from './types';

const webhook = (patch: Partial<Webhook>) =>
  ({
    isActive: true,
    consecutiveFailures: 0,
    disabledReason: null,
    disabledAt: null,
    ...patch,
  }) as Webhook;

const attempt = (patch: Partial<DeliveryAttempt>) =>
  ({ attempt: 1, status: 200, durationMs: 12, errorClass: null, ...patch }) as DeliveryAttempt;

describe('subscriptionState', () => {
  it('is active, with its failures in a row', () => {
    expect(subscriptionState(webhook({ consecutiveFailures: 3 }))).toEqual({
      kind: 'active',
      failures: 3,
    });
  });

  it('is paused when someone paused it or made it inactive', () => {
    const at = '2026-12-03T10:00:00.000Z';
    expect(
      subscriptionState(
        webhook({ isActive: false, disabledReason: PAUSED_BY_API, disabledAt: at }),
      ),
    ).toEqual({ kind: 'paused', since: at });
    expect(subscriptionState(webhook({ isActive: false }))).toEqual({
      kind: 'paused',
      since: null,
    });
  });

  it('is auto-paused, with the reason, when Flowhub disabled it', () => {
    const reason = '5 deliveries in a row failed after every retry; the last: HTTP 500';
    expect(subscriptionState(webhook({ isActive: false, disabledReason: reason }))).toEqual({
      kind: 'auto-paused',
      reason,
      since: null,
    });
  });
});

describe('attempt and delivery outcomes', () => {
  it('says the status and time, or why no answer came', () => {
    expect(attemptOutcome(attempt({}))).toBe('HTTP 200 in 12 ms');
    expect(attemptOutcome(attempt({ status: 0, errorClass: 'refused', durationMs: 3 }))).toBe(
      'no answer (refused) in 3 ms',
    );
  });

  it('takes the last attempt by number', () => {
    const delivery = {
      status: 'failed',
      attempts: [attempt({ attempt: 2, status: 500 }), attempt({ attempt: 1, status: 503 })],
    } as Delivery;
    expect(lastAttempt(delivery)?.status).toBe(500);
    expect(deliveryOutcome(delivery)).toBe('failed: HTTP 500 in 12 ms');
    expect(deliveryOutcome({ status: 'pending', attempts: [] } as unknown as Delivery)).toBe(
      'pending, not attempted yet',
    );
  });

  it('cuts long bodies', () => {
    expect(excerpt(null)).toBe('(empty)');
    expect(excerpt('abcdef', 3)).toBe('abc…');
    expect(excerpt('abc', 3)).toBe('abc');
  });
});
