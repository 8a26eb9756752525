import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ScheduleRow } from './schedules.repository.js';

/** A scheduled flow's clock: its schedule and what became of its ticks. */
export class ScheduleDto {
  @ApiProperty({ format: 'uuid' }) flowId: string;
  @ApiProperty({ description: 'The flow version this schedule is from' }) flowVersion: number;
  @ApiPropertyOptional({ example: '*/5 * * * *' }) cron?: string;
  @ApiPropertyOptional({ example: 'Europe/Paris' }) timezone?: string;
  @ApiPropertyOptional({ example: '15m' }) every?: string;
  @ApiProperty({ enum: ['skip', 'queue'] }) overlap: 'skip' | 'queue';
  @ApiProperty({ enum: ['none', 'last'] }) catchUp: 'none' | 'last';
  @ApiProperty({ description: 'false while the flow is paused: no ticks run' }) active: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the next tick is due (null while paused)',
  })
  nextDueAt: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'overlap queue: the tick waiting for the unfinished run',
  })
  queuedTickAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastTickAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) lastRunId: string | null;

  @ApiProperty({ description: 'Ticks passed over after downtime (catchUp none)' })
  missedTicks: number;

  @ApiProperty({ description: 'Ticks skipped or replaced while a run was unfinished' })
  skippedTicks: number;

  static from(row: ScheduleRow): ScheduleDto {
    const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);
    const { cron, timezone, every, overlap, catchUp } = row.schedule;
    return {
      flowId: row.flow_id,
      flowVersion: row.flow_version,
      ...(cron !== undefined ? { cron, timezone: timezone ?? 'UTC' } : { every }),
      overlap: overlap ?? 'skip',
      catchUp: catchUp ?? 'none',
      active: row.active,
      nextDueAt: row.active ? iso(row.next_due_at) : null,
      queuedTickAt: iso(row.queued_tick_at),
      lastTickAt: iso(row.last_tick_at),
      lastRunId: row.last_run_id,
      missedTicks: row.missed_ticks,
      skippedTicks: row.skipped_ticks,
    };
  }
}
