import { Injectable, Logger } from '@nestjs/common';
import type { CompiledFlow } from '../engine/compiled-flow.js';
import { textSafe } from '../database/jsonb-safe.js';
import { triggerFrom, type StoredRequest } from '../runs/stored-request.js';

const MAX_KEY_LENGTH = 512;

/**
 * trigger.dedupe evaluated on a delivery (e.g. `$trigger.headers.'x-shopify-webhook-id'`).
 * A key that cannot be computed (missing header, expression error) means no dedupe for that
 * delivery: it is stored and run rather than lost.
 */
@Injectable()
export class DedupeKeys {
  private readonly logger = new Logger('Dedupe');

  async keyOf(flow: Pick<CompiledFlow, 'dedupe'>, request: StoredRequest): Promise<string | null> {
    if (!flow.dedupe) return null;
    const trigger = triggerFrom({
      ...request,
      content_type: request.contentType,
      received_at: request.receivedAt,
    });
    try {
      const value = await flow.dedupe.evaluate(trigger.body, { trigger });
      // As stored (a varchar cannot hold U+0000), so a repeated delivery finds it again.
      if (typeof value === 'string' && value !== '')
        return textSafe(value.slice(0, MAX_KEY_LENGTH));
      if (typeof value === 'number') return String(value);
    } catch (error) {
      this.logger.warn(`${(error as Error).message}; stored without dedupe`);
    }
    return null;
  }
}
