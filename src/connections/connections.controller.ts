import { route } from '../common/links.js';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
  type PipeTransform,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { API_PREFIX } from '../common/api-prefix.js';
import { AppError, ErrorCode } from '../common/app-error.js';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { byName, pageList, type Page } from '../common/page-list.js';
import { ListQueryDto } from '../common/page-query.dto.js';
import { JsonBodyGuard } from '../common/json-body.guard.js';
import {
  ConnectionDto,
  ConnectionTestDto,
  CreateConnectionDto,
  UpdateConnectionDto,
} from './connection.dto.js';
import { ConnectionPageDto } from './connection.dto.js';
import { ConnectionsService } from './connections.service.js';

/** What a connection name may be (connection.dto.ts); a UUID fits it too. */
const REF = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** `:id` is a connection's id or its name: anything else cannot name one, so it is a 400. */
const CONNECTION_REF: PipeTransform<unknown, string> = {
  transform(value) {
    if (typeof value === 'string' && REF.test(value)) return value;
    throw new AppError(
      ErrorCode.BadRequest,
      `id must be a connection's id (a UUID) or its name (1-100 letters, digits, _, . or -): ${route('GET', '/connections')} lists them`,
    );
  },
};

@ApiTags('connections')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@UseGuards(JsonBodyGuard)
@Controller(`${API_PREFIX}/connections`)
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Post()
  @ApiCreatedResponse({
    type: ConnectionDto,
    description: 'Secret fields are encrypted and never returned',
  })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The name is taken' })
  async create(@Body() body: CreateConnectionDto): Promise<ConnectionDto> {
    return ConnectionDto.from(await this.connections.create(body));
  }

  @Get()
  @ApiOkResponse({ type: ConnectionPageDto, description: 'By name, A-Z' })
  async list(@Query() query: ListQueryDto): Promise<Page<ConnectionDto>> {
    const connections = (await this.connections.list()).map((c) => ConnectionDto.from(c));
    return pageList(
      connections,
      query,
      byName((c) => c.name),
    );
  }

  @Get(':id')
  @ApiOkResponse({ type: ConnectionDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  async get(@Param('id', CONNECTION_REF) id: string): Promise<ConnectionDto> {
    return ConnectionDto.from(await this.connections.get(id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: ConnectionDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  async update(
    @Param('id', CONNECTION_REF) id: string,
    @Body() body: UpdateConnectionDto,
  ): Promise<ConnectionDto> {
    return ConnectionDto.from(await this.connections.update(id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Flows still use it' })
  async remove(@Param('id', CONNECTION_REF) id: string): Promise<void> {
    await this.connections.remove(id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOkResponse({ type: ConnectionTestDto, description: "The plugin's own credential check" })
  test(@Param('id', CONNECTION_REF) id: string): Promise<ConnectionTestDto> {
    return this.connections.test(id);
  }
}
