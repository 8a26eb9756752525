import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import type { DomainEventMap } from '../events/domain-events.js';
import { DomainEvents } from '../events/domain-events.service.js';
import { IssuesRepository } from './issues.repository.js';
import { issueSummary } from './issue-summary.js';

/** How long "is an issue open or a flow failing?" is trusted before it is asked again. */
const WATCH_CACHE_MS = 5_000;

/**
 * Turns the runs module's durable events into issues: step.failed counts an occurrence (once
 * per run and step), a finished run's successful steps may resolve their issues, and a failed
 * run may start a failing streak. run.succeeded is asked for only while something could
 * change (an open issue or a failing flow), so quiet flows write no outbox row for it.
 */
@Injectable()
export class IssueTracker implements OnModuleInit {
  private watch?: { at: number; watched: Promise<boolean> };

  constructor(
    private readonly issues: IssuesRepository,
    private readonly domain: DomainEvents,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  onModuleInit(): void {
    this.domain.on('step.failed', (e) => this.stepFailed(e));
    this.domain.on('run.failed', ({ runId }) => this.runFinished(runId, 'failed'));
    this.domain.on('run.succeeded', ({ runId }) => this.runFinished(runId, 'succeeded'), {
      wants: () => this.watching(),
    });
  }

  /** Whether a success could resolve an issue or end a streak (cached for a few seconds). */
  watching(): Promise<boolean> {
    if (!this.watch || Date.now() - this.watch.at > WATCH_CACHE_MS) {
      const watched = this.issues.anythingWatched().catch(() => true);
      this.watch = { at: Date.now(), watched };
    }
    return this.watch.watched;
  }

  private watched(): void {
    this.watch = { at: Date.now(), watched: Promise.resolve(true) };
  }

  private async stepFailed(e: DomainEventMap['step.failed']): Promise<void> {
    const occurrence = await this.issues.recordFailure(e.runId, e.stepId);
    if (!occurrence?.transition) return;
    this.watched();
    const row = await this.issues.get(occurrence.issueId);
    if (!row) return;
    const issue = issueSummary(row);
    if (occurrence.transition === 'opened') this.domain.emit('issue.opened', { issue });
    else this.domain.emit('issue.reopened', { issue });
  }

  private async runFinished(runId: string, status: 'succeeded' | 'failed'): Promise<void> {
    const { issueResolveAfter, flowFailingAfter } = this.runtime.config;
    const resolved = await this.issues.resolveAfterSuccesses(runId, issueResolveAfter);
    for (const id of resolved) {
      const row = await this.issues.get(id);
      if (row) this.domain.emit('issue.resolved', { issue: issueSummary(row), by: 'successes' });
    }
    if (status === 'succeeded') return this.issues.clearFailing(runId);
    const flow = await this.issues.markFailing(runId, flowFailingAfter);
    if (!flow) return;
    this.watched();
    this.domain.emit('flow.failing', { flow, runId, failedRuns: flowFailingAfter });
  }
}
