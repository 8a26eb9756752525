import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Public } from '../common/public.decorator.js';
import { Metrics } from './metrics.service.js';

/** GET /metrics (Prometheus text format), unauthenticated like /health. */
@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get()
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text exposition format (version 0.0.4)',
    content: {
      'text/plain': { schema: { type: 'string', example: 'flowhub_runs{status="queued"} 0' } },
    },
  })
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    await this.readGauges().catch(() => undefined); // a database outage still serves process metrics
    return this.metrics.registry.metrics();
  }

  private async readGauges(): Promise<void> {
    const runs: { status: string; n: number }[] = await this.dataSource.query(
      `SELECT status, count(*)::int AS n FROM runs WHERE status IN ('queued', 'held', 'running') GROUP BY status`,
    );
    for (const status of ['queued', 'held', 'running']) {
      this.metrics.runs.set({ status }, runs.find((row) => row.status === status)?.n ?? 0);
    }
    const [pending] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`,
    );
    this.metrics.pendingDeliveries.set((pending as { n: number }).n);
  }
}
