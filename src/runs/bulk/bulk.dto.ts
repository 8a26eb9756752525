import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { MATCH_MESSAGE, parsePayloadMatch } from '../payload-match.js';
import { REPLAY_MODES, type ReplayMode } from '../dto/run.dto.js';
import { RUN_STATUSES, type RunStatus } from '../run.entity.js';
import {
  BULK_ACTIONS,
  BULK_JOB_STATUSES,
  type BulkAction,
  type BulkJobStatus,
} from './bulk-job.entity.js';

/** The runs a bulk action reaches: the filters of GET /runs (from/to for since/until). */
export class BulkFilterDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID(undefined, { message: 'filter.flowId must be a flow id (a UUID)' })
  flowId?: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @IsIn(RUN_STATUSES, { message: `filter.status must be one of ${RUN_STATUSES.join(', ')}` })
  status?: RunStatus;

  @ApiPropertyOptional({ example: 'HTTP_422', description: 'A step failed with this error code' })
  @IsOptional()
  @Matches(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, {
    message: 'filter.errorCode must be an error code as steps report it, e.g. HTTP_422 or TIMEOUT',
  })
  errorCode?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Runs created at or after this time' })
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: 'filter.from must be a date-time, e.g. 2026-12-03T08:00:00Z' },
  )
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Runs created before this time' })
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: 'filter.to must be a date-time, e.g. 2026-12-03T09:00:00Z' },
  )
  to?: string;

  @ApiPropertyOptional({
    example: 'customer.email=client@test.com',
    description: 'The caught request body has this value at this path (as GET /runs?match=)',
  })
  @IsOptional()
  @ValidateBy(
    {
      name: 'isPayloadMatch',
      validator: { validate: (v) => typeof v === 'string' && !!parsePayloadMatch(v) },
    },
    { message: `filter.match: ${MATCH_MESSAGE}` },
  )
  match?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A step of the run failed as this issue (GET /issues)',
  })
  @IsOptional()
  @IsUUID(undefined, { message: 'filter.issueId must be an issue id (a UUID, from GET /issues)' })
  issueId?: string;
}

export class BulkRequestDto {
  @ApiProperty({ enum: BULK_ACTIONS })
  @IsIn(BULK_ACTIONS, { message: 'action must be replay or cancel' })
  action: BulkAction;

  @ApiProperty({ type: BulkFilterDto, description: '{} reaches every run the action may act on' })
  @IsObject({ message: 'filter must be an object, e.g. {"flowId": "...", "status": "failed"}' })
  @ValidateNested()
  @Type(() => BulkFilterDto)
  filter: BulkFilterDto;

  @ApiPropertyOptional({ description: 'true: only count the runs it would reach' })
  @IsOptional()
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  @ApiPropertyOptional({ enum: REPLAY_MODES, description: 'A replay: as POST /runs/:id/replay' })
  @IsOptional()
  @IsIn(REPLAY_MODES, {
    message: `mode must be one of ${REPLAY_MODES.join(', ')} (or leave it out: retry)`,
  })
  mode?: ReplayMode;

  @ApiPropertyOptional({ description: 'A replay: run again from this step' })
  @IsOptional()
  @IsString({ message: 'fromStep must be a step id' })
  fromStep?: string;

  @ApiPropertyOptional({ enum: ['pinned', 'latest'], default: 'pinned' })
  @IsOptional()
  @IsIn(['pinned', 'latest'], { message: 'version must be pinned or latest' })
  version?: 'pinned' | 'latest';
}

export class BulkCountDto {
  @ApiProperty({ enum: BULK_ACTIONS }) action: BulkAction;
  @ApiProperty({ description: 'Runs the action would reach now' }) count: number;
  @ApiProperty({ description: 'Most runs one job may reach (FLOWHUB_BULK_MAX_RUNS)' })
  maxRuns: number;
  @ApiProperty({ description: 'More than maxRuns match (count is then maxRuns + 1)' })
  tooMany: boolean;
}

export class BulkFailureDto {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty() error: string;
}

export class BulkReplayDto {
  @ApiPropertyOptional({ enum: REPLAY_MODES }) mode?: ReplayMode;
  @ApiPropertyOptional() fromStep?: string;
  @ApiPropertyOptional({ enum: ['pinned', 'latest'] }) version?: 'pinned' | 'latest';
}

export class BulkJobDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: BULK_ACTIONS }) action: BulkAction;
  @ApiProperty({ type: BulkFilterDto }) filter: BulkFilterDto;
  @ApiPropertyOptional({ type: BulkReplayDto, description: "A replay's mode, fromStep, version" })
  replay?: BulkReplayDto;
  @ApiProperty({ enum: BULK_JOB_STATUSES }) status: BulkJobStatus;
  @ApiProperty({ description: 'Runs that matched when the job was created' }) total: number;
  @ApiProperty({ description: 'Runs replayed (or cancelled)' }) done: number;
  @ApiProperty({ description: 'Runs the action refused (see failures)' }) failed: number;
  @ApiProperty({ description: 'Runs that no longer qualified when reached' }) skipped: number;
  @ApiProperty({ description: 'A cancel was asked for: the job stops after its batch' })
  cancelRequested: boolean;
  @ApiPropertyOptional({ description: 'Why the job failed' }) error?: string;
  @ApiProperty({ type: [BulkFailureDto], description: 'Up to 10 runs that failed, and why' })
  failures: BulkFailureDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
}
