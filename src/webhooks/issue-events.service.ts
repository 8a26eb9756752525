import { Injectable, type OnModuleInit } from '@nestjs/common';
import { apiPath, links } from '../common/links.js';
import type { DomainEventMap, IssueSummary } from '../events/domain-events.js';
import { DomainEvents } from '../events/domain-events.service.js';
import { EventBus } from './event-bus.service.js';

/**
 * issue.opened, issue.reopened, issue.resolved and flow.failing, from the issues module, to
 * subscribed URLs. Each transition has a stable key, so announcing it twice is one delivery.
 */
@Injectable()
export class IssueEvents implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly domain: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.domain.on('issue.opened', ({ issue }) =>
      this.issueEvent('issue.opened', `issue.opened:${issue.id}`, issue),
    );
    this.domain.on('issue.reopened', ({ issue }) =>
      this.issueEvent(
        'issue.reopened',
        `issue.reopened:${issue.id}:${issue.statusChangedAt}`,
        issue,
      ),
    );
    this.domain.on('issue.resolved', ({ issue, by }) =>
      this.issueEvent(
        'issue.resolved',
        `issue.resolved:${issue.id}:${issue.statusChangedAt}`,
        issue,
        {
          resolvedBy: by,
        },
      ),
    );
    this.domain.on('flow.failing', (e) => this.flowFailing(e));
  }

  private issueEvent(
    event: 'issue.opened' | 'issue.reopened' | 'issue.resolved',
    key: string,
    issue: IssueSummary,
    extra: Record<string, unknown> = {},
  ): void {
    const { flowId, flowName, ...rest } = issue;
    const latestRun = issue.exampleRunIds[0];
    this.bus.emit({
      event,
      key,
      data: {
        issue: rest,
        flow: { id: flowId, name: flowName },
        ...extra,
        links: {
          issue: this.bus.link(apiPath('issues', issue.id)),
          flow: this.bus.link(links.flow(flowId)),
          ...(latestRun ? { latestRun: this.bus.link(links.run(latestRun)) } : {}),
        },
      },
    });
  }

  private flowFailing({ flow, runId, failedRuns }: DomainEventMap['flow.failing']): void {
    this.bus.emit({
      event: 'flow.failing',
      key: `flow.failing:${flow.id}:${runId}`,
      data: {
        flow,
        failedRuns,
        links: { flow: this.bus.link(links.flow(flow.id)), run: this.bus.link(links.run(runId)) },
      },
    });
  }
}
