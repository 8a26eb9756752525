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
import { PageQueryDto } from '../../common/page-query.dto.js';
import { GraceSeconds } from '../../common/grace-seconds.decorator.js';

const eventsMessage = {
  each: true,
  message: `events: each must be one of ${EVENT_NAMES.join(', ')} (GET /api/v1/webhooks/events/available)`,
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
    default: false,
    description: 'Add the triggering request body to run events',
  })
  @IsOptional()
  @IsBoolean()
  includeRequestBody?: boolean;

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

export class ListWebhooksQueryDto {
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'is_active must be true or false' })
  is_active?: boolean;
}

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
