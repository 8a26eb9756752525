import { Body, Controller, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX } from '../../common/api-prefix.js';
import { ErrorBodyDto } from '../../common/error-body.dto.js';
import { JsonBodyGuard } from '../../common/json-body.guard.js';
import { RequiresRole } from '../../common/roles.js';
import { uuidParam } from '../../common/uuid-param.pipe.js';
import { BulkCountDto, BulkJobDto, BulkRequestDto } from './bulk.dto.js';
import { BulkRunsService } from './bulk-runs.service.js';

const JOB_ID = uuidParam('bulk job id (POST /api/v1/runs/bulk answers with it)');

@ApiTags('runs')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@ApiExtraModels(BulkCountDto)
@UseGuards(JsonBodyGuard)
@Controller(`${API_PREFIX}/runs/bulk`)
export class BulkRunsController {
  constructor(private readonly bulk: BulkRunsService) {}

  @Post()
  @RequiresRole('operator')
  @HttpCode(202)
  @ApiOkResponse({ type: BulkCountDto, description: 'dryRun: how many runs it would reach' })
  @ApiAcceptedResponse({
    type: BulkJobDto,
    description: 'The job, queued: it runs in the background (GET /runs/bulk/:jobId)',
  })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description: 'A bad filter or replay field, or more runs than FLOWHUB_BULK_MAX_RUNS',
  })
  async start(
    @Body() body: BulkRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BulkCountDto | BulkJobDto> {
    const answer = await this.bulk.start(body);
    if (body.dryRun) reply.status(200);
    return answer;
  }

  @Get(':jobId')
  @ApiOkResponse({ type: BulkJobDto, description: 'Progress: total, done, failed, skipped' })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  get(@Param('jobId', JOB_ID) id: string): Promise<BulkJobDto> {
    return this.bulk.get(id);
  }

  @Post(':jobId/cancel')
  @RequiresRole('operator')
  @HttpCode(200)
  @ApiOkResponse({ type: BulkJobDto, description: 'cancelRequested; it stops after its batch' })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The job already finished' })
  cancel(@Param('jobId', JOB_ID) id: string): Promise<BulkJobDto> {
    return this.bulk.cancel(id);
  }
}
