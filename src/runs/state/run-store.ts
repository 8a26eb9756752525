import type { FlowVersionRef } from '../run-queue.service.js';
import type { RunWithRequest } from '../run-with-request.js';
import type {
  AttemptResult,
  BegunRun,
  ClaimedStep,
  DueStep,
  GoingOn,
  NewStep,
  RecordedOutputs,
  RunFailure,
} from './run-state.types.js';

/**
 * What the executor asks of run state: every transition of a run and its steps, each fenced
 * by the run's status and the step's attempt number, each announcing its facts
 * (run.succeeded, run.failed, step.failed) in the same statement or transaction. RunState is
 * the Postgres one; the executor's unit test uses an in-memory one.
 */
export abstract class RunStore {
  /** The run and its stored request (a job's first read). */
  abstract findWithRequest(runId: string): Promise<RunWithRequest | undefined>;

  /** queued -> running with its step rows, the first one claimed; false when not queued. */
  abstract beginRun(runId: string, steps: NewStep[], leaseMs: number): Promise<BegunRun | false>;

  /** beginRun for a run known to be of this version, answering with the run as it was. */
  abstract beginRunReading(
    runId: string,
    flow: FlowVersionRef,
    steps: NewStep[],
    leaseMs: number,
  ): Promise<{ begun: BegunRun | false; found: RunWithRequest } | undefined>;

  /** queued -> failed (its filter threw) or filtered, before any step ran. */
  abstract endRun(runId: string, status: 'failed' | 'filtered', error?: string): Promise<void>;

  /** The next pending step, marked due; when none is left the run succeeds. */
  abstract advance(runId: string): Promise<DueStep | undefined>;

  /** pending -> running for the attempt after the last, leased; undefined when not claimable. */
  abstract claim(runId: string, stepId: string, leaseMs: number): Promise<ClaimedStep | undefined>;

  abstract renewLease(
    runId: string,
    stepId: string,
    attempt: number,
    leaseMs: number,
    itemOutputs?: unknown[],
  ): Promise<void>;

  /** Outputs of the steps that succeeded so far ($steps). */
  abstract outputs(runId: string): Promise<RecordedOutputs>;

  /** running -> succeeded/skipped/failed(continue), and the next step due or the run done. */
  abstract finishAndAdvance(
    runId: string,
    stepId: string,
    attempt: number,
    result: GoingOn,
  ): Promise<{ recorded: boolean; next?: DueStep }>;

  /** running -> pending (a retry or a sleep); false when this attempt no longer holds the step. */
  abstract recordAttempt(
    runId: string,
    stepId: string,
    attempt: number,
    result: AttemptResult,
  ): Promise<boolean>;

  /** running -> failed, and the run with it; false when this attempt no longer held the step. */
  abstract failRun(runId: string, failure: RunFailure): Promise<boolean>;
}
