import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryColumn } from 'typeorm';
import { RunEntity } from './run.entity.js';

export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';

/** Why a step is skipped: its `when` was false, dry-run, or the run ended before it. */
export const SKIP_REASONS = [
  'when',
  'dry-run',
  'run-failed',
  'run-cancelled',
  'run-filtered',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** One attempt of a step, as kept in `history`. */
export interface StepAttempt {
  attempt: number;
  startedAt: string;
  finishedAt: string;
  outcome: 'succeeded' | 'failed' | 'retrying' | 'sleeping' | 'lost';
  error?: string;
}

/** A step of a run: Postgres holds its state; jobs carry only (runId, stepId). */
@Entity({ name: 'run_steps' })
@Index('IDX_run_steps_due', ['status', 'nextAttemptAt'])
@Index('IDX_run_steps_lease', ['status', 'leaseUntil'])
export class RunStepEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid', primaryKeyConstraintName: 'PK_run_steps' })
  runId: string;

  @PrimaryColumn({
    name: 'step_id',
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'PK_run_steps',
  })
  stepId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 100 })
  action: string;

  @Column({ type: 'varchar', length: 16 })
  status: StepStatus;

  /** Attempts started so far (a sleep does not count). */
  @Column({ type: 'int', default: 0 })
  attempt: number;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  /** FLOWHUB_QUEUE=postgres: a worker took this due step until then (src/runs/pg-queue/). */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil: Date | null;

  /** Set while the step sleeps (core.delay); passed to the action as wokeAt. */
  @Column({ name: 'wake_at', type: 'timestamptz', nullable: true })
  wakeAt: Date | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200 })
  idempotencyKey: string;

  @Column({ type: 'jsonb', nullable: true })
  input: unknown;

  @Column({ type: 'jsonb', nullable: true })
  output: unknown;

  /** forEach: outputs of items done so far, so a retry skips them. */
  @Column({ name: 'item_outputs', type: 'jsonb', nullable: true })
  itemOutputs: unknown[] | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'error_code', type: 'varchar', length: 64, nullable: true })
  errorCode: string | null;

  /** skipped: why (SkipReason). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  reason: SkipReason | null;

  /** What the record should tell the reader (e.g. a reference to a dry-run-skipped step). */
  @Column({ type: 'jsonb', nullable: true })
  warnings: string[] | null;

  /** The output is the action's declared sampleOutput (a dry-run), not a real result. */
  @Column({ name: 'sample_output', type: 'boolean', default: false })
  sampleOutput: boolean;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  history: StepAttempt[];

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @ManyToOne(() => RunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'FK_run_steps_run' })
  run?: RunEntity;
}
