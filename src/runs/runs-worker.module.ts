import { Module } from '@nestjs/common';
import { Reconciler } from './reconciler.job.js';
import { RunsModule } from './runs.module.js';
import { RunsProcessor } from './runs.processor.js';
import { RunRecovery } from './state/run-recovery.repository.js';
import { BulkRunner } from './bulk/bulk-providers.js';

/** Loaded in the worker and all roles: runs jobs and reconciles lost work. */
@Module({
  imports: [RunsModule],
  providers: [RunsProcessor, Reconciler, RunRecovery, BulkRunner],
})
export class RunsWorkerModule {}
