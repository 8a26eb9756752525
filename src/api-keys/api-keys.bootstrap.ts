import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { ApiKeysService } from './api-keys.service.js';

/** Prints a freshly minted admin key once, outside the JSON log stream. */
export function printBootstrapKey(
  key: string,
  write = (text: string) => process.stdout.write(text),
) {
  write(
    [
      '',
      '=====================================================================',
      ' Flowhub created an admin API key. It is shown only this once:',
      '',
      `   ${key}`,
      '',
      ' Use it as:  Authorization: Bearer <key>',
      ' Lost it? Set FLOWHUB_ADMIN_KEY and restart, then revoke this one.',
      '=====================================================================',
      '',
      '',
    ].join('\n'),
  );
}

/**
 * Makes sure an admin key exists. A key it creates is printed once, never logged: as a block
 * on stdout at once with JSON logs, or (LOG_FORMAT resolved to `pretty`) handed once to the
 * banner main.ts prints when Flowhub is ready (takeCreatedKey).
 */
@Injectable()
export class ApiKeysBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('ApiKeys');
  private createdKey?: string;

  constructor(
    private readonly apiKeys: ApiKeysService,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /** The admin key created at this boot for the banner (once: later calls get undefined). */
  takeCreatedKey(): string | undefined {
    const key = this.createdKey;
    this.createdKey = undefined;
    return key;
  }

  async onApplicationBootstrap(): Promise<void> {
    const outcome = await this.apiKeys.bootstrap(this.runtime.config.adminKey);
    if (outcome.kind === 'generated' && this.runtime.config.logFormat === 'pretty') {
      this.createdKey = outcome.key;
      this.logger.warn('Created the first admin API key (shown once, in the banner below)');
    } else if (outcome.kind === 'generated') {
      printBootstrapKey(outcome.key);
      this.logger.warn('Created the first admin API key (printed above, shown once)');
    } else if (outcome.kind === 'env-key-revoked') {
      this.logger.warn(
        'FLOWHUB_ADMIN_KEY was revoked through the API and stays revoked; remove it from the environment',
      );
    }
  }
}
