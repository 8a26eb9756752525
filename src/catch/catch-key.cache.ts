import { Injectable } from '@nestjs/common';
import { catchKeyMatches } from '../flows/catch-key.js';
import { FlowsRepository, type CatchTargetRow } from '../flows/flows.repository.js';
import { FlowsService } from '../flows/flows.service.js';
import { liveSecrets, type VerifySecret } from '../flows/verify-secrets.js';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/** What the catch path needs of a flow: its keys, current version and verify secrets. */
export interface CatchTarget {
  version: number;
  /** The current key's hash, then the previous one's until its grace period ends. */
  keys: { hash: Buffer; until: number | null }[];
  verifySecrets: VerifySecret[];
}

/** Does `key` open this target at `now`? (Each comparison is constant-time.) */
export function keyOpens(target: CatchTarget, key: string, now: number): boolean {
  return target.keys.some(
    ({ hash, until }) => (until === null || until > now) && catchKeyMatches(key, hash),
  );
}

/** The verify secrets accepted at `now`, current first. */
export function secretsAt(target: CatchTarget, now: number): string[] {
  return liveSecrets(target.verifySecrets, now).map((s) => s.secret);
}

/**
 * Catch keys, version and verify secrets by flow id, so the catch path does not read the flow
 * on every request. Rotating, updating or deleting a flow clears its entry at once in this
 * process; other processes see it within TTL_MS (a deleted flow is refused by the insert).
 */
@Injectable()
export class CatchKeyCache {
  private readonly entries = new Map<
    string,
    { target: CatchTarget | undefined; expires: number }
  >();

  constructor(
    private readonly flows: FlowsRepository,
    private readonly service: FlowsService,
  ) {
    service.onCatchKeyChange((flowId) => this.entries.delete(flowId));
  }

  private targetFrom(flowId: string, row: CatchTargetRow): CatchTarget {
    const keys: CatchTarget['keys'] = [{ hash: row.catch_key_hash, until: null }];
    if (row.previous_catch_key_hash && row.previous_catch_key_expires_at) {
      keys.push({
        hash: row.previous_catch_key_hash,
        until: row.previous_catch_key_expires_at.getTime(),
      });
    }
    return {
      version: row.current_version,
      keys,
      verifySecrets: this.service.openSecrets(flowId, row.verify_secrets_sealed),
    };
  }

  async targetOf(flowId: string): Promise<CatchTarget | undefined> {
    const now = Date.now();
    const cached = this.entries.get(flowId);
    if (cached && cached.expires > now) return cached.target;
    const row = await this.flows.catchTarget(flowId);
    const target = row && this.targetFrom(flowId, row);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(flowId, { target, expires: now + TTL_MS });
    return target;
  }
}
