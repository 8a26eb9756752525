import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** Credentials for one plugin. Secret fields are stored only encrypted (SecretBox). */
@Entity({ name: 'connections' })
export class ConnectionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_connections_id' })
  id: string;

  @Index('UQ_connections_name', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 100 })
  plugin: string;

  /** Non-secret fields, in clear. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  fields: Record<string, unknown>;

  /** Secret fields: field name -> sealed value (fhs1.…), bound to `connection:<id>:<field>`. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  secrets: Record<string, string>;

  /** OAuth2: the current access token (sealed JSON), shared by every process. */
  @Column({ name: 'token_cache', type: 'text', nullable: true })
  tokenCache: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
