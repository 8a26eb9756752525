import { Module } from '@nestjs/common';
import { FlowsModule } from '../flows/flows.module.js';
import { RetentionModule } from '../retention/retention.module.js';
import { DuplicateCounter } from './duplicate-counter.service.js';
import { StatsController } from './stats.controller.js';
import { StatsRepository } from './stats.repository.js';
import { StatsRollupJob } from './stats-rollup.job.js';
import { StatsService } from './stats.service.js';

/** Stats per flow and window from a rollup table (docs/operations.md#stats). */
@Module({
  imports: [FlowsModule, RetentionModule],
  controllers: [StatsController],
  providers: [StatsRepository, StatsService, DuplicateCounter, StatsRollupJob],
  exports: [DuplicateCounter],
})
export class StatsModule {}
