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
  UseGuards,
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
  CreateSecretDto,
  PutSecretDto,
  SECRET_NAME,
  SECRET_NAME_MESSAGE,
  SecretDto,
} from './named-secret.dto.js';
import { SecretPageDto } from './named-secret.dto.js';
import { NamedSecretsService } from './named-secrets.service.js';

function checkName(name: string): string {
  if (SECRET_NAME.test(name)) return name;
  throw new AppError(ErrorCode.BadRequest, SECRET_NAME_MESSAGE, [
    { path: 'name', message: SECRET_NAME_MESSAGE },
  ]);
}

/** Named secrets for flows (`$secrets.NAME`): values are write-only. */
@ApiTags('secrets')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@Controller(`${API_PREFIX}/secrets`)
@UseGuards(JsonBodyGuard)
export class NamedSecretsController {
  constructor(private readonly secrets: NamedSecretsService) {}

  @Post()
  @ApiCreatedResponse({
    type: SecretDto,
    description: 'Stored encrypted; the value is never shown',
  })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The name is taken' })
  async create(@Body() body: CreateSecretDto): Promise<SecretDto> {
    const { name, ...secret } = body;
    return SecretDto.from(await this.secrets.create(name, secret));
  }

  @Get()
  @ApiOkResponse({ type: SecretPageDto, description: 'By name, A-Z' })
  async list(@Query() query: ListQueryDto): Promise<Page<SecretDto>> {
    const secrets = (await this.secrets.list()).map((row) => SecretDto.from(row));
    return pageList(
      secrets,
      query,
      byName((s) => s.name),
    );
  }

  @Get(':name')
  @ApiOkResponse({ type: SecretDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  async get(@Param('name') name: string): Promise<SecretDto> {
    return SecretDto.from(await this.secrets.get(name));
  }

  @Put(':name')
  @ApiOkResponse({ type: SecretDto, description: 'Created or replaced' })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  async put(@Param('name') name: string, @Body() body: PutSecretDto): Promise<SecretDto> {
    return SecretDto.from(await this.secrets.put(checkName(name), body));
  }

  @Delete(':name')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ErrorBodyDto, description: "A flow's current version uses it" })
  async remove(@Param('name') name: string): Promise<void> {
    await this.secrets.remove(name);
  }
}
