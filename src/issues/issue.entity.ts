import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { FlowEntity } from '../flows/flow.entity.js';

export const ISSUE_STATUSES = ['open', 'acknowledged', 'resolved', 'ignored'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/**
 * Failed steps of one flow and step with one error code (or normalised message): written
 * only by src/issues/ (issues.repository.ts), from the runs module's step and run events.
 */
@Entity({ name: 'issues' })
@Unique('UQ_issues_group', ['flowId', 'stepId', 'fingerprint'])
@Index('IDX_issues_seen', ['lastSeenAt', 'id'])
@Index('IDX_issues_status_seen', ['status', 'lastSeenAt', 'id'])
export class IssueEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_issues' })
  id: string;

  @Column({ name: 'flow_id', type: 'uuid' })
  flowId: string;

  @Column({ name: 'step_id', type: 'varchar', length: 64 })
  stepId: string;

  @Column({ type: 'varchar', length: 100 })
  action: string;

  @Column({ name: 'error_code', type: 'varchar', length: 64, nullable: true })
  errorCode: string | null;

  /** `code:<errorCode>` or `message:<normalised message>` (issue-fingerprint.ts). */
  @Column({ type: 'varchar', length: 220 })
  fingerprint: string;

  /** The latest occurrence's error message. */
  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'varchar', length: 16 })
  status: IssueStatus;

  @Column({ type: 'bigint' })
  count: string;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt: Date;

  /** The newest few runs it failed in, newest first. */
  @Column({ name: 'example_run_ids', type: 'uuid', array: true })
  exampleRunIds: string[];

  @Column({ name: 'status_changed_at', type: 'timestamptz' })
  statusChangedAt: Date;

  /** How many times it recurred after being resolved. */
  @Column({ type: 'int' })
  reopened: number;

  @ManyToOne(() => FlowEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'flow_id', foreignKeyConstraintName: 'FK_issues_flow' })
  flow?: FlowEntity;
}
