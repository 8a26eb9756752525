import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class TableStorageDto {
  @ApiProperty({ enum: ['inbound_requests', 'runs', 'run_steps'] }) table: string;
  @ApiProperty({ description: 'On disk: rows, indexes and TOAST (pg_total_relation_size)' })
  bytes: number;
  @ApiProperty({ description: "Rows, the planner's estimate (as of the last VACUUM or ANALYZE)" })
  rows: number;
}

export class RetentionInEffectDto {
  @ApiProperty({ description: 'Requests, runs and steps older than this are pruned' })
  days: number;
  @ApiProperty({ description: 'Failed runs (with their requests and steps) are kept this long' })
  keepFailedDays: number;
  @ApiProperty({
    enum: ['flow', 'global'],
    description: "flow: the flow's retention field; global: FLOWHUB_RETENTION_DAYS",
  })
  source: 'flow' | 'global';
  @ApiProperty({ description: 'How often the pruning job runs (FLOWHUB_PRUNE_INTERVAL_MS)' })
  pruneIntervalMs: number;
}

/** Storage used and the oldest kept record (docs/operations.md#retention). */
export class StorageDto {
  @ApiPropertyOptional({
    type: [TableStorageDto],
    description: 'Every flow only: the tables retention prunes (they hold every flow)',
  })
  tables?: TableStorageDto[];
  @ApiPropertyOptional({ description: 'Every flow only: the sum of tables[].bytes' })
  totalBytes?: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  oldestRequestAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  oldestRunAt: string | null;
  @ApiProperty({ type: RetentionInEffectDto }) retention: RetentionInEffectDto;
}

export class PruneReportDto {
  @ApiProperty({ description: 'false: another process was pruning; nothing was done' })
  pruned: boolean;
  @ApiProperty() runs: number;
  @ApiProperty() steps: number;
  @ApiProperty() requests: number;
  @ApiProperty() batches: number;
  @ApiProperty({ description: 'A plain VACUUM ran after the deletes, so the space is reused' })
  vacuumed: boolean;
  @ApiProperty() ms: number;
}
