import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageDto } from '../../common/page-dto.js';
import { SIGNATURE_FORMATS } from '../webhook-signing.js';

const headers = { type: 'object', additionalProperties: { type: 'string' } } as const;

export class WebhookDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: [String] }) events: string[];
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty() isActive: boolean;
  @ApiProperty({ type: [Number] }) retrySchedule: number[];
  @ApiProperty() includeRequestBody: boolean;
  @ApiProperty({ enum: SIGNATURE_FORMATS }) signatureFormat: string;
  @ApiProperty() consecutiveFailures: number;
  @ApiProperty({ type: String, nullable: true }) disabledReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disabledAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  previousSecretExpiresAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class WebhookWithSecretDto extends WebhookDto {
  @ApiProperty({ description: 'whsec_...: shown this once' }) secret: string;
}

export const WebhookPageDto = PageDto(WebhookDto, 'WebhookPageDto');

export class WebhookEventDto {
  @ApiProperty({ example: 'run.failed' }) name: string;
  @ApiProperty() description: string;
}

export class WebhookAttemptDto {
  @ApiProperty() attempt: number;
  @ApiProperty({ enum: ['automatic', 'manual'] }) trigger: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty() durationMs: number;
  @ApiProperty(headers) requestHeaders: Record<string, string>;
  @ApiProperty({ description: 'HTTP status; 0 when no answer came (see errorClass)' })
  status: number;
  @ApiProperty({ type: String, nullable: true, example: 'timeout' }) errorClass: string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ ...headers, nullable: true }) responseHeaders: Record<string, string> | null;
  @ApiProperty({ type: String, nullable: true }) responseBody: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt: string | null;
}

export class SentAttemptDto extends WebhookAttemptDto {
  @ApiProperty({ format: 'uuid' }) deliveryId: string;
}

export class TestPingDto extends SentAttemptDto {
  @ApiProperty({ description: 'Always false: a test ping is sent once and never retried' })
  retried: boolean;
  @ApiProperty() note: string;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() event: string;
  @ApiProperty({ description: 'webhook-id, the same on every attempt' }) messageId: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] }) status: string;
  @ApiProperty({ type: [WebhookAttemptDto] }) attempts: WebhookAttemptDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ description: 'The exact JSON text sent' }) payload: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) finishedAt:
    string | null;
}

export const WebhookDeliveryPageDto = PageDto(WebhookDeliveryDto, 'WebhookDeliveryPageDto');
export const WebhookEventPageDto = PageDto(WebhookEventDto, 'WebhookEventPageDto');
