import { route } from '../common/links.js';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { API_PREFIX } from '../common/api-prefix.js';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { uuidParam } from '../common/uuid-param.pipe.js';
import { FlowsService } from '../flows/flows.service.js';
import { RejectionCounter, type RejectionTotals } from './rejection-counter.service.js';
import { RejectionTotalsDto } from './rejection-totals.dto.js';

/** What a flow's catch URL refused (bad signatures, stale timestamps, limits, ...): never run. */
@ApiTags('flows')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@Controller(`${API_PREFIX}/flows`)
export class FlowRejectionsController {
  constructor(
    private readonly flows: FlowsService,
    private readonly rejections: RejectionCounter,
  ) {}

  @Get(':id/rejections')
  @ApiOkResponse({
    type: RejectionTotalsDto,
    description:
      'Counts per reason: {"total": 3, "byReason": {"bad-signature": {"count": 3, "lastAt": "..."}}}',
  })
  async totals(
    @Param('id', uuidParam(`flow id (${route('GET', '/flows')} lists them)`)) id: string,
  ): Promise<RejectionTotals> {
    await this.flows.get(id);
    return this.rejections.totals(id);
  }
}
