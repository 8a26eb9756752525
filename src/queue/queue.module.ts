import { BullModule } from '@nestjs/bullmq';
import { TerminusModule } from '@nestjs/terminus';
import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { createPostgresBackend, setDefaultBackendFactory, type QueueOptions } from 'bullmq';
import type { Runtime } from '../config/runtime.js';
import { QueueErrorLogging } from './queue-error-logging.service.js';
import { QueueHealthIndicator } from './queue.health.js';
import { QueueName } from './queue-names.js';
import { WorkerDrain } from './worker-drain.service.js';

/**
 * BullMQ on Redis when REDIS_URL is set (production, scale-out), otherwise on BullMQ's
 * PostgreSQL backend in Flowhub's own database (tables in schema `bullmq`).
 */
function connectionFor({ config, databaseUrl }: Runtime): QueueOptions {
  if (config.redisUrl) {
    setDefaultBackendFactory();
    return {
      connection: { url: config.redisUrl, maxRetriesPerRequest: null },
      prefix: config.queuePrefix,
    };
  }
  setDefaultBackendFactory(createPostgresBackend);
  const connection = { connectionString: databaseUrl, migrate: true, max: 5 };
  return { connection } as unknown as QueueOptions;
}

@Module({})
export class QueueModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRoot(connectionFor(runtime)),
        BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
        TerminusModule,
        DiscoveryModule,
      ],
      providers: [QueueHealthIndicator, QueueErrorLogging, WorkerDrain],
      exports: [BullModule, QueueHealthIndicator],
    };
  }
}
