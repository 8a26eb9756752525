import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { EgressClient } from '../common/egress/egress-client.js';
import { EgressBlockedError, HttpStatusError } from '@flowhub/plugin-sdk';
import { deliveryJob, type DeliveryJobData } from './delivery-jobs.js';
import { QueueName } from '../queue/queue-names.js';
import {
  DEFAULT_RETRY_SCHEDULE,
  MAX_CONSECUTIVE_FAILURES,
  nextDelayMs,
  verdictOf,
} from './delivery-policy.js';
import { Metrics } from '../metrics/metrics.service.js';
import { EventBus } from './event-bus.service.js';
import { signDelivery } from './webhook-signing.js';
import { SubscriptionSecrets } from './subscription-secrets.service.js';
import type { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';
import {
  WebhooksRepository,
  type AttemptRecord,
  type ClaimedDelivery,
} from './webhooks.repository.js';

export const WEBHOOK_EGRESS = Symbol('WEBHOOK_EGRESS');
/** OUT-7: response bodies are logged up to 20 KB. */
const MAX_LOGGED_BODY = 20 * 1024;
/** OUT-6: total time for one attempt. */
export const DELIVERY_TIMEOUT_MS = 15_000;

interface Answer {
  status: number;
  errorClass: string | null;
  error: string | null;
  headers: Record<string, string> | null;
  body: string | null;
  retryAfterMs?: number;
}

function bodyText(body: unknown): string | null {
  if (body === undefined || body === null || body === '') return null;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text.length > MAX_LOGGED_BODY ? text.slice(0, MAX_LOGGED_BODY) : text;
}

/** status 0 and a class for answers that never came (OUT-7). */
function errorClassOf(error: Error & { code?: string }): string {
  if (error instanceof EgressBlockedError) return 'blocked';
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timeout';
  const code = error.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 'ECONNREFUSED') return 'refused';
  if (/CERT|TLS|SSL|SELF_SIGNED/.test(code)) return 'tls';
  return 'network';
}

/**
 * One attempt of one delivery: claim it, sign it now, send it through the egress client
 * (redirects never followed), log it, and schedule what comes next (OUT-5..OUT-8).
 */
@Injectable()
export class DeliverySender {
  constructor(
    private readonly repository: WebhooksRepository,
    private readonly secrets: SubscriptionSecrets,
    private readonly events: EventBus,
    @Inject(WEBHOOK_EGRESS) private readonly http: EgressClient,
    @InjectQueue(QueueName.webhooks) private readonly queue: Queue<DeliveryJobData>,
    private readonly metrics: Metrics,
  ) {}

  /** An automatic attempt (a job); nothing when it is not this attempt's turn. */
  async deliver(deliveryId: string, attempt: number): Promise<void> {
    const claimed = await this.repository.claim(deliveryId, attempt);
    if (!claimed) return;
    const subscription = await this.repository.subscriptions.findOneBy({
      id: claimed.subscription_id,
    });
    if (!subscription) return;
    if (!subscription.isActive) {
      const error = 'not sent: the subscription is not active (redeliver it by hand once it is)';
      await this.repository.recordAttempt(this.skipped(claimed, error), {
        status: 'failed',
        nextAttemptAt: null,
        error,
      });
      return;
    }
    const { record, answer } = await this.send(claimed, subscription, 'automatic');
    await this.settle(claimed, subscription, record, answer);
  }

  /** A manual attempt (redeliver, test): same webhook-id, new timestamp and signature. */
  async deliverNow(deliveryId: string): Promise<AttemptRecord | undefined> {
    const claimed = await this.repository.claim(deliveryId, 'manual');
    if (!claimed) return undefined;
    const subscription = await this.repository.subscriptions.findOneByOrFail({
      id: claimed.subscription_id,
    });
    const { record, answer } = await this.send(claimed, subscription, 'manual');
    const succeeded = verdictOf(answer.status, answer.errorClass ?? undefined) === 'succeeded';
    const current = await this.repository.deliveries.findOneByOrFail({ id: deliveryId });
    await this.repository.recordAttempt(record, {
      status: succeeded ? 'succeeded' : current.status,
      nextAttemptAt: succeeded ? null : current.nextAttemptAt,
      error: succeeded ? null : (answer.error ?? `HTTP ${answer.status}`),
    });
    if (succeeded) await this.repository.countOutcome(subscription.id, true);
    return record;
  }

  private skipped(claimed: ClaimedDelivery, error: string): AttemptRecord {
    return {
      deliveryId: claimed.id,
      attempt: claimed.log_attempt,
      trigger: 'automatic',
      startedAt: new Date(),
      durationMs: 0,
      requestHeaders: {},
      status: 0,
      errorClass: 'inactive',
      error,
      responseHeaders: null,
      responseBody: null,
      nextAttemptAt: null,
    };
  }

  private async send(
    claimed: ClaimedDelivery,
    subscription: WebhookSubscriptionEntity,
    trigger: 'automatic' | 'manual',
  ): Promise<{ record: AttemptRecord; answer: Answer }> {
    const headers = signDelivery({
      messageId: claimed.message_id,
      event: claimed.event,
      body: claimed.payload,
      timestamp: Math.floor(Date.now() / 1000),
      secrets: this.secrets.signingSecrets(subscription),
      signatureFormat: subscription.signatureFormat,
    });
    const startedAt = new Date();
    const answer = await this.post(subscription.url, { ...headers }, claimed.payload);
    const record: AttemptRecord = {
      deliveryId: claimed.id,
      attempt: claimed.log_attempt,
      trigger,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      requestHeaders: { ...headers },
      status: answer.status,
      errorClass: answer.errorClass,
      error: answer.error,
      responseHeaders: answer.headers,
      responseBody: answer.body,
      nextAttemptAt: null,
    };
    return { record, answer };
  }

  private async post(url: string, headers: Record<string, string>, body: string): Promise<Answer> {
    try {
      const response = await this.http.request({
        method: 'POST',
        url,
        headers,
        body,
        timeoutMs: DELIVERY_TIMEOUT_MS,
      });
      return {
        status: response.status,
        errorClass: null,
        error: null,
        headers: response.headers,
        body: bodyText(response.body),
      };
    } catch (caught) {
      if (caught instanceof HttpStatusError) {
        const { response } = caught;
        return {
          status: response.status,
          errorClass: null,
          error: `HTTP ${response.status}`,
          headers: response.headers,
          body: bodyText(response.body),
          retryAfterMs: caught.retryAfterMs,
        };
      }
      const error = caught as Error & { code?: string };
      return {
        status: 0,
        errorClass: errorClassOf(error),
        error: error.message,
        headers: null,
        body: null,
      };
    }
  }

  /** Logs the attempt and what follows: a retry, success, failure, or disabling (410, OUT-8). */
  private async settle(
    claimed: ClaimedDelivery,
    subscription: WebhookSubscriptionEntity,
    record: AttemptRecord,
    answer: Answer,
  ): Promise<void> {
    const verdict = verdictOf(answer.status, answer.errorClass ?? undefined);
    this.metrics.deliveryAttempts.inc({ outcome: verdict });
    const schedule = subscription.retrySchedule ?? DEFAULT_RETRY_SCHEDULE;
    const delay =
      verdict === 'retry'
        ? nextDelayMs(schedule, claimed.attempts, answer.retryAfterMs)
        : undefined;
    const nextAttemptAt = delay === undefined ? null : new Date(Date.now() + delay);
    const status = verdict === 'succeeded' ? 'succeeded' : nextAttemptAt ? 'pending' : 'failed';
    const error = status === 'succeeded' ? null : (answer.error ?? `HTTP ${answer.status}`);
    await this.repository.recordAttempt(
      { ...record, nextAttemptAt },
      { status, nextAttemptAt, error },
    );
    if (nextAttemptAt) {
      const next = deliveryJob(claimed.id, claimed.attempts + 1, delay);
      await this.queue.add(next.name, next.data, next.opts);
      return;
    }
    if (verdict === 'gone') {
      return this.disable(subscription, `the receiver answered 410 Gone to delivery ${claimed.id}`);
    }
    const failures = await this.repository.countOutcome(subscription.id, status === 'succeeded');
    if (status === 'failed' && failures >= MAX_CONSECUTIVE_FAILURES) {
      await this.disable(
        subscription,
        `${failures} deliveries in a row failed after every retry; the last: ${error}`,
      );
    }
  }

  private async disable(subscription: WebhookSubscriptionEntity, reason: string): Promise<void> {
    if (!(await this.repository.disable(subscription.id, reason))) return;
    this.events.invalidate();
    this.events.emit({
      event: 'webhook.disabled',
      key: `webhook.disabled:${subscription.id}:${Date.now()}`,
      data: {
        subscription: { id: subscription.id, url: subscription.url, events: subscription.events },
        reason,
      },
      exceptSubscription: subscription.id,
    });
  }
}
