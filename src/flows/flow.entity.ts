import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export type FlowStatus = 'active' | 'paused';

@Entity({ name: 'flows' })
export class FlowEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_flows_id' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: FlowStatus;

  @Column({ name: 'current_version', type: 'int' })
  currentVersion: number;

  /** SHA-256 of the catch key: what requests are checked against. */
  @Column({ name: 'catch_key_hash', type: 'bytea' })
  catchKeyHash: Buffer;

  /** The catch key encrypted with the master key, only to show the catch URL again. */
  @Column({ name: 'catch_key_sealed', type: 'text' })
  catchKeySealed: string;

  /** After rotate-key with a grace period: the old key's hash, accepted until the time below. */
  @Column({ name: 'previous_catch_key_hash', type: 'bytea', nullable: true })
  previousCatchKeyHash: Buffer | null;

  @Column({ name: 'previous_catch_key_expires_at', type: 'timestamptz', nullable: true })
  previousCatchKeyExpiresAt: Date | null;

  /** trigger.verify secrets (current first, then previous ones in their grace period), sealed. */
  @Column({ name: 'verify_secrets_sealed', type: 'text', nullable: true })
  verifySecretsSealed: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
