import { Injectable, type OnModuleInit } from '@nestjs/common';
import { links } from '../common/links.js';
import type { DomainEventMap } from '../events/domain-events.js';
import { DomainEvents } from '../events/domain-events.service.js';
import { EventBus } from './event-bus.service.js';
import type { EventName } from './event-catalogue.js';
import { RunSummaries, type RunSummaryRow } from './run-summaries.repository.js';

/**
 * Run and step events to subscribed URLs: the runs module records run.succeeded, run.failed,
 * run.held and step.failed in its outbox, and this relays each one as an outgoing event (ids
 * and a summary, never secrets, the request body only for subscriptions that ask). Each
 * occurrence has a stable key, so relaying it twice still gives one delivery.
 */
@Injectable()
export class RunEvents implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly domain: DomainEvents,
    private readonly summaries: RunSummaries,
  ) {}

  onModuleInit(): void {
    const wants = (event: EventName) => () => this.bus.wants(event);
    const finished = ({ runId }: { runId: string }) => this.runFinished(runId);
    this.domain.on('run.succeeded', finished, { wants: wants('run.succeeded') });
    this.domain.on('run.failed', finished, { wants: wants('run.failed') });
    this.domain.on('run.held', ({ runId }) => this.runHeld(runId), { wants: wants('run.held') });
    this.domain.on('step.failed', (e) => this.stepFailed(e), { wants: wants('step.failed') });
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
        run: this.bus.link(links.run(run.id)),
        flow: this.bus.link(links.flow(run.flow_id)),
      },
    };
  }

  private publish(event: EventName, key: string, run: RunSummaryRow, data = this.runData(run)) {
    const requestBody = () => this.summaries.requestBody(run.request_id);
    return this.bus.publish({ event, key, data, requestBody });
  }

  /** run.succeeded or run.failed, as the run's status says. */
  private async runFinished(runId: string): Promise<void> {
    const run = await this.summaries.summary(runId);
    if (!run || (run.status !== 'succeeded' && run.status !== 'failed')) return;
    const event = run.status === 'succeeded' ? 'run.succeeded' : 'run.failed';
    await this.publish(event, `${event}:${runId}`, run);
  }

  private async runHeld(runId: string): Promise<void> {
    const run = await this.summaries.summary(runId);
    if (run) await this.publish('run.held', `run.held:${runId}`, run);
  }

  private async stepFailed(e: DomainEventMap['step.failed']): Promise<void> {
    const run = await this.summaries.summary(e.runId);
    if (!run) return;
    const step = { id: e.stepId, error: e.error, attempts: e.attempts };
    const data = { ...this.runData(run), step };
    await this.publish('step.failed', `step.failed:${e.runId}:${e.stepId}`, run, data);
  }
}
