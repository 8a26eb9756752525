import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import type { DedupeDefinition } from '../../engine/verify-presets.js';
import type { RetentionDefinition } from '../../engine/flow-definition.js';
import { SCHEDULE_CATCH_UP, SCHEDULE_OVERLAP } from '../../engine/schedule.js';
import { RespondDto } from './respond.dto.js';
import { VerifyDto } from './verify.dto.js';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const HANDSHAKES = ['slack', 'echo-challenge'] as const;
export const TRIGGER_TYPES = ['webhook', 'schedule'] as const;

export class RetryPolicyDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 25, example: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(25)
  attempts?: number;

  @ApiPropertyOptional({ enum: ['fixed', 'exponential'] })
  @IsOptional()
  @IsIn(['fixed', 'exponential'])
  backoff?: 'fixed' | 'exponential';

  @ApiPropertyOptional({ minimum: 0, maximum: 86_400_000, example: 1000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  delayMs?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 604_800_000, example: 3_600_000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(604_800_000)
  maxDelayMs?: number;
}

export class RateLimitDto {
  @ApiProperty({ minimum: 0.01, maximum: 100_000, example: 50 })
  @IsNumber()
  @Min(0.01)
  @Max(100_000)
  perSecond: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1_000_000, description: 'Default: twice perSecond' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  burst?: number;
}

export class TriggerDto {
  @ApiProperty({
    enum: TRIGGER_TYPES,
    description: 'webhook: the catch URL starts the flow; schedule: cron or every does',
  })
  @IsIn(TRIGGER_TYPES, { message: `trigger.type must be one of: ${TRIGGER_TYPES.join(', ')}` })
  type: (typeof TRIGGER_TYPES)[number];

  @ApiPropertyOptional({
    example: '*/5 * * * *',
    description: 'schedule: 5 fields (minute first) or 6 (seconds first), in timezone',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cron?: string;

  @ApiPropertyOptional({ example: 'Europe/Paris', description: 'schedule: IANA zone of cron' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  timezone?: string;

  @ApiPropertyOptional({ example: '15m', description: 'schedule: an interval (s, m, h, d)' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  every?: string;

  @ApiPropertyOptional({
    enum: SCHEDULE_OVERLAP,
    description: 'schedule: while a run is unfinished, skip the tick (default) or queue one',
  })
  @IsOptional()
  overlap?: (typeof SCHEDULE_OVERLAP)[number];

  @ApiPropertyOptional({
    enum: SCHEDULE_CATCH_UP,
    description: 'schedule: after downtime, none (default) or one run for the latest tick',
  })
  @IsOptional()
  catchUp?: (typeof SCHEDULE_CATCH_UP)[number];

  @ApiPropertyOptional({
    type: VerifyDto,
    description: 'Check signatures or tokens at the catch URL',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => VerifyDto)
  verify?: VerifyDto;

  @ApiPropertyOptional({
    oneOf: [
      { type: 'string', description: 'JSONata over $trigger' },
      { type: 'object', properties: { header: { type: 'string' } }, required: ['header'] },
      { type: 'boolean', enum: [false] },
    ],
    example: "$trigger.headers.'x-shopify-webhook-id'",
    description:
      "What identifies a delivery: a repeat gets 200 and the original run. Default: the verify preset's delivery id; false turns it off",
  })
  @IsOptional()
  dedupe?: DedupeDefinition;

  @ApiPropertyOptional({
    description: 'JSONata, boolean: false ends the run as filtered',
    example: 'total_price > 0',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  filter?: string;

  @ApiPropertyOptional({
    enum: HANDSHAKES,
    description:
      "Answer the sender's URL check before storing: slack url_verification, or echo a body field challenge",
  })
  @IsOptional()
  @IsIn(HANDSHAKES, { message: `trigger.handshake must be one of: ${HANDSHAKES.join(', ')}` })
  handshake?: (typeof HANDSHAKES)[number];

  @ApiPropertyOptional({
    type: [String],
    example: ['203.0.113.0/24', '2001:db8::/32'],
    description: 'Client IPs or CIDR ranges allowed to post',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  allowIps?: string[];

  @ApiPropertyOptional({
    minimum: 1,
    description: 'Largest body accepted, in bytes (default and ceiling: FLOWHUB_CATCH_BODY_LIMIT)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  maxBodyBytes?: number;

  @ApiPropertyOptional({ type: RespondDto, description: 'Answer with the run (mode sync)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RespondDto)
  respond?: RespondDto;

  @ApiPropertyOptional({ type: RateLimitDto, description: 'Default: 50 per second, bursts of 100' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RateLimitDto)
  rateLimit?: RateLimitDto;
}

export class StepDto {
  @ApiProperty({ example: 'deal' })
  @IsString()
  @IsNotEmpty()
  id: string;

  @ApiProperty({ example: 'http.request', description: '<plugin>.<action>' })
  @IsString()
  @IsNotEmpty()
  action: string;

  @ApiPropertyOptional({ description: 'A stored connection (id or name)' })
  @IsOptional()
  @IsString()
  connection?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Static input' })
  @IsOptional()
  @IsObject()
  input?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'JSONata returning an object, deep-merged over input' })
  @IsOptional()
  @IsString()
  @MaxLength(50_000)
  map?: string;

  @ApiPropertyOptional({ description: 'JSONata, boolean: false skips the step' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  when?: string;

  @ApiPropertyOptional({ description: 'JSONata, array: the action runs once per item' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  forEach?: string;

  @ApiPropertyOptional({ type: RetryPolicyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RetryPolicyDto)
  retry?: RetryPolicyDto;

  @ApiPropertyOptional({ enum: ['fail', 'continue'], default: 'fail' })
  @IsOptional()
  @IsIn(['fail', 'continue'])
  onError?: 'fail' | 'continue';

  @ApiPropertyOptional({ minimum: 100, maximum: 600_000, default: 30_000 })
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(600_000)
  timeoutMs?: number;
}

/** The flow JSON of product.md (shape only; the engine checks the rest). */
export class FlowDefinitionDto {
  @ApiProperty({ example: 'Shopify order -> ERP' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ enum: ['live', 'dry-run'], default: 'live' })
  @IsOptional()
  @IsIn(['live', 'dry-run'])
  mode?: 'live' | 'dry-run';

  @ApiProperty({ type: TriggerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TriggerDto)
  trigger: TriggerDto;

  @ApiProperty({ type: [StepDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => StepDto)
  steps: StepDto[];

  @ApiPropertyOptional({
    type: 'object',
    properties: {
      days: { type: 'integer', minimum: 1, maximum: 3650 },
      keepFailedDays: { type: 'integer', minimum: 1, maximum: 3650 },
    },
    example: { days: 7, keepFailedDays: 30 },
    description:
      'How long requests, runs and steps are kept (default FLOWHUB_RETENTION_DAYS); failed runs keepFailedDays, at least days',
  })
  @IsOptional()
  @IsObject()
  retention?: RetentionDefinition;
}
