import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** One event for one subscription: the exact bytes sent, and where its attempts stand. */
@Entity({ name: 'webhook_deliveries' })
@Index('UQ_webhook_deliveries_message', ['subscriptionId', 'messageId'], { unique: true })
@Index('IDX_webhook_deliveries_due', ['nextAttemptAt'], { where: "status = 'pending'" })
@Index('IDX_webhook_deliveries_subscription', ['subscriptionId', 'createdAt'])
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_webhook_deliveries' })
  id: string;

  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId: string;

  @Column({ type: 'varchar', length: 64 })
  event: string;

  /** `webhook-id`: stable across retries and redeliveries. */
  @Column({ name: 'message_id', type: 'varchar', length: 64 })
  messageId: string;

  /** The body, serialised once: the bytes signed, sent and logged (OUT-4). */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @ManyToOne(() => WebhookSubscriptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'subscription_id',
    foreignKeyConstraintName: 'FK_webhook_deliveries_subscription',
  })
  subscription?: WebhookSubscriptionEntity;
}
