import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/public.decorator.js';
import { Metrics } from './metrics.service.js';

/** GET /metrics (Prometheus text format), unauthenticated like /health. */
@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

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
    await this.metrics.readGauges().catch(() => undefined); // a database outage still serves process metrics
    return this.metrics.registry.metrics();
  }
}
