import { Column, JoinColumn, ManyToOne, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { FlowEntity } from './flow.entity.js';
import type { FlowDefinition } from '../engine/flow-definition.js';

/** One immutable version of a flow's definition; runs pin the version they start on. */
@Entity({ name: 'flow_versions' })
export class FlowVersionEntity {
  @PrimaryColumn({ name: 'flow_id', type: 'uuid', primaryKeyConstraintName: 'PK_flow_versions' })
  flowId: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'PK_flow_versions' })
  version: number;

  @Column({ type: 'jsonb' })
  definition: FlowDefinition;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => FlowEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'flow_id', foreignKeyConstraintName: 'FK_flow_versions_flow' })
  flow?: FlowEntity;
}
