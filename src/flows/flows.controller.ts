import { RequiresRole } from '../common/roles.js';
import { route } from '../common/links.js';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { API_PREFIX } from '../common/api-prefix.js';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { byCreatedAt, pageList, type Page } from '../common/page-list.js';
import { ListQueryDto } from '../common/page-query.dto.js';
import { intParam, MAX_INT32 } from '../common/int-param.pipe.js';
import { JsonBodyGuard } from '../common/json-body.guard.js';
import { uuidParam } from '../common/uuid-param.pipe.js';
import { CatchUrls, type RequestLike } from './catch-urls.service.js';
import { FlowDefinitionDto } from './dto/flow-definition.dto.js';
import { FlowDto, FlowPageDto, FlowVersionDto, FlowVersionPageDto } from './dto/flow.dto.js';
import { RotateKeyDto, RotateSecretDto } from './dto/verify.dto.js';
import { FlowsService, type FlowView } from './flows.service.js';

/** OUT-3's default, applied to inbound secrets too: 24 h. */
const DEFAULT_SECRET_GRACE_SECONDS = 86_400;
const FLOW_ID = uuidParam(`flow id (${route('GET', '/flows')} lists them)`);
const VERSION = intParam(
  'version',
  1,
  MAX_INT32,
  `${route('GET', '/flows/:id/versions')} lists them`,
);

@ApiTags('flows')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@UseGuards(JsonBodyGuard)
@Controller(`${API_PREFIX}/flows`)
export class FlowsController {
  constructor(
    private readonly flows: FlowsService,
    private readonly urls: CatchUrls,
  ) {}

  private dto(view: FlowView, request: RequestLike): FlowDto {
    return FlowDto.from(view, this.urls.build(request, view.flow.id, view.catchKey));
  }

  @Post()
  @ApiCreatedResponse({ type: FlowDto, description: 'Created (version 1, active)' })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description: '`details` lists every problem with its path',
  })
  async create(@Body() body: FlowDefinitionDto, @Req() request: RequestLike): Promise<FlowDto> {
    return this.dto(await this.flows.create(body), request);
  }

  @Get()
  @ApiOkResponse({ type: FlowPageDto, description: 'Newest first' })
  async list(@Req() request: RequestLike, @Query() query: ListQueryDto): Promise<Page<FlowDto>> {
    const flows = (await this.flows.list()).map((view) => this.dto(view, request));
    return pageList(flows, query, byCreatedAt());
  }

  @Get(':id')
  @ApiOkResponse({ type: FlowDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  async get(@Param('id', FLOW_ID) id: string, @Req() request: RequestLike): Promise<FlowDto> {
    return this.dto(await this.flows.get(id), request);
  }

  @Put(':id')
  @ApiOkResponse({
    type: FlowDto,
    description: 'A new immutable version; running runs keep theirs',
  })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  async update(
    @Param('id', FLOW_ID) id: string,
    @Body() body: FlowDefinitionDto,
    @Req() request: RequestLike,
  ): Promise<FlowDto> {
    return this.dto(await this.flows.update(id, body), request);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted: its catch URL answers 404 from now on' })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  async remove(@Param('id', FLOW_ID) id: string): Promise<void> {
    await this.flows.remove(id);
  }

  @Get(':id/versions')
  @ApiOkResponse({ type: FlowVersionPageDto, description: 'Version 1 first' })
  async versions(
    @Param('id', FLOW_ID) id: string,
    @Query() query: ListQueryDto,
  ): Promise<Page<FlowVersionDto>> {
    const versions = (await this.flows.versions(id)).map((v) => FlowVersionDto.from(v));
    return pageList(versions, query, { key: (v) => [v.version], order: 'asc' });
  }

  @Get(':id/versions/:version')
  @ApiOkResponse({ type: FlowVersionDto })
  @ApiParam({ name: 'version', schema: { type: 'integer', minimum: 1, maximum: MAX_INT32 } })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'version is not 1-2147483647' })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  async version(
    @Param('id', FLOW_ID) id: string,
    @Param('version', VERSION) version: number,
  ): Promise<FlowVersionDto> {
    return FlowVersionDto.from(await this.flows.version(id, version));
  }

  @Post(':id/pause')
  @RequiresRole('operator')
  @HttpCode(200)
  @ApiOkResponse({ type: FlowDto, description: 'Paused: requests are stored as held runs' })
  async pause(@Param('id', FLOW_ID) id: string, @Req() request: RequestLike): Promise<FlowDto> {
    return this.dto(await this.flows.setStatus(id, 'paused'), request);
  }

  @Post(':id/rotate-key')
  @HttpCode(200)
  @ApiOkResponse({
    type: FlowDto,
    description: 'New catch URL; the old one answers 404 at once, or after graceSeconds',
  })
  async rotateKey(
    @Param('id', FLOW_ID) id: string,
    @Body() body: RotateKeyDto,
    @Req() request: RequestLike,
  ): Promise<FlowDto> {
    return this.dto(await this.flows.rotateKey(id, body?.graceSeconds ?? 0), request);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOkResponse({
    type: FlowDto,
    description:
      'New trigger.verify secret; the previous one is accepted for graceSeconds (default 24 h). A generated secret is in verifySecret, shown once.',
  })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  async rotateSecret(
    @Param('id', FLOW_ID) id: string,
    @Body() body: RotateSecretDto,
    @Req() request: RequestLike,
  ): Promise<FlowDto> {
    const grace = body?.graceSeconds ?? DEFAULT_SECRET_GRACE_SECONDS;
    return this.dto(await this.flows.rotateSecret(id, body?.secret, grace), request);
  }
}
