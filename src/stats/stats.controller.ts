import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { API_PREFIX } from '../common/api-prefix.js';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { JsonBodyGuard } from '../common/json-body.guard.js';
import { route } from '../common/links.js';
import { uuidParam } from '../common/uuid-param.pipe.js';
import { RollupDto, StatsDto, StatsQueryDto } from './stats.dto.js';
import { StatsService } from './stats.service.js';

const FLOW_ID = uuidParam(`flow id (${route('GET', '/flows')} lists them)`);
const ABOUT =
  'Requests received, accepted, rejected by reason and duplicates; runs by status; failed steps by action and error code; run duration percentiles; runs per bucket';

/** How flows are doing, from the stats rollup (docs/operations.md#stats): viewers may read. */
@ApiTags('stats')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@ApiBadRequestResponse({ type: ErrorBodyDto, description: 'window is not 1h, 24h, 7d or 30d' })
@UseGuards(JsonBodyGuard)
@Controller(API_PREFIX)
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('stats')
  @ApiOkResponse({ type: StatsDto, description: `Every flow: ${ABOUT}` })
  all(@Query() query: StatsQueryDto): Promise<StatsDto> {
    return this.stats.stats(query.window ?? '24h', null);
  }

  @Get('flows/:id/stats')
  @ApiOkResponse({ type: StatsDto, description: `One flow: ${ABOUT}` })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  flow(@Param('id', FLOW_ID) id: string, @Query() query: StatsQueryDto): Promise<StatsDto> {
    return this.stats.stats(query.window ?? '24h', id);
  }

  @Post('stats/rollup')
  @HttpCode(200)
  @ApiOkResponse({
    type: RollupDto,
    description: 'Rolls the stats up now (they are every 10 s anyway); admin only',
  })
  async rollup(): Promise<RollupDto> {
    const rolled = await this.stats.rollup();
    const { rolledUpTo } = await this.stats.stats('1h', null);
    return { rolled, rolledUpTo };
  }
}
