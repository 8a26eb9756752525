import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  ValidateBy,
} from 'class-validator';
import { RUN_STATUSES, type RunStatus } from '../run.entity.js';
import { PageQueryDto } from '../../common/page-query.dto.js';

export class StepAttemptDto {
  @ApiProperty() attempt: number;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time' }) finishedAt: string;
  @ApiProperty({ enum: ['succeeded', 'failed', 'retrying', 'sleeping', 'lost'] }) outcome: string;
  @ApiPropertyOptional() error?: string;
}

export class RunStepDto {
  @ApiProperty() id: string;
  @ApiProperty() action: string;
  @ApiProperty({ enum: ['pending', 'running', 'succeeded', 'failed', 'skipped'] }) status: string;
  @ApiProperty({ description: 'Attempts started so far' }) attempts: number;
  @ApiPropertyOptional({ description: 'Resolved input (mapping applied)' }) input: unknown;
  @ApiPropertyOptional() output: unknown;
  @ApiPropertyOptional({ type: String, nullable: true }) error: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'http_400' }) errorCode:
    string | null;
  @ApiProperty() idempotencyKey: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) startedAt:
    string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) finishedAt:
    string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) nextAttemptAt:
    string | null;
  @ApiProperty({ type: [StepAttemptDto] }) history: StepAttemptDto[];
}

export class RunTriggerDto {
  @ApiProperty() method: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) headers: Record<
    string,
    string
  >;
  @ApiProperty({ type: 'object', additionalProperties: true }) query: Record<string, unknown>;
  @ApiPropertyOptional() body: unknown;
  @ApiPropertyOptional({ type: String, nullable: true }) contentType: string | null;
  @ApiProperty() size: number;
  @ApiPropertyOptional({ type: String, nullable: true }) sourceIp: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
}

export class RunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) flowId: string;
  @ApiProperty() flowVersion: number;
  @ApiProperty({ enum: RUN_STATUSES }) status: RunStatus;
  @ApiProperty({ enum: ['live', 'dry-run'] }) mode: 'live' | 'dry-run';
  @ApiPropertyOptional({ type: String, nullable: true }) replayOf: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) startedAt:
    string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) finishedAt:
    string | null;
  @ApiPropertyOptional({ type: RunTriggerDto }) trigger?: RunTriggerDto;
  @ApiPropertyOptional({ type: [RunStepDto] }) steps?: RunStepDto[];
}

export class RunPageDto {
  @ApiProperty({ type: [RunDto] }) items: RunDto[];
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Pass as ?cursor= for the next page',
  })
  nextCursor: string | null;
}

export class ListRunsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  flowId?: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @IsIn(RUN_STATUSES)
  status?: RunStatus;
}

export class ReplayRunDto {
  @ApiPropertyOptional({
    description: 'Re-run from this step, reusing the recorded outputs of earlier steps',
  })
  @IsOptional()
  @IsString()
  fromStep?: string;
}

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,200}$/;
const MAX_TEST_HEADERS = 100;

/** `headers` of a test run are what a sender would send: names and string values. */
function isHeaderMap(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length <= MAX_TEST_HEADERS &&
    entries.every(([name, text]) => HEADER_NAME.test(name) && typeof text === 'string')
  );
}

export class TestFlowDto {
  @ApiPropertyOptional({ description: 'The body to run the flow with (as if POSTed as JSON)' })
  @IsOptional()
  payload?: unknown;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsObject()
  @ValidateBy(
    { name: 'isHeaderMap', validator: { validate: isHeaderMap } },
    {
      message: `headers must map at most ${MAX_TEST_HEADERS} header names (letters, digits, -, ...) to string values`,
    },
  )
  headers?: Record<string, string>;

  @ApiPropertyOptional({
    default: false,
    description: 'Do not call actions that have side effects',
  })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
