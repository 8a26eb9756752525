import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A request received at a catch URL, stored before it is acknowledged. */
@Entity({ name: 'inbound_requests' })
@Index('IDX_inbound_requests_flow', ['flowId', 'receivedAt'])
@Index('UQ_inbound_requests_dedupe', ['flowId', 'dedupeKey'], {
  unique: true,
  where: '"dedupe_key" IS NOT NULL',
})
export class InboundRequestEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_inbound_requests_id' })
  id: string;

  @Column({ name: 'flow_id', type: 'uuid' })
  flowId: string;

  @Column({ type: 'varchar', length: 10 })
  method: string;

  /** Lower-case names; authorization and cookie redacted. */
  @Column({ type: 'jsonb' })
  headers: Record<string, string>;

  @Column({ type: 'jsonb' })
  query: Record<string, unknown>;

  @Column({ name: 'raw_body', type: 'bytea' })
  rawBody: Buffer;

  /** JSON and form bodies parsed, text as a string, anything else base64. */
  @Column({ type: 'jsonb', nullable: true })
  body: unknown;

  @Column({ name: 'content_type', type: 'varchar', length: 255, nullable: true })
  contentType: string | null;

  @Column({ type: 'int' })
  size: number;

  @Column({ name: 'source_ip', type: 'varchar', length: 64, nullable: true })
  sourceIp: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  /**
   * Only when headers, query or body hold a character jsonb cannot (U+0000, a lone surrogate):
   * the three exactly, as JSON text `{"headers", "query", "body"}` (escaped, so storable as
   * text), while those columns hold a copy with each such character replaced by U+FFFD.
   */
  @Column({ name: 'exact_values', type: 'text', nullable: true })
  exactValues: string | null;

  /** The flow's dedupe key of this delivery (trigger.dedupe); cleared after 72 h. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 512, nullable: true })
  dedupeKey: string | null;
}
