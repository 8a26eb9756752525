import { Injectable, type OnModuleInit } from '@nestjs/common';
import { links } from '../common/links.js';
import type { DomainEventMap, FlowSummary } from '../events/domain-events.js';
import { DomainEvents } from '../events/domain-events.service.js';
import { EventBus } from './event-bus.service.js';

type FlowEvent =
  'flow.created' | 'flow.updated' | 'flow.deleted' | 'flow.paused' | 'flow.activated';

/** A stable key where the occurrence is unique (one delivery however often it is relayed). */
const keyOf: Record<FlowEvent, ((flow: FlowSummary) => string) | undefined> = {
  'flow.created': (flow) => `flow.created:${flow.id}`,
  'flow.updated': (flow) => `flow.updated:${flow.id}:${flow.version}`,
  'flow.deleted': (flow) => `flow.deleted:${flow.id}`,
  'flow.paused': undefined,
  'flow.activated': undefined,
};

/** flow.* and request.rejected, from the flows and catch modules, to subscribed URLs. */
@Injectable()
export class FlowEvents implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly domain: DomainEvents,
  ) {}

  onModuleInit(): void {
    for (const event of Object.keys(keyOf) as FlowEvent[]) {
      this.domain.on(event, ({ flow }) => this.flowEvent(event, flow));
    }
    this.domain.on('request.rejected', (e) => this.rejected(e));
  }

  private flowEvent(event: FlowEvent, flow: FlowSummary): void {
    this.bus.emit({
      event,
      key: keyOf[event]?.(flow),
      data: { flow, links: { flow: this.bus.link(links.flow(flow.id)) } },
    });
  }

  private rejected({ flowId, reason, count }: DomainEventMap['request.rejected']): void {
    this.bus.emit({
      event: 'request.rejected',
      data: {
        flow: { id: flowId },
        reason,
        count,
        links: { rejections: this.bus.link(links.flowRejections(flowId)) },
      },
    });
  }
}
