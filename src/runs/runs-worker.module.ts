import { Module } from '@nestjs/common';
import { Reconciler } from './reconciler.job.js';
import { RunsModule } from './runs.module.js';
import { RunsProcessor } from './runs.processor.js';
import { RunRecovery } from './state/run-recovery.repository.js';
import { BulkRunner } from './bulk/bulk-providers.js';
import { PgDispatcher } from './pg-queue/pg-dispatcher.service.js';
import { WorkClaims } from './state/work-claims.repository.js';

/**
 * Loaded in the worker and all roles: runs jobs (BullMQ's RunsProcessor, or PgDispatcher with
 * FLOWHUB_QUEUE=postgres) and reconciles lost work.
 */
@Module({
  imports: [RunsModule],
  providers: [RunsProcessor, PgDispatcher, WorkClaims, Reconciler, RunRecovery, BulkRunner],
})
export class RunsWorkerModule {}
