import { Body, Controller, Get, Param, Patch, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { API_PREFIX } from '../common/api-prefix.js';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { JsonBodyGuard } from '../common/json-body.guard.js';
import { route } from '../common/links.js';
import { RequiresRole } from '../common/roles.js';
import { uuidParam } from '../common/uuid-param.pipe.js';
import { IssueDto, IssuePageDto, ListIssuesQueryDto, UpdateIssueDto } from './issues.dto.js';
import { IssuesService } from './issues.service.js';

const ID = uuidParam(`issue id (${route('GET', '/issues')} lists them)`);

/** Failed steps grouped into issues (docs/operations.md#issues): viewers read, operators act. */
@ApiTags('issues')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@ApiBadRequestResponse({ type: ErrorBodyDto })
@UseGuards(JsonBodyGuard)
@Controller(`${API_PREFIX}/issues`)
export class IssuesController {
  constructor(private readonly issues: IssuesService) {}

  @Get()
  @ApiOkResponse({ type: IssuePageDto, description: 'Issues, latest failure first' })
  list(@Query() query: ListIssuesQueryDto): Promise<IssuePageDto> {
    return this.issues.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: IssueDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  get(@Param('id', ID) id: string): Promise<IssueDto> {
    return this.issues.get(id);
  }

  @Patch(':id')
  @RequiresRole('operator')
  @ApiOkResponse({ type: IssueDto, description: 'The issue with its new status' })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'A viewer key' })
  update(@Param('id', ID) id: string, @Body() body: UpdateIssueDto): Promise<IssueDto> {
    return this.issues.setStatus(id, body.status);
  }
}
