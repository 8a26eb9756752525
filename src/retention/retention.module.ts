import { Module } from '@nestjs/common';
import { PruneJob } from './prune.job.js';
import { Pruner } from './pruner.service.js';
import { RetentionController } from './retention.controller.js';
import { RetentionRepository } from './retention.repository.js';
import { StorageReport } from './storage.service.js';

/** Retention: the pruning job and storage used (docs/operations.md#retention). */
@Module({
  controllers: [RetentionController],
  providers: [RetentionRepository, Pruner, PruneJob, StorageReport],
  exports: [StorageReport],
})
export class RetentionModule {}
