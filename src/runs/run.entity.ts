import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryColumn } from 'typeorm';
import { FlowEntity } from '../flows/flow.entity.js';
import { InboundRequestEntity } from './inbound-request.entity.js';

/** How a replay run was made, as kept on its row. */
export interface ReplayRecord {
  mode: 'retry' | 'from-step' | 'fresh';
  fromStep: string | null;
  /** Steps whose recorded outcome was copied from the replayed run (never run again). */
  reusedSteps: string[];
  version: 'pinned' | 'latest';
  /** The run whose idempotency keys this replay's steps use (null: fresh keys). */
  keysFrom: string | null;
}

export const RUN_STATUSES = [
  'queued',
  'held',
  'running',
  'succeeded',
  'failed',
  'filtered',
  'cancelled',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const FINISHED_RUN_STATUSES: readonly RunStatus[] = [
  'succeeded',
  'failed',
  'filtered',
  'cancelled',
];

@Entity({ name: 'runs' })
@Index('IDX_runs_created', ['createdAt', 'id'])
@Index('IDX_runs_request', ['requestId'])
@Index('IDX_runs_flow_created', ['flowId', 'createdAt', 'id'])
@Index('IDX_runs_status_created', ['status', 'createdAt'])
export class RunEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_runs_id' })
  id: string;

  @Column({ name: 'flow_id', type: 'uuid' })
  flowId: string;

  @Column({ name: 'flow_version', type: 'int' })
  flowVersion: number;

  @Column({ type: 'varchar', length: 16 })
  status: RunStatus;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  /** 'dry-run' forces dry-run for this run (test endpoint); null follows the flow. */
  @Column({ name: 'mode_override', type: 'varchar', length: 10, nullable: true })
  modeOverride: 'dry-run' | null;

  @Column({ name: 'replay_of', type: 'uuid', nullable: true })
  replayOf: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** The step whose failure ended the run (not an earlier onError: continue step). */
  @Column({ name: 'failed_step', type: 'varchar', length: 64, nullable: true })
  failedStep: string | null;

  /** A replay: how it was made (mode, fromStep, reusedSteps, version, keysFrom). */
  @Column({ type: 'jsonb', nullable: true })
  replay: ReplayRecord | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** FLOWHUB_QUEUE=postgres: a worker took this queued run until then (src/runs/pg-queue/). */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil: Date | null;

  @ManyToOne(() => FlowEntity)
  @JoinColumn({ name: 'flow_id', foreignKeyConstraintName: 'FK_runs_flow' })
  flow?: FlowEntity;

  @ManyToOne(() => InboundRequestEntity)
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_runs_request' })
  request?: InboundRequestEntity;
}
