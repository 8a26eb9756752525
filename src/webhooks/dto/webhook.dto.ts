import { route } from '../../common/links.js';
import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { EVENT_NAMES } from '../event-catalogue.js';
import { ListQueryDto, PageQueryDto } from '../../common/page-query.dto.js';
import { SIGNATURE_FORMATS, type SignatureFormat } from '../webhook-signing.js';
import { GraceSeconds } from '../../common/grace-seconds.decorator.js';

const eventsMessage = {
  each: true,
  message: `events: each must be one of ${EVENT_NAMES.join(', ')} (${route('GET', '/webhooks/events/available')})`,
};

/** Fields a subscription may change with PUT (all optional there). */
export class UpdateWebhookDto {
  @ApiPropertyOptional({ example: 'https://ops.example.com/flowhub-events' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ type: [String], example: ['run.failed'], enum: EVENT_NAMES })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'events: subscribe to at least one event' })
  @ArrayMaxSize(EVENT_NAMES.length)
  @IsIn(EVENT_NAMES, eventsMessage)
  events?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({
    default: true,
    description: 'Setting it true again re-enables a disabled subscription',
  })
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;

  @ApiPropertyOptional({ deprecated: true, description: 'Older name of isActive' })
  @IsOptional()
  @IsBoolean()
  is_active?: boolean;

  @ApiPropertyOptional({
    type: [Number],
    example: [60, 300, 1800, 7200],
    description: 'Seconds before each retry after the first attempt (1-20 entries, ±20 % jitter)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsNumber({}, { each: true })
  @Min(0, { each: true })
  @Max(604_800, { each: true })
  retrySchedule?: number[];

  @ApiPropertyOptional({
    type: [Number],
    deprecated: true,
    description: 'Older name of retrySchedule',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsNumber({}, { each: true })
  @Min(0, { each: true })
  @Max(604_800, { each: true })
  retry_schedule?: number[];

  @ApiPropertyOptional({
    default: false,
    description: 'Add the triggering request body to run events',
  })
  @IsOptional()
  @IsBoolean()
  includeRequestBody?: boolean;

  @ApiPropertyOptional({ deprecated: true, description: 'Older name of includeRequestBody' })
  @IsOptional()
  @IsBoolean()
  include_request_body?: boolean;

  @ApiPropertyOptional({
    enum: SIGNATURE_FORMATS,
    default: 'sha256-prefixed',
    description:
      'X-Webhook-Signature: sha256-prefixed sends sha256=<hex>, hex sends the bare <hex> (HMAC-SHA256 of the body keyed with the whole whsec_... text)',
  })
  @IsOptional()
  @IsIn(SIGNATURE_FORMATS, { message: `signatureFormat must be ${SIGNATURE_FORMATS.join(' or ')}` })
  signatureFormat?: SignatureFormat;

  @ApiPropertyOptional({
    enum: SIGNATURE_FORMATS,
    deprecated: true,
    description: 'Older name of signatureFormat',
  })
  @IsOptional()
  @IsIn(SIGNATURE_FORMATS, {
    message: `signature_format must be ${SIGNATURE_FORMATS.join(' or ')}`,
  })
  signature_format?: SignatureFormat;

  /** Refused on PUT with a pointer to rotate-secret (accepted here only to say so). */
  @ApiHideProperty()
  @IsOptional()
  secret?: string;
}

export class CreateWebhookDto extends UpdateWebhookDto {
  @ApiProperty({ example: 'https://ops.example.com/flowhub-events' })
  @IsString()
  @MaxLength(2000)
  declare url: string;

  @ApiProperty({ type: [String], example: ['run.failed'], enum: EVENT_NAMES })
  @IsArray()
  @ArrayMinSize(1, { message: 'events: subscribe to at least one event' })
  @ArrayMaxSize(EVENT_NAMES.length)
  @IsIn(EVENT_NAMES, eventsMessage)
  declare events: string[];

  @ApiPropertyOptional({
    writeOnly: true,
    description: 'whsec_ + base64 of 24-64 bytes; generated when left out (shown once)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  declare secret?: string;
}

export class RotateWebhookSecretDto {
  @ApiPropertyOptional({ writeOnly: true, description: 'The new secret; generated when left out' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  secret?: string;

  @GraceSeconds(86_400, 'Seconds the old secret keeps signing too')
  graceSeconds?: number;
}

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListWebhooksQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'isActive must be true or false' })
  isActive?: boolean;

  @ApiPropertyOptional({ type: Boolean, deprecated: true, description: 'Older name of isActive' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'is_active must be true or false' })
  is_active?: boolean;
}

/** snake_case names of the webhooks contract users come from, read as their camelCase field. */
export const WEBHOOK_ALIASES = {
  isActive: 'is_active',
  retrySchedule: 'retry_schedule',
  includeRequestBody: 'include_request_body',
  signatureFormat: 'signature_format',
} as const;

export class ListDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'succeeded', 'failed'] })
  @IsOptional()
  @IsIn(['pending', 'succeeded', 'failed'], {
    message: 'status must be pending, succeeded or failed',
  })
  status?: 'pending' | 'succeeded' | 'failed';

  @ApiPropertyOptional({ enum: EVENT_NAMES })
  @IsOptional()
  @IsIn(EVENT_NAMES, { message: `event must be one of ${EVENT_NAMES.join(', ')}` })
  event?: string;
}
