import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { BackgroundWork } from '../common/background-work.js';
import { waitAtMost } from '../common/wait-at-most.js';
import type { DomainEvent, DomainEventMap, DomainEventName, OutboxEvent } from './domain-events.js';
import { EventOutbox, type OutboxRow } from './event-outbox.repository.js';

type Handler<K extends DomainEventName> = (payload: DomainEventMap[K]) => Promise<void> | void;

interface Subscription {
  handler: (payload: never) => Promise<void> | void;
  /** Whether the subscriber wants this event now (e.g. an active subscription takes it). */
  wants?: () => Promise<boolean> | boolean;
}

const SHUTDOWN_WAIT_MS = 2_000;

/**
 * The typed in-process event map. Owners `emit` (in-process events) or record durable events
 * in their own transaction (EventOutbox, then `relayed`); subscribers register with `on`.
 * Neither side imports the other. A subscriber's failure never reaches the emitter: it is
 * logged, and a durable event stays in the outbox for the sweeper to relay again.
 */
@Injectable()
export class DomainEvents implements BeforeApplicationShutdown {
  private readonly logger = new Logger('DomainEvents');
  private readonly subscriptions = new Map<DomainEventName, Subscription[]>();
  private readonly background = new BackgroundWork((what, error) =>
    this.logger.warn(`${what}: a subscriber failed: ${error.message}`),
  );

  constructor(private readonly outbox: EventOutbox) {}

  on<K extends DomainEventName>(
    name: K,
    handler: Handler<K>,
    options: { wants?: () => Promise<boolean> | boolean } = {},
  ): void {
    const list = this.subscriptions.get(name) ?? [];
    list.push({ handler: handler as Subscription['handler'], wants: options.wants });
    this.subscriptions.set(name, list);
  }

  /** Whether any subscriber wants `name` now: owners skip the outbox row when none does. */
  async wants(name: DomainEventName): Promise<boolean> {
    for (const s of this.subscriptions.get(name) ?? []) {
      if (!s.wants || (await s.wants())) return true;
    }
    return false;
  }

  /** The durable events among `events` that a subscriber wants (what goes to the outbox). */
  async wanted(events: OutboxEvent[]): Promise<OutboxEvent[]> {
    const kept: OutboxEvent[] = [];
    for (const event of events) if (await this.wants(event.name)) kept.push(event);
    return kept;
  }

  /** An in-process event: the subscribers run after the caller returns. */
  emit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    this.track(this.dispatch({ name, payload } as DomainEvent), name);
  }

  /** After the owner's commit: hands its outbox rows to the subscribers, then deletes them. */
  relayed(rows: OutboxRow[]): void {
    if (rows.length === 0) return;
    const work = async () => {
      await this.relay(rows);
      await this.outbox.remove(rows.map((r) => r.id));
    };
    this.track(work(), rows.map((r) => r.event.name).join(', '));
  }

  /** Every subscriber of each row's event, awaited; throws when one of them failed. */
  async relay(rows: OutboxRow[]): Promise<void> {
    for (const row of rows) await this.dispatch(row.event);
  }

  private async dispatch(event: DomainEvent): Promise<void> {
    const list = this.subscriptions.get(event.name) ?? [];
    await Promise.all(
      list.map(async (s) => (s.handler as Handler<typeof event.name>)(event.payload as never)),
    );
  }

  private track(promise: Promise<void>, what: string): void {
    this.background.track(promise, what);
  }

  /** Waits for subscribers in progress (shutdown, tests). */
  settled(): Promise<void> {
    return this.background.settled();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await waitAtMost(this.settled(), SHUTDOWN_WAIT_MS);
  }
}
