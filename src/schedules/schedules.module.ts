import { Module } from '@nestjs/common';
import { RunsModule } from '../runs/runs.module.js';
import { ScheduleTicker } from './schedule-ticker.service.js';
import { SchedulesController } from './schedules.controller.js';
import { SchedulesRepository } from './schedules.repository.js';

/** Schedule triggers (issue 21; docs/flows.md#schedules): the ticker and a flow's schedule. */
@Module({
  imports: [RunsModule],
  controllers: [SchedulesController],
  providers: [SchedulesRepository, ScheduleTicker],
})
export class SchedulesModule {}
