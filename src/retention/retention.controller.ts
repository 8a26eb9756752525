import { Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { API_PREFIX } from '../common/api-prefix.js';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { JsonBodyGuard } from '../common/json-body.guard.js';
import { PruneReportDto } from './storage.dto.js';
import { Pruner } from './pruner.service.js';

/** Retention (docs/operations.md#retention): the job prunes anyway; this runs a pass now. */
@ApiTags('retention')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@ApiForbiddenResponse({ type: ErrorBodyDto, description: 'admin only' })
@UseGuards(JsonBodyGuard)
@Controller(API_PREFIX)
export class RetentionController {
  constructor(private readonly pruner: Pruner) {}

  @Post('retention/prune')
  @HttpCode(200)
  @ApiOkResponse({
    type: PruneReportDto,
    description:
      'Prunes now what is past its window (FLOWHUB_PRUNE_INTERVAL_MS does it anyway), then VACUUMs; admin only',
  })
  async prune(): Promise<PruneReportDto> {
    const report = await this.pruner.prune();
    if (!report)
      return { pruned: false, runs: 0, steps: 0, requests: 0, batches: 0, vacuumed: false, ms: 0 };
    return { pruned: true, ...report };
  }
}
