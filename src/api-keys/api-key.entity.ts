import type { Role } from '../common/roles.js';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'api_keys' })
@Check('CHK_api_keys_role', `"role" IN ('admin', 'operator', 'viewer')`)
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_api_keys_id' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** What the key may do (common/roles.ts). */
  @Column({ type: 'varchar', length: 16, default: 'admin' })
  role: Role;

  /** SHA-256 of the whole key; the key itself is never stored. */
  @Index('UQ_api_keys_hash', { unique: true })
  @Column({ type: 'bytea' })
  hash: Buffer;

  /** The first characters of the key, shown in lists so people can tell keys apart. */
  @Column({ type: 'varchar', length: 16 })
  hint: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
