import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EventBus } from './event-bus.service.js';
import { links } from '../common/links.js';

interface RunSummaryRow {
  id: string;
  status: string;
  error: string | null;
  flow_id: string;
  flow_version: number;
  flow_name: string;
  request_id: string;
  created_at: Date;
  finished_at: Date | null;
  failed_step: string | null;
  failed_error: string | null;
}

/**
 * Run and step events (run.succeeded, run.failed, run.held, step.failed): ids and a summary,
 * never secrets, the request body only for subscriptions that ask. Each occurrence has a
 * stable key, so reporting it twice (a re-driven step) still gives one delivery.
 */
@Injectable()
export class RunEvents {
  constructor(
    private readonly bus: EventBus,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private link(path: string): string {
    return this.bus.link(path);
  }

  private async summary(runId: string): Promise<RunSummaryRow | undefined> {
    const rows: RunSummaryRow[] = await this.dataSource.query(
      `SELECT r.id, r.status, r.error, r.flow_id, r.flow_version, f.name AS flow_name, r.request_id,
              r.created_at, r.finished_at, r.failed_step, s.error AS failed_error
       FROM runs r JOIN flows f ON f.id = r.flow_id
       LEFT JOIN run_steps s ON s.run_id = r.id AND s.step_id = r.failed_step
       WHERE r.id = $1`,
      [runId],
    );
    return rows[0];
  }

  private requestBody(requestId: string) {
    return async () => {
      const rows: { body: unknown }[] = await this.dataSource.query(
        'SELECT body FROM inbound_requests WHERE id = $1',
        [requestId],
      );
      return rows[0]?.body ?? null;
    };
  }

  private runData(run: RunSummaryRow) {
    return {
      run: {
        id: run.id,
        status: run.status,
        error: run.error,
        flowVersion: run.flow_version,
        createdAt: run.created_at.toISOString(),
        finishedAt: run.finished_at?.toISOString() ?? null,
        ...(run.failed_step
          ? { failedStep: { id: run.failed_step, error: run.failed_error } }
          : {}),
      },
      flow: { id: run.flow_id, name: run.flow_name },
      links: {
        run: this.link(links.run(run.id)),
        flow: this.link(links.flow(run.flow_id)),
      },
    };
  }

  /** Call after a run may have finished: emits run.succeeded or run.failed if it did. */
  runFinished(runId: string): void {
    this.later(async () => {
      if (!(await this.bus.wants('run.succeeded', 'run.failed'))) return;
      const run = await this.summary(runId);
      if (!run || (run.status !== 'succeeded' && run.status !== 'failed')) return;
      const event = run.status === 'succeeded' ? 'run.succeeded' : 'run.failed';
      this.bus.emit({
        event,
        key: `${event}:${runId}`,
        data: this.runData(run),
        requestBody: this.requestBody(run.request_id),
      });
    });
  }

  runHeld(runId: string): void {
    this.later(async () => {
      if (!(await this.bus.wants('run.held'))) return;
      const run = await this.summary(runId);
      if (!run) return;
      this.bus.emit({
        event: 'run.held',
        key: `run.held:${runId}`,
        data: this.runData(run),
        requestBody: this.requestBody(run.request_id),
      });
    });
  }

  stepFailed(runId: string, stepId: string, error: string, attempts: number): void {
    this.later(async () => {
      if (!(await this.bus.wants('step.failed'))) return;
      const run = await this.summary(runId);
      if (!run) return;
      this.bus.emit({
        event: 'step.failed',
        key: `step.failed:${runId}:${stepId}`,
        data: { ...this.runData(run), step: { id: stepId, error, attempts } },
        requestBody: this.requestBody(run.request_id),
      });
    });
  }

  /** Never in the caller's way: the lookup runs after it returns, and its failure is the bus's. */
  private later(work: () => Promise<void>): void {
    this.bus.track(work());
  }
}
