import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { API_PREFIX } from '../common/api-prefix.js';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import {
  ConnectionDto,
  ConnectionTestDto,
  CreateConnectionDto,
  UpdateConnectionDto,
} from './connection.dto.js';
import { ConnectionsService } from './connections.service.js';

@ApiTags('connections')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
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
  @ApiOkResponse({ type: [ConnectionDto] })
  async list(): Promise<ConnectionDto[]> {
    return (await this.connections.list()).map((c) => ConnectionDto.from(c));
  }

  @Get(':id')
  @ApiOkResponse({ type: ConnectionDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  async get(@Param('id') id: string): Promise<ConnectionDto> {
    return ConnectionDto.from(await this.connections.get(id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: ConnectionDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  async update(@Param('id') id: string, @Body() body: UpdateConnectionDto): Promise<ConnectionDto> {
    return ConnectionDto.from(await this.connections.update(id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Flows still use it' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.connections.remove(id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOkResponse({ type: ConnectionTestDto, description: "The plugin's own credential check" })
  test(@Param('id') id: string): Promise<ConnectionTestDto> {
    return this.connections.test(id);
  }
}
