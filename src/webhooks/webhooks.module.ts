import { Global, Inject, Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Metrics } from '../metrics/metrics.service.js';
import { createEgressClient, type EgressClient } from '../common/egress/egress-client.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { DELIVERY_TIMEOUT_MS, DeliverySender, WEBHOOK_EGRESS } from './delivery-sender.service.js';
import { DeliverySweeper } from './delivery-sweeper.job.js';
import { EventBus } from './event-bus.service.js';
import { RunEvents } from './run-events.service.js';
import { RunSummaries } from './run-summaries.repository.js';
import { FlowEvents } from './flow-events.service.js';
import { IssueEvents } from './issue-events.service.js';
import { SubscriptionSecrets } from './subscription-secrets.service.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksProcessor } from './webhooks.processor.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';

/** The event bus, global so any module can announce what happened. */
@Global()
@Module({
  providers: [
    EventBus,
    RunEvents,
    FlowEvents,
    IssueEvents,
    RunSummaries,
    WebhooksRepository,
    SubscriptionSecrets,
  ],
  exports: [EventBus, WebhooksRepository, SubscriptionSecrets],
})
export class WebhookEventsModule implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly repository: WebhooksRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.onScrape(async () =>
      this.metrics.pendingDeliveries.set(await this.repository.pendingCount()),
    );
  }
}

/** The /webhooks API and the sender (its own egress client: no redirects, 15 s per attempt). */
@Module({
  controllers: [WebhooksController],
  providers: [
    WebhooksService,
    DeliverySender,
    {
      provide: WEBHOOK_EGRESS,
      inject: [RUNTIME],
      useFactory: (runtime: Runtime): EgressClient =>
        createEgressClient({
          allowCidrs: runtime.config.egressAllowCidrs,
          allowHosts: runtime.config.egressAllowHosts,
          maxRedirects: 0,
          defaultTimeoutMs: DELIVERY_TIMEOUT_MS,
        }),
    },
  ],
  exports: [DeliverySender],
})
export class WebhooksModule implements OnModuleDestroy {
  constructor(@Inject(WEBHOOK_EGRESS) private readonly egress: EgressClient) {}

  onModuleDestroy(): void {
    this.egress.close();
  }
}

/** Delivery jobs and the sweeper, in worker processes. */
@Module({
  imports: [WebhooksModule],
  providers: [WebhooksProcessor, DeliverySweeper],
})
export class WebhookWorkerModule {}
