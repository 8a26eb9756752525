import { route } from '../common/links.js';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { byCreatedAt, pageList, type Page } from '../common/page-list.js';
import { API_PREFIX } from '../common/api-prefix.js';
import { JsonBodyGuard } from '../common/json-body.guard.js';
import { uuidParam } from '../common/uuid-param.pipe.js';
import { RequiresRole } from '../common/roles.js';
import {
  ApiKeyDto,
  CreateApiKeyDto,
  CreatedApiKeyDto,
  ListApiKeysQueryDto,
} from './api-key.dto.js';
import { ApiKeyPageDto } from './api-key.dto.js';
import { ApiKeysService } from './api-keys.service.js';

@ApiTags('api-keys')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'Missing, invalid or revoked API key' })
@ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only admin keys manage API keys' })
@RequiresRole('admin')
@UseGuards(JsonBodyGuard)
@Controller(`${API_PREFIX}/api-keys`)
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description: 'Invalid body; `details` lists each problem',
  })
  @ApiCreatedResponse({
    type: CreatedApiKeyDto,
    description: 'The new key; `key` is shown only once',
  })
  async create(@Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { entity, key } = await this.apiKeys.create(body.name, body.role);
    return { ...ApiKeyDto.from(entity), key };
  }

  @Get()
  @ApiOkResponse({ type: ApiKeyPageDto, description: 'Newest first' })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'includeRevoked is not true/false' })
  async list(@Query() query: ListApiKeysQueryDto): Promise<Page<ApiKeyDto>> {
    const keys = await this.apiKeys.list(query.includeRevoked === true);
    return pageList(
      keys.map((key) => ApiKeyDto.from(key)),
      query,
      byCreatedAt(),
    );
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked; requests with this key now get 401' })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  async revoke(
    @Param('id', uuidParam(`API key id (${route('GET', '/api-keys')} lists them)`)) id: string,
  ): Promise<void> {
    await this.apiKeys.revoke(id);
  }
}
