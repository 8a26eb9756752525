import { ApiProperty } from '@nestjs/swagger';

export class CaughtDto {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ enum: ['queued', 'held'], description: 'held while the flow is paused' })
  status: string;
  @ApiProperty({ example: '/api/v1/runs/0b7c…' }) statusUrl: string;
}
