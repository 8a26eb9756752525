import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { StorageDto } from '../retention/storage.dto.js';
import { STATS_WINDOWS, type StatsWindow } from './stats-windows.js';

export class StatsQueryDto {
  @ApiPropertyOptional({
    enum: STATS_WINDOWS,
    default: '24h',
    description:
      '1h: 60 one-minute buckets; 24h: 24 one-hour buckets; 7d: 28 six-hour buckets; 30d: 30 one-day buckets (UTC), the last one the current, partial bucket',
  })
  @IsOptional()
  @IsIn(STATS_WINDOWS, { message: `window must be one of ${STATS_WINDOWS.join(', ')}` })
  window?: StatsWindow;
}

class RequestCountsDto {
  @ApiProperty({ description: 'accepted + rejected + duplicates' }) received: number;
  @ApiProperty({ description: 'Requests that started a run (catch URL and test panel)' })
  accepted: number;
  @ApiProperty({ description: 'Requests the catch URL refused (none of them ran)' })
  rejected: number;
  @ApiProperty({
    description: 'Deliveries whose dedupe key was seen before (answered with the first run)',
  })
  duplicates: number;
}

class FinishedRunsDto {
  @ApiProperty() succeeded: number;
  @ApiProperty() failed: number;
  @ApiProperty() filtered: number;
  @ApiProperty() cancelled: number;
}

class OpenRunsDto {
  @ApiProperty() queued: number;
  @ApiProperty() running: number;
  @ApiProperty() held: number;
}

class FailedStepsDto {
  @ApiProperty({ example: 'http.request' }) action: string;
  @ApiProperty({ type: String, nullable: true, example: 'HTTP_500' }) errorCode: string | null;
  @ApiProperty() count: number;
}

class DurationDto {
  @ApiProperty({
    description: 'Runs that succeeded or failed in the window, timed start to finish',
  })
  count: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'ms; the true value is at most 12% lower',
  })
  p50: number | null;
  @ApiProperty({ type: Number, nullable: true }) p95: number | null;
  @ApiProperty({ type: Number, nullable: true }) p99: number | null;
}

class SeriesPointDto extends FinishedRunsDto {
  @ApiProperty({ format: 'date-time', description: "The bucket's start" }) at: string;
}

/** GET /api/v1/stats and /flows/:id/stats. */
export class StatsDto {
  @ApiProperty({ enum: STATS_WINDOWS }) window: StatsWindow;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) flowId: string | null;
  @ApiProperty({ format: 'date-time', description: "The first bucket's start" }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ example: 3600 }) bucketSeconds: number;
  @ApiProperty({
    format: 'date-time',
    description: 'Rolled up until then; later records are counted from their own tables',
  })
  rolledUpTo: string;
  @ApiProperty({ type: RequestCountsDto }) requests: RequestCountsDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { 'bad-signature': 3 },
    description: 'Refusals per reason',
  })
  rejectedByReason: Record<string, number>;
  @ApiProperty({ type: FinishedRunsDto, description: 'Runs that finished in the window' })
  runs: FinishedRunsDto;
  @ApiProperty({ type: OpenRunsDto, description: 'Runs not finished, now' }) openRuns: OpenRunsDto;
  @ApiProperty({ type: [FailedStepsDto], description: 'Steps that failed, most first' })
  failedSteps: FailedStepsDto[];
  @ApiProperty({ type: DurationDto }) durationMs: DurationDto;
  @ApiProperty({ type: [SeriesPointDto], description: 'Runs finished per bucket, by status' })
  series: SeriesPointDto[];
  @ApiProperty({
    type: StorageDto,
    description: 'Storage used (every flow: per table) and the oldest kept record, now',
  })
  storage: StorageDto;
}

export class RollupDto {
  @ApiProperty({ description: 'false when another process was rolling up at that moment' })
  rolled: boolean;
  @ApiProperty({ format: 'date-time' }) rolledUpTo: string;
}
