import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CaughtDto {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({
    description:
      'queued, or held while the flow is paused; for a duplicate, the original run status',
  })
  status: string;
  @ApiProperty({
    example: 'https://flowhub.example.com/api/v1/runs/0b7c…',
    description: 'The run in the API; absolute when FLOWHUB_PUBLIC_URL is set, else a path',
  })
  statusUrl: string;
  @ApiPropertyOptional({
    description:
      'true (with HTTP 200) when this delivery was seen before: runId is the original run',
  })
  duplicate?: boolean;
}
