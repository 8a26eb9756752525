import { InjectQueue } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { Metrics } from '../metrics/metrics.service.js';
import type { Queue } from 'bullmq';
import type { EventName } from './event-catalogue.js';
import { deliveryJob, type DeliveryJobData } from './delivery-jobs.js';
import { QueueName } from '../queue/queue-names.js';
import { messageIdFor, randomMessageId } from './webhook-signing.js';
import type { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { BackgroundWork } from '../common/background-work.js';
import { waitAtMost } from '../common/wait-at-most.js';
import { absolute } from '../common/links.js';

const CACHE_MS = 5_000;
const SHUTDOWN_WAIT_MS = 2_000;

export interface FlowhubEvent {
  event: EventName;
  data: Record<string, unknown>;
  /**
   * What makes this occurrence unique (e.g. `run.failed:<runId>`): emitting it twice gives one
   * delivery per subscription with one `webhook-id`. Without it every emit is a new message.
   */
  key?: string;
  /** Extra data only for subscriptions that ask for it (includeRequestBody). */
  requestBody?: () => Promise<unknown>;
  /** A subscription that must not get this event (webhook.disabled: the disabled one). */
  exceptSubscription?: string;
}

/**
 * The one way Flowhub announces what happened. `emit` returns at once and never throws: the
 * fan-out (a delivery row per matching subscription, then a job each) runs afterwards, so an
 * event never slows or fails the run or request that caused it. Active subscriptions are
 * cached for a few seconds, so with none subscribed an event costs nothing.
 */
@Injectable()
export class EventBus implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Events');
  private cache?: { at: number; subscriptions: Promise<WebhookSubscriptionEntity[]> };
  private readonly background = new BackgroundWork((what, error) =>
    this.logger.warn(`${what} not delivered to subscribers: ${error.message}`),
  );

  constructor(
    private readonly repository: WebhooksRepository,
    @InjectQueue(QueueName.webhooks) private readonly queue: Queue<DeliveryJobData>,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly metrics: Metrics,
  ) {}

  /** An API link for event data: absolute on FLOWHUB_PUBLIC_URL when set. */
  link(path: string): string {
    return absolute(this.runtime.config.publicUrl, path);
  }

  /** Subscriptions changed in this process: see them at once. */
  invalidate(): void {
    this.cache = undefined;
  }

  /** Whether any active subscription takes one of these events (cached: cheap to ask). */
  async wants(...events: EventName[]): Promise<boolean> {
    const subscriptions = await this.subscriptions();
    return subscriptions.some((s) => events.some((event) => s.events.includes(event)));
  }

  emit(event: FlowhubEvent): void {
    this.track(this.fanOut(event), event.event);
  }

  /** emit, awaited: resolves once the deliveries are recorded, rejects when they could not be. */
  publish(event: FlowhubEvent): Promise<void> {
    return this.fanOut(event);
  }

  /** Runs work in the background, logged (never thrown) when it fails, awaited by settled(). */
  track(promise: Promise<void>, what = 'event'): void {
    this.background.track(promise, what);
  }

  /** Waits for emits in progress (shutdown, tests). */
  settled(): Promise<void> {
    return this.background.settled();
  }

  /** On SIGTERM, events already announced get their delivery rows before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await waitAtMost(this.settled(), SHUTDOWN_WAIT_MS);
  }

  private subscriptions(): Promise<WebhookSubscriptionEntity[]> {
    if (!this.cache || Date.now() - this.cache.at > CACHE_MS) {
      const subscriptions = this.repository.activeSubscriptions();
      subscriptions.catch(() => (this.cache = undefined));
      this.cache = { at: Date.now(), subscriptions };
    }
    return this.cache.subscriptions;
  }

  private async fanOut(event: FlowhubEvent): Promise<void> {
    const targets = (await this.subscriptions()).filter(
      (s) => s.events.includes(event.event) && s.id !== event.exceptSubscription,
    );
    if (targets.length === 0) return;
    this.metrics.events.inc({ event: event.event });
    const timestamp = new Date().toISOString();
    const messageId = event.key ? messageIdFor(event.key) : randomMessageId();
    const plain = JSON.stringify({ event: event.event, timestamp, data: event.data });
    const needsBody = targets.some((s) => s.includeRequestBody) && event.requestBody;
    const withBody = needsBody
      ? JSON.stringify({
          event: event.event,
          timestamp,
          data: { ...event.data, request: { body: await event.requestBody!() } },
        })
      : plain;
    const ids = await this.repository.insertDeliveries(
      targets.map((s) => ({
        subscriptionId: s.id,
        event: event.event,
        messageId,
        payload: s.includeRequestBody ? withBody : plain,
      })),
    );
    await this.queue.addBulk(ids.map((id) => deliveryJob(id, 1)));
  }
}
