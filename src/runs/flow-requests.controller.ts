import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
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
import { PageQueryDto } from '../common/page-query.dto.js';
import { RequiresRole } from '../common/roles.js';
import { uuidParam } from '../common/uuid-param.pipe.js';
import { EvaluateDto, EvaluationDto, StoredRequestPageDto } from './dto/playground.dto.js';
import { Playground } from './playground.service.js';

const FLOW_ID = uuidParam(`flow id (${route('GET', '/flows')} lists them)`);

/** A flow's past requests and the mapping playground (the console's test panel). */
@ApiTags('flows')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@UseGuards(JsonBodyGuard)
@Controller(`${API_PREFIX}/flows`)
export class FlowRequestsController {
  constructor(private readonly playground: Playground) {}

  @Get(':id/requests')
  @ApiOkResponse({ type: StoredRequestPageDto, description: 'Newest first, as stored' })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  requests(@Param('id', FLOW_ID) id: string, @Query() query: PageQueryDto) {
    return this.playground.requests(id, query.limit ?? 20, query.cursor);
  }

  @Post(':id/evaluate')
  @RequiresRole('viewer')
  @HttpCode(200)
  @ApiOkResponse({
    type: EvaluationDto,
    description: 'The value, or why it failed (a syntax error or a guardrail is a 200 too)',
  })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'Invalid body' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such flow or request' })
  evaluate(@Param('id', FLOW_ID) id: string, @Body() body: EvaluateDto): Promise<EvaluationDto> {
    return this.playground.evaluate(id, body);
  }
}
