import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  type HealthCheckResult,
  HealthCheckService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { AppError, ErrorCode } from '../common/app-error.js';
import { Public } from '../common/public.decorator.js';
import { QueueHealthIndicator } from '../queue/queue.health.js';
import { AliveDto, ReadyDto } from './health.dto.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queue: QueueHealthIndicator,
  ) {}

  @Get()
  @ApiOkResponse({ type: AliveDto, description: 'The process is alive' })
  alive() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ type: ReadyDto, description: 'Database and queue are reachable' })
  @ApiServiceUnavailableResponse({ description: 'Database or queue unreachable' })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 3000 }),
        () => this.queue.isReachable('queue'),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const details = Object.entries(result.error ?? {}).map(([path, check]) => ({
        path,
        message: String(check?.message ?? 'down'),
      }));
      const summary = details.map((d) => `${d.path} is down (${d.message})`).join('; ');
      throw new AppError(ErrorCode.Unavailable, `Not ready: ${summary}`, details);
    }
  }
}
