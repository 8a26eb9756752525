import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import { WebhookAttemptEntity } from './webhook-attempt.entity.js';
import { WebhookDeliveryEntity, type DeliveryStatus } from './webhook-delivery.entity.js';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';

export interface NewDelivery {
  subscriptionId: string;
  event: string;
  messageId: string;
  payload: string;
}

export interface ClaimedDelivery {
  id: string;
  subscription_id: string;
  event: string;
  message_id: string;
  payload: string;
  /** Automatic attempts so far, this one included (drives the retry schedule). */
  attempts: number;
  /** This attempt's number in the delivery log (manual ones included). */
  log_attempt: number;
}

export type AttemptRecord = Omit<WebhookAttemptEntity, 'id' | 'delivery'>;

/** Subscriptions, deliveries and attempts: plain SQL on the delivery path, TypeORM for CRUD. */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get subscriptions() {
    return this.dataSource.getRepository(WebhookSubscriptionEntity);
  }

  get deliveries() {
    return this.dataSource.getRepository(WebhookDeliveryEntity);
  }

  activeSubscriptions(): Promise<WebhookSubscriptionEntity[]> {
    return this.subscriptions.find({ where: { isActive: true } });
  }

  /** New deliveries, due now; a message already delivered to a subscription is skipped. */
  async insertDeliveries(rows: NewDelivery[], dueAt: Date | null = new Date()): Promise<string[]> {
    if (rows.length === 0) return [];
    const inserted: { id: string }[] = await this.dataSource.query(
      `INSERT INTO webhook_deliveries (id, subscription_id, event, message_id, payload, next_attempt_at)
       SELECT d.*, $6::timestamptz
       FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::text[])
         AS d(id, subscription_id, event, message_id, payload)
       ON CONFLICT (subscription_id, message_id) DO NOTHING
       RETURNING id`,
      [
        rows.map(() => randomUUID()),
        rows.map((r) => r.subscriptionId),
        rows.map((r) => r.event),
        rows.map((r) => r.messageId),
        rows.map((r) => r.payload),
        dueAt,
      ],
    );
    return inserted.map((row) => row.id);
  }

  /**
   * Takes automatic attempt `attempt` of a pending delivery under a lease, so two workers never
   * send the same attempt (undefined when it is not this one's turn); `manual` reads the
   * delivery whatever its state and leaves the automatic count alone.
   */
  async claim(
    deliveryId: string,
    attempt: number | 'manual',
  ): Promise<ClaimedDelivery | undefined> {
    const columns = `id, subscription_id, event, message_id, payload, attempts,
      (SELECT count(*)::int + 1 FROM webhook_attempts a WHERE a.delivery_id = d.id) AS log_attempt`;
    if (attempt === 'manual') {
      const rows: ClaimedDelivery[] = await this.dataSource.query(
        `SELECT ${columns} FROM webhook_deliveries d WHERE id = $1`,
        [deliveryId],
      );
      return rows[0];
    }
    const [rows] = await this.dataSource.query(
      `UPDATE webhook_deliveries d SET attempts = attempts + 1, lease_until = now() + interval '60 seconds'
       WHERE id = $1 AND status = 'pending' AND attempts = $2::int - 1
         AND (lease_until IS NULL OR lease_until < now())
       RETURNING ${columns}`,
      [deliveryId, attempt],
    );
    return (rows as ClaimedDelivery[])[0];
  }

  /** Records an attempt and where the delivery now stands, in one transaction. */
  async recordAttempt(
    record: AttemptRecord,
    outcome: { status: DeliveryStatus; nextAttemptAt: Date | null; error: string | null },
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO webhook_attempts (delivery_id, attempt, trigger, started_at, duration_ms,
           request_headers, status, error_class, error, response_headers, response_body, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          record.deliveryId,
          record.attempt,
          record.trigger,
          record.startedAt,
          record.durationMs,
          JSON.stringify(record.requestHeaders),
          record.status,
          record.errorClass,
          record.error,
          record.responseHeaders && JSON.stringify(record.responseHeaders),
          record.responseBody,
          record.nextAttemptAt,
        ],
      );
      await manager.query(
        `UPDATE webhook_deliveries SET status = $2::varchar, next_attempt_at = $3, last_error = $4, lease_until = NULL,
           finished_at = CASE WHEN $2::varchar = 'pending' THEN NULL ELSE now() END
         WHERE id = $1`,
        [record.deliveryId, outcome.status, outcome.nextAttemptAt, outcome.error],
      );
    });
  }

  /** OUT-8: a success resets the count; an exhausted delivery adds one (returned). */
  async countOutcome(subscriptionId: string, succeeded: boolean): Promise<number> {
    const [rows] = await this.dataSource.query(
      `UPDATE webhook_subscriptions SET consecutive_failures = CASE WHEN $2 THEN 0 ELSE consecutive_failures + 1 END
       WHERE id = $1 RETURNING consecutive_failures`,
      [subscriptionId, succeeded],
    );
    return (rows as { consecutive_failures: number }[])[0]?.consecutive_failures ?? 0;
  }

  /** Disables an active subscription; false when it already was (so it is reported once). */
  async disable(subscriptionId: string, reason: string): Promise<boolean> {
    const [, count] = await this.dataSource.query(
      `UPDATE webhook_subscriptions SET is_active = false, disabled_reason = $2, disabled_at = now(), updated_at = now()
       WHERE id = $1 AND is_active`,
      [subscriptionId, reason],
    );
    return count > 0;
  }

  attemptsOf(deliveryIds: string[]): Promise<WebhookAttemptEntity[]> {
    if (deliveryIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(WebhookAttemptEntity).find({
      where: { deliveryId: In(deliveryIds) },
      order: { attempt: 'ASC', id: 'ASC' },
    });
  }

  async finish(deliveryId: string, status: DeliveryStatus): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = $2, next_attempt_at = NULL, finished_at = now() WHERE id = $1`,
      [deliveryId, status],
    );
  }

  /** A page of a subscription's deliveries, newest first (keyset on created_at, id). */
  async deliveryPage(
    subscriptionId: string,
    filter: {
      status?: DeliveryStatus;
      event?: string;
      limit: number;
      after?: { createdAt: string; id: string };
    },
  ): Promise<(WebhookDeliveryEntity & { created_at_text: string })[]> {
    const params: unknown[] = [subscriptionId];
    const where = ['subscription_id = $1'];
    const add = (sql: string, ...values: unknown[]) => {
      values.forEach((value) => params.push(value));
      where.push(
        sql.replace(/\$(\d)/g, (_, n: string) => `$${params.length - values.length + Number(n)}`),
      );
    };
    if (filter.status) add('status = $1', filter.status);
    if (filter.event) add('event = $1', filter.event);
    if (filter.after)
      add(
        '(created_at, id) < ($1::timestamptz, $2::uuid)',
        filter.after.createdAt,
        filter.after.id,
      );
    params.push(filter.limit);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT *, created_at::text AS created_at_text FROM webhook_deliveries
       WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({
      id: row.id as string,
      subscriptionId: row.subscription_id as string,
      event: row.event as string,
      messageId: row.message_id as string,
      payload: row.payload as string,
      status: row.status as DeliveryStatus,
      attempts: row.attempts as number,
      nextAttemptAt: row.next_attempt_at as Date | null,
      leaseUntil: row.lease_until as Date | null,
      lastError: row.last_error as string | null,
      createdAt: row.created_at as Date,
      finishedAt: row.finished_at as Date | null,
      created_at_text: row.created_at_text as string,
    }));
  }

  /** Pending deliveries whose attempt is overdue (a lost job): re-enqueued by the sweeper. */
  /** Deliveries still to be sent (the flowhub_webhook_deliveries_pending gauge). */
  async pendingCount(): Promise<number> {
    const [row]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`,
    );
    return row.n;
  }

  async overdue(limit: number): Promise<{ id: string; attempts: number }[]> {
    return this.dataSource.query(
      `SELECT id, attempts FROM webhook_deliveries
       WHERE status = 'pending' AND next_attempt_at < now() - interval '30 seconds'
         AND (lease_until IS NULL OR lease_until < now())
       ORDER BY next_attempt_at LIMIT $1`,
      [limit],
    );
  }

  /** Deliveries (and their attempts) older than the retention period. */
  async prune(retentionDays: number): Promise<number> {
    const [, count] = await this.dataSource.query(
      `DELETE FROM webhook_deliveries WHERE created_at < now() - make_interval(days => $1::int)`,
      [retentionDays],
    );
    return count;
  }
}
