import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { IssueStatus } from './issue.entity.js';
import { issueFingerprint } from './issue-fingerprint.js';
import * as sql from './issues.sql.js';

/** How many example runs an issue keeps (the newest). */
export const EXAMPLE_RUNS = 5;
/** The most of the latest error message an issue keeps (the run keeps all of it). */
const MAX_MESSAGE = 2000;
/** The newest runs of a flow read when counting a step's successes since its issue's failure. */
const SUCCESS_SCAN = 1000;

export interface IssueRow {
  id: string;
  flow_id: string;
  flow_name: string;
  step_id: string;
  action: string;
  error_code: string | null;
  message: string;
  status: IssueStatus;
  count: string;
  first_seen_at: Date;
  last_seen_at: Date;
  last_seen_text: string;
  example_run_ids: string[];
  status_changed_at: Date;
  reopened: number;
}

/** What one failed step did to its issue: nothing (a repeat), opened it, re-opened it, counted. */
export interface Occurrence {
  issueId: string;
  transition: 'opened' | 'reopened' | null;
}

export interface IssueFilter {
  status?: IssueStatus;
  flowId?: string;
  after?: { lastSeen: string; id: string };
  limit: number;
}

/**
 * The issues, issue_occurrences and flow_failing tables: the only writer of all three, except
 * that retention (src/retention/retention.sql.ts) deletes the occurrences of the runs it
 * prunes (an issue keeps its count; its example_run_ids may then name pruned runs).
 */
@Injectable()
export class IssuesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Counts the failed step (run, step) into its issue once, however often it is relayed. */
  async recordFailure(runId: string, stepId: string): Promise<Occurrence | null> {
    type Step = {
      flow_id: string;
      action: string;
      error: string | null;
      error_code: string | null;
      at: string;
    };
    const [step] = (await this.dataSource.query(sql.FAILED_STEP, [runId, stepId])) as Step[];
    if (!step) return null;
    const fingerprint = issueFingerprint(step.error_code, step.error);
    const message = (step.error ?? 'failed').slice(0, MAX_MESSAGE);
    return this.dataSource.transaction(async (manager) => {
      type Locked = { id: string; status: IssueStatus; created: boolean };
      const [issue] = (await manager.query(sql.LOCK_ISSUE, [
        step.flow_id,
        stepId,
        step.action,
        step.error_code,
        fingerprint,
        message,
        step.at,
      ])) as Locked[];
      const inserted = (await manager.query(sql.INSERT_OCCURRENCE, [
        runId,
        stepId,
        issue.id,
        step.at,
      ])) as unknown[];
      if (inserted.length === 0) {
        if (issue.created) throw new Error('occurrence without its issue');
        return null;
      }
      await manager.query(sql.COUNT_OCCURRENCE, [issue.id, runId, step.at, message, EXAMPLE_RUNS]);
      const transition = issue.created ? 'opened' : issue.status === 'resolved' ? 'reopened' : null;
      return { issueId: issue.id, transition };
    });
  }

  /** Issues of run's flow resolved by the successes of their steps; answers their ids. */
  async resolveAfterSuccesses(runId: string, successes: number): Promise<string[]> {
    const [rows] = (await this.dataSource.query(sql.RESOLVE_AFTER_SUCCESSES, [
      runId,
      successes,
      SUCCESS_SCAN,
    ])) as [{ id: string }[], number];
    return rows.map((r) => r.id);
  }

  /** The flow when run's failure made its flow's last `runs` runs all failures (first time). */
  async markFailing(runId: string, runs: number): Promise<{ id: string; name: string } | null> {
    const rows = (await this.dataSource.query(sql.MARK_FAILING, [runId, runs])) as {
      flow_id: string;
      flow_name: string;
    }[];
    return rows[0] ? { id: rows[0].flow_id, name: rows[0].flow_name } : null;
  }

  async clearFailing(runId: string): Promise<void> {
    await this.dataSource.query(sql.CLEAR_FAILING, [runId]);
  }

  async anythingWatched(): Promise<boolean> {
    const [row] = (await this.dataSource.query(sql.ANYTHING_WATCHED)) as { watched: boolean }[];
    return row.watched;
  }

  list(filter: IssueFilter): Promise<IssueRow[]> {
    return this.dataSource.query(sql.LIST, [
      filter.status ?? null,
      filter.flowId ?? null,
      filter.after?.lastSeen ?? null,
      filter.after?.id ?? null,
      filter.limit,
    ]);
  }

  async get(id: string): Promise<IssueRow | undefined> {
    const rows = (await this.dataSource.query(sql.GET, [id])) as IssueRow[];
    return rows[0];
  }

  /** The status before, or undefined when there is no such issue. */
  async setStatus(id: string, status: IssueStatus): Promise<IssueStatus | undefined> {
    const [rows] = (await this.dataSource.query(sql.SET_STATUS, [id, status])) as [
      { previous: IssueStatus }[],
      number,
    ];
    return rows[0]?.previous;
  }
}
