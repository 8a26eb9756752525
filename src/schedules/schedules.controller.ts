import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { API_PREFIX } from '../common/api-prefix.js';
import { AppError, ErrorCode } from '../common/app-error.js';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { JsonBodyGuard } from '../common/json-body.guard.js';
import { route } from '../common/links.js';
import { uuidParam } from '../common/uuid-param.pipe.js';
import { flowNotFound } from '../flows/flows.service.js';
import { ScheduleDto } from './schedule.dto.js';
import { SchedulesRepository } from './schedules.repository.js';

/** A scheduled flow's next tick and what became of past ones (docs/flows.md#schedules). */
@ApiTags('flows')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@UseGuards(JsonBodyGuard)
@Controller(API_PREFIX)
export class SchedulesController {
  constructor(private readonly schedules: SchedulesRepository) {}

  @Get('flows/:id/schedule')
  @ApiOkResponse({ type: ScheduleDto, description: 'When the next tick is due, the last one' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such flow, or not scheduled' })
  async schedule(
    @Param('id', uuidParam(`flow id (${route('GET', '/flows')} lists them)`)) id: string,
  ): Promise<ScheduleDto> {
    const type = await this.schedules.triggerType(id);
    if (type === undefined) throw flowNotFound(id);
    if (type !== 'schedule')
      throw new AppError(
        ErrorCode.NotFound,
        `Flow '${id}' has no schedule: its trigger type is ${type} (a schedule trigger has type schedule and cron or every)`,
      );
    // Just created or changed here or in another process: its row is made now, not on the next pass.
    await this.schedules.sync(id);
    const row = await this.schedules.find(id);
    if (!row) throw new AppError(ErrorCode.NotFound, `Flow '${id}' has no schedule`);
    return ScheduleDto.from(row);
  }
}
