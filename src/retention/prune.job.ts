import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { Pruner } from './pruner.service.js';

/**
 * Every FLOWHUB_PRUNE_INTERVAL_MS, in every process, a pruning pass; the advisory lock lets
 * one of them do it, the others skip.
 */
@Injectable()
export class PruneJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private readonly stopping = new AbortController();

  constructor(
    private readonly pruner: Pruner,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.pruner
        .prune({ signal: this.stopping.signal })
        .catch((error: Error) => this.logger.warn(`pruning failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, this.runtime.config.pruneIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.stopping.abort();
    await this.running;
  }
}
