import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
} from 'class-validator';
import { RUN_STATUSES, type RunStatus } from '../run.entity.js';
import { SKIP_REASONS, type SkipReason } from '../run-step.entity.js';
import { PageQueryDto } from '../../common/page-query.dto.js';
import { MATCH_MESSAGE, parsePayloadMatch } from '../payload-match.js';

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
  @ApiPropertyOptional({
    enum: SKIP_REASONS,
    nullable: true,
    description:
      'skipped: why (when: its when was false; dry-run: side effects not called; run-failed, run-cancelled, run-filtered: the run ended first)',
  })
  reason: SkipReason | null;
  @ApiProperty({
    type: [String],
    description: 'What to know when reading this record',
    example: ["steps.deal is empty: step 'deal' was skipped in dry-run"],
  })
  warnings: string[];
  @ApiProperty({
    description: "The output is the action's declared sample (dry-run), not a real result",
  })
  sampleOutput: boolean;
  @ApiProperty({
    description: 'Sent to the action; a retry or fromStep replay keeps the replayed run key',
  })
  idempotencyKey: string;
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

export const REPLAY_MODES = ['retry', 'from-step', 'fresh'] as const;
export type ReplayMode = (typeof REPLAY_MODES)[number];

export class RunReplayDto {
  @ApiProperty({ format: 'uuid', description: 'The run this one replays' }) of: string;
  @ApiProperty({
    enum: REPLAY_MODES,
    description:
      'retry: from the first failed or unfinished step; from-step: from fromStep; fresh: every step with new keys (may repeat side effects)',
  })
  mode: ReplayMode;
  @ApiPropertyOptional({ type: String, nullable: true }) fromStep: string | null;
  @ApiProperty({
    type: [String],
    description: 'Steps whose recorded outcome was copied, never run again',
  })
  reusedSteps: string[];
  @ApiProperty({ enum: ['pinned', 'latest'] }) version: 'pinned' | 'latest';
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The run whose idempotency keys the steps use (null: fresh keys)',
  })
  keysFrom: string | null;
}

export class RunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) flowId: string;
  @ApiProperty() flowVersion: number;
  @ApiProperty({ description: "The flow's name in the version the run used" })
  flowName: string;
  @ApiProperty({ enum: RUN_STATUSES }) status: RunStatus;
  @ApiProperty({ enum: ['live', 'dry-run'] }) mode: 'live' | 'dry-run';
  @ApiPropertyOptional({ type: String, nullable: true }) replayOf: string | null;
  @ApiPropertyOptional({ type: RunReplayDto, nullable: true }) replay: RunReplayDto | null;
  @ApiPropertyOptional({ type: String, nullable: true }) error: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The step whose failure ended the run',
  })
  failedStep: string | null;
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

  @ApiPropertyOptional({
    description:
      'With match: true when this page searched only the next FLOWHUB_SEARCH_SCAN_LIMIT runs that the other filters select; nextCursor goes on searching older ones',
  })
  partial?: boolean;
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

  @ApiPropertyOptional({ format: 'date-time', description: 'Runs created at or after this time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'since must be a date-time, e.g. 2026-12-03T08:00:00Z' })
  since?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Runs created before this time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'until must be a date-time, e.g. 2026-12-03T09:00:00Z' })
  until?: string;

  @ApiPropertyOptional({
    example: 'HTTP_422',
    description: "Runs with a step that failed with this error code (a step's errorCode)",
  })
  @IsOptional()
  @Matches(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, {
    message: 'errorCode must be an error code as steps report it, e.g. HTTP_422 or TIMEOUT',
  })
  errorCode?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Runs with a step that failed as this issue (GET /issues)',
  })
  @IsOptional()
  @IsUUID(undefined, { message: 'issueId must be an issue id (a UUID, from GET /issues)' })
  issueId?: string;

  @ApiPropertyOptional({
    example: 'customer.email=client@test.com',
    description:
      "Runs whose caught request body has this value at this path (dot-separated keys; an array index is a number). Compared as text: amount=42 matches 42. Reads at most FLOWHUB_SEARCH_SCAN_LIMIT runs' bodies per page (see partial)",
  })
  @IsOptional()
  @ValidateBy(
    {
      name: 'isPayloadMatch',
      validator: { validate: (v) => typeof v === 'string' && !!parsePayloadMatch(v) },
    },
    { message: MATCH_MESSAGE },
  )
  match?: string;
}

export class ReplayRunDto {
  @ApiPropertyOptional({
    description:
      'Re-run from this step (and after) with the same idempotency keys, reusing the recorded outcome of every earlier step',
  })
  @IsOptional()
  @IsString()
  fromStep?: string;

  @ApiPropertyOptional({
    enum: REPLAY_MODES,
    default: 'retry',
    description:
      'retry (default): keep what succeeded, run again from the first failed or unfinished step with the same keys; from-step: needs fromStep; fresh: a new run of every step with new keys (may repeat side effects)',
  })
  @IsOptional()
  @IsIn(REPLAY_MODES, {
    message: `mode must be one of ${REPLAY_MODES.join(', ')} (or leave it out: retry)`,
  })
  mode?: ReplayMode;

  @ApiPropertyOptional({
    enum: ['pinned', 'latest'],
    default: 'pinned',
    description: "pinned: the replayed run's flow version; latest: the flow's current version",
  })
  @IsOptional()
  @IsIn(['pinned', 'latest'], { message: 'version must be pinned or latest' })
  version?: 'pinned' | 'latest';
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

  @ApiPropertyOptional({
    default: true,
    description:
      'true: answer when the run has finished (200), or after 30 s (202); false: answer 202 with the queued run at once, to follow with GET /runs/:id',
  })
  @IsOptional()
  @IsBoolean({ message: 'wait must be true or false' })
  wait?: boolean;
}
