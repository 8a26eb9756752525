import type { SignatureFormat } from './webhook-signing.js';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A URL subscribed to some of Flowhub's own events (outgoing webhooks). */
@Entity({ name: 'webhook_subscriptions' })
export class WebhookSubscriptionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_webhook_subscriptions' })
  id: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', array: true })
  events: string[];

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  /** The signing secret (whsec_…), sealed with the master key. */
  @Column({ name: 'secret_sealed', type: 'text' })
  secretSealed: string;

  /** After rotate-secret: the old secret, still signing beside the new one until the time below. */
  @Column({ name: 'previous_secret_sealed', type: 'text', nullable: true })
  previousSecretSealed: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null;

  /** Seconds between attempts after the first (OUT-5); null: the default schedule. */
  @Column({ name: 'retry_schedule', type: 'double precision', array: true, nullable: true })
  retrySchedule: number[] | null;

  @Column({ name: 'include_request_body', type: 'boolean', default: false })
  includeRequestBody: boolean;

  /** How X-Webhook-Signature is written: `sha256-prefixed` (sha256=<hex>) or `hex`. */
  @Column({ name: 'signature_format', type: 'text', default: 'sha256-prefixed' })
  signatureFormat: SignatureFormat;

  @Column({ name: 'consecutive_failures', type: 'int', default: 0 })
  consecutiveFailures: number;

  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason: string | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
