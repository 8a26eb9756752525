import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { StatsService } from './stats.service.js';

export const ROLLUP_INTERVAL_MS = 10_000;

/**
 * Every ROLLUP_INTERVAL_MS, in every process, a rollup pass; the advisory lock lets one of
 * them do it, the others skip. GET /stats counts what the last pass left, so this only
 * keeps that tail short.
 */
@Injectable()
export class StatsRollupJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Stats');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(private readonly stats: StatsService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.stats
        .rollup()
        .catch((error: Error) => this.logger.warn(`stats rollup failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, ROLLUP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
