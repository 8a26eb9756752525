import { RequiresRole } from '../common/roles.js';
import { route } from '../common/links.js';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX } from '../common/api-prefix.js';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { EtagInterceptor } from '../common/etag.interceptor.js';
import { JsonBodyGuard } from '../common/json-body.guard.js';
import { uuidParam } from '../common/uuid-param.pipe.js';
import { CatchUrls, type RequestLike } from '../flows/catch-urls.service.js';
import { FlowDto } from '../flows/dto/flow.dto.js';
import { FlowsService } from '../flows/flows.service.js';
import { ListRunsQueryDto, ReplayRunDto, RunDto, RunPageDto, TestFlowDto } from './dto/run.dto.js';
import { ActivityDto, ActivityQueryDto } from './dto/activity.dto.js';
import { RunsService } from './runs.service.js';

const RUN_ID = uuidParam(`run id (${route('GET', '/runs')} lists them)`);
const FLOW_ID = uuidParam(`flow id (${route('GET', '/flows')} lists them)`);

@ApiTags('runs')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@UseGuards(JsonBodyGuard)
@Controller(`${API_PREFIX}/runs`)
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Get()
  @UseInterceptors(EtagInterceptor)
  @ApiOkResponse({ type: RunPageDto, description: 'Newest first (ETag: If-None-Match gets 304)' })
  list(@Query() query: ListRunsQueryDto): Promise<RunPageDto> {
    return this.runs.list(query);
  }

  @Get('activity')
  @UseInterceptors(EtagInterceptor)
  @ApiOkResponse({ type: ActivityDto, description: "Each flow's last run and failure rate" })
  activity(@Query() query: ActivityQueryDto): Promise<ActivityDto> {
    return this.runs.activity(query.since);
  }

  @Get(':id')
  @UseInterceptors(EtagInterceptor)
  @ApiOkResponse({
    type: RunDto,
    description: 'ETag: If-None-Match gets 304 while it is unchanged',
  })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  get(@Param('id', RUN_ID) id: string): Promise<RunDto> {
    return this.runs.get(id);
  }

  @Post(':id/replay')
  @RequiresRole('operator')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: RunDto,
    description: 'The new run (queued); its replay field says the mode and the reused steps',
  })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description: 'Unknown mode, fromStep not a step, fields that contradict, a step not reusable',
  })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'The run has not finished, or (retry) it has nothing left to run',
  })
  replay(@Param('id', RUN_ID) id: string, @Body() body: ReplayRunDto): Promise<RunDto> {
    return this.runs.replay(id, body);
  }

  @Post(':id/cancel')
  @RequiresRole('operator')
  @HttpCode(200)
  @ApiOkResponse({ type: RunDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The run already finished' })
  cancel(@Param('id', RUN_ID) id: string): Promise<RunDto> {
    return this.runs.cancel(id);
  }
}

/** Flow routes that start runs. */
@ApiTags('flows')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@UseGuards(JsonBodyGuard)
@Controller(`${API_PREFIX}/flows`)
export class FlowRunsController {
  constructor(
    private readonly flows: FlowsService,
    private readonly runs: RunsService,
    private readonly urls: CatchUrls,
  ) {}

  @Post(':id/activate')
  @RequiresRole('operator')
  @HttpCode(200)
  @ApiOkResponse({
    type: FlowDto,
    description: 'Active; requests held while paused run in arrival order',
  })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  async activate(@Param('id', FLOW_ID) id: string, @Req() request: RequestLike): Promise<FlowDto> {
    const view = await this.flows.setStatus(id, 'active');
    await this.runs.releaseHeld(id);
    return FlowDto.from(view, this.urls.build(request, id, view.catchKey));
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOkResponse({
    type: RunDto,
    description:
      'The finished run with its steps (202 if still running after 30 s, or at once with wait: false)',
  })
  async test(
    @Param('id', FLOW_ID) id: string,
    @Body() body: TestFlowDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RunDto> {
    const { run, finished } = await this.runs.test(id, body);
    if (!finished) reply.status(202);
    return run;
  }
}
