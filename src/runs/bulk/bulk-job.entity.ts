import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const BULK_ACTIONS = ['replay', 'cancel'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const BULK_JOB_STATUSES = ['queued', 'running', 'succeeded', 'cancelled', 'failed'] as const;
export type BulkJobStatus = (typeof BULK_JOB_STATUSES)[number];

/**
 * A bulk replay or cancel (src/runs/bulk/, the only writer): its filter, progress, cursor and
 * lease. The runs it reached are in bulk_job_runs (no entity: written and read by SQL only).
 */
@Entity({ name: 'bulk_jobs' })
@Index('IDX_bulk_jobs_status', ['status'])
export class BulkJobEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_bulk_jobs' })
  id: string;

  @Column({ type: 'varchar', length: 8 })
  action: BulkAction;

  @Column({ type: 'jsonb' })
  filter: Record<string, unknown>;

  /** A replay's mode, fromStep and version (as POST /runs/:id/replay takes them). */
  @Column({ type: 'jsonb', nullable: true })
  replay: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 10, default: 'queued' })
  status: BulkJobStatus;

  @Column({ type: 'int' })
  total: number;

  @Column({ type: 'int', default: 0 })
  done: number;

  @Column({ type: 'int', default: 0 })
  failed: number;

  @Column({ type: 'int', default: 0 })
  skipped: number;

  /** Runs created after the job (its own replays among them) are never reached. */
  @Column({ name: 'snapshot_until', type: 'timestamptz' })
  snapshotUntil: Date;

  @Column({ name: 'cursor_created_at', type: 'timestamptz', nullable: true })
  cursorCreatedAt: Date | null;

  @Column({ name: 'cursor_id', type: 'uuid', nullable: true })
  cursorId: string | null;

  @Column({ name: 'cancel_requested', type: 'boolean', default: false })
  cancelRequested: boolean;

  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true })
  leaseOwner: string | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
