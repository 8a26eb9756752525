import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { API_PREFIX } from '../common/api-prefix.js';
import { AppError, ErrorCode } from '../common/app-error.js';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-key.dto.js';
import { ApiKeysService } from './api-keys.service.js';

const UUID_PARAM = new ParseUUIDPipe({
  exceptionFactory: () =>
    new AppError(
      ErrorCode.BadRequest,
      'id must be an API key id (a UUID, as listed by GET /api/v1/api-keys)',
    ),
});

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller(`${API_PREFIX}/api-keys`)
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiCreatedResponse({
    type: CreatedApiKeyDto,
    description: 'The new key; `key` is shown only once',
  })
  async create(@Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { entity, key } = await this.apiKeys.create(body.name);
    return { ...ApiKeyDto.from(entity), key };
  }

  @Get()
  @ApiQuery({ name: 'includeRevoked', required: false, type: Boolean })
  @ApiOkResponse({ type: [ApiKeyDto] })
  async list(@Query('includeRevoked') includeRevoked?: string): Promise<ApiKeyDto[]> {
    const keys = await this.apiKeys.list(includeRevoked === 'true');
    return keys.map((key) => ApiKeyDto.from(key));
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@Param('id', UUID_PARAM) id: string): Promise<void> {
    await this.apiKeys.revoke(id);
  }
}
