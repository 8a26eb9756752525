import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { RuntimeModule } from './config/runtime.module.js';
import type { Runtime } from './config/runtime.js';
import { DatabaseModule } from './database/database.module.js';
import { ENTITIES } from './entities.js';
import { EventsModule } from './events/events.module.js';
import { HealthModule } from './health/health.module.js';
import { PluginHostModule } from './plugin-host/plugin-host.module.js';
import { QueueModule } from './queue/queue.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { NamedSecretsModule } from './named-secrets/named-secrets.module.js';
import { CatchModule } from './catch/catch.module.js';
import { StatsModule } from './stats/stats.module.js';
import { IssuesModule } from './issues/issues.module.js';
import { SchedulesModule } from './schedules/schedules.module.js';
import { configureRunsWorker } from './runs/runs.processor.js';
import { RunsModule } from './runs/runs.module.js';
import { RunsWorkerModule } from './runs/runs-worker.module.js';
import { configureWebhooksWorker } from './webhooks/webhooks.processor.js';
import {
  WebhookEventsModule,
  WebhooksModule,
  WebhookWorkerModule,
} from './webhooks/webhooks.module.js';

export type ModuleImport = NonNullable<ModuleMetadata['imports']>[number];

/** HTTP-facing modules load in the api and all roles; queue processors in worker and all. */
@Module({})
export class AppModule {
  static forRoot(runtime: Runtime, extra: ModuleImport[] = []): DynamicModule {
    const servesHttp = runtime.config.role !== 'worker';
    const runsJobs = runtime.config.role !== 'api';
    configureRunsWorker(runtime.config);
    configureWebhooksWorker(runtime.config);
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot(runtime),
        DatabaseModule.forRoot(runtime.databaseUrl, ENTITIES, runtime.config.dbPoolSize),
        QueueModule.forRoot(runtime),
        MetricsModule,
        EventsModule,
        WebhookEventsModule,
        PluginHostModule,
        NamedSecretsModule,
        RunsModule,
        CatchModule,
        StatsModule,
        IssuesModule,
        SchedulesModule,
        ...(servesHttp ? [ApiKeysModule, HealthModule, WebhooksModule] : []),
        ...(runsJobs ? [RunsWorkerModule, WebhookWorkerModule] : []),
        ...extra,
      ],
      providers: servesHttp ? [{ provide: APP_FILTER, useClass: AllExceptionsFilter }] : [],
    };
  }
}
