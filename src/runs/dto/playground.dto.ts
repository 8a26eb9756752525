import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageDto } from '../../common/page-dto.js';

export class EvaluateDto {
  @ApiProperty({
    example: '{ "Deal_Name": $trigger.body.order.name }',
    description: 'A JSONata expression, as a step map, when or forEach would hold it',
  })
  @IsString()
  @IsNotEmpty({ message: 'expression must be a JSONata expression' })
  @MaxLength(20_000)
  expression: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A past request of this flow (GET /flows/:id/requests) to evaluate against',
  })
  @IsOptional()
  @IsUUID(undefined, { message: 'requestId must be the id of a past request of this flow' })
  requestId?: string;

  @ApiPropertyOptional({ description: 'A body to evaluate against instead of a past request' })
  @IsOptional()
  payload?: unknown;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "Earlier steps' outputs by step id ($steps)",
  })
  @IsOptional()
  @IsObject({ message: 'steps must map step ids to their outputs' })
  steps?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'forEach: the current item ($item; $index is 0)' })
  @IsOptional()
  item?: unknown;
}

export class EvaluationDto {
  @ApiProperty({ description: 'Whether the expression produced a value' })
  matched: boolean;

  @ApiPropertyOptional({ description: 'The value (null when nothing matched or it failed)' })
  result: unknown;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Why evaluation failed: syntax, a guardrail (time, depth, size) or $error',
  })
  error: string | null;
}

export class StoredRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty() method: string;
  @ApiProperty({ nullable: true, type: String }) contentType: string | null;
  @ApiProperty({ description: 'Bytes received' }) size: number;
  @ApiProperty({ nullable: true, type: String }) sourceIp: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  headers: Record<string, string>;
  @ApiProperty({ type: 'object', additionalProperties: true }) query: Record<string, unknown>;
  @ApiProperty({ description: 'As $trigger.body sees it' }) body: unknown;
}

export const StoredRequestPageDto = PageDto(StoredRequestDto, 'StoredRequestPageDto');
