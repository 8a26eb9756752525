import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CaughtDto {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({
    description:
      'queued, or held while the flow is paused; for a duplicate, the original run status',
  })
  status: string;
  @ApiProperty({ example: '/api/v1/runs/0b7c…' }) statusUrl: string;
  @ApiPropertyOptional({
    description:
      'true (with HTTP 200) when this delivery was seen before: runId is the original run',
  })
  duplicate?: boolean;
}
