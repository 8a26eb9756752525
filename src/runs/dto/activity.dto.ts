import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { RUN_STATUSES, type RunStatus } from '../run.entity.js';

export class ActivityQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Count runs created since this time (default: 24 hours ago)',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'since must be a date-time, e.g. 2026-12-03T08:00:00Z' })
  since?: string;
}

class LastRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RUN_STATUSES }) status: RunStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class FlowActivityDto {
  @ApiProperty({ format: 'uuid' }) flowId: string;
  @ApiProperty({ type: LastRunDto, nullable: true }) lastRun: LastRunDto | null;
  @ApiProperty({ description: 'Runs created since `since`' }) runs: number;
  @ApiProperty({ description: 'Of those, the ones that failed' }) failed: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'failed / finished (succeeded + failed); null when none finished',
  })
  failureRate: number | null;
}

export class ActivityDto {
  @ApiProperty({ format: 'date-time' }) since: string;
  @ApiProperty({ type: [FlowActivityDto], description: 'Every flow that is not deleted' })
  items: FlowActivityDto[];
}
