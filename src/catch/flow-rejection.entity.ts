import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Requests a catch URL refused, per flow and reason (for stats and alerts); none of them ran. */
@Entity({ name: 'flow_rejections' })
export class FlowRejectionEntity {
  @PrimaryColumn({ name: 'flow_id', type: 'uuid', primaryKeyConstraintName: 'PK_flow_rejections' })
  flowId: string;

  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'PK_flow_rejections' })
  reason: string;

  @Column({ type: 'bigint', default: 0 })
  count: string;

  @Column({ name: 'last_at', type: 'timestamptz' })
  lastAt: Date;
}
