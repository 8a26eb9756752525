import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { API_PREFIX } from '../common/api-prefix.js';
import { AppError, ErrorCode } from '../common/app-error.js';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { pageList, type Page } from '../common/page-list.js';
import { ListQueryDto } from '../common/page-query.dto.js';
import { PluginDto, PluginPageDto } from './plugin.dto.js';
import { describePlugin, type PluginEntry } from './plugin-catalogue.js';
import { PluginRegistry } from './plugin-registry.js';

@ApiTags('plugins')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@Controller(`${API_PREFIX}/plugins`)
export class PluginsController {
  private catalogue?: PluginEntry[];

  constructor(private readonly registry: PluginRegistry) {}

  /** Plugins do not change while the process runs: describe them once. */
  private entries(): PluginEntry[] {
    this.catalogue ??= this.registry.plugins().map(describePlugin);
    return this.catalogue;
  }

  @Get()
  @ApiOkResponse({
    type: PluginPageDto,
    description:
      'Built-in plugins, then external ones: actions with input JSON Schemas, connection fields',
  })
  list(@Query() query: ListQueryDto): Page<PluginEntry> {
    const entries = this.entries();
    return pageList(entries, query, { key: (p) => [entries.indexOf(p)], order: 'asc' });
  }

  @Get(':name')
  @ApiOkResponse({ type: PluginDto, description: 'One plugin' })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  get(@Param('name') name: string): PluginEntry {
    const found = this.entries().find((entry) => entry.name === name);
    if (!found) {
      const names = this.entries()
        .map((entry) => entry.name)
        .join(', ');
      throw new AppError(ErrorCode.NotFound, `No plugin named '${name}' (installed: ${names})`);
    }
    return found;
  }
}
