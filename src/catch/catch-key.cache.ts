import { Injectable } from '@nestjs/common';
import { FlowsRepository } from '../flows/flows.repository.js';
import { FlowsService } from '../flows/flows.service.js';

const TTL_MS = 5_000;

export interface CatchTarget {
  hash: Buffer;
  version: number;
}
const MAX_ENTRIES = 10_000;

/**
 * Catch key hash and current version by flow id, so the catch path does not read the flow
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
    service: FlowsService,
  ) {
    service.onCatchKeyChange((flowId) => this.entries.delete(flowId));
  }

  async targetOf(flowId: string): Promise<CatchTarget | undefined> {
    const now = Date.now();
    const cached = this.entries.get(flowId);
    if (cached && cached.expires > now) return cached.target;
    const target = await this.flows.catchTarget(flowId);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(flowId, { target, expires: now + TTL_MS });
    return target;
  }
}
