import { Injectable } from '@nestjs/common';
import { FlowsRepository } from '../flows/flows.repository.js';
import { FlowsService } from '../flows/flows.service.js';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * Catch key hashes by flow id, so the catch path does not read the flow on every request.
 * Rotating or deleting a flow clears its entry at once in this process; other processes
 * see the change within TTL_MS (a deleted flow is refused by the insert itself).
 */
@Injectable()
export class CatchKeyCache {
  private readonly entries = new Map<string, { hash: Buffer | undefined; expires: number }>();

  constructor(
    private readonly flows: FlowsRepository,
    service: FlowsService,
  ) {
    service.onCatchKeyChange((flowId) => this.entries.delete(flowId));
  }

  async hashOf(flowId: string): Promise<Buffer | undefined> {
    const now = Date.now();
    const cached = this.entries.get(flowId);
    if (cached && cached.expires > now) return cached.hash;
    const hash = await this.flows.catchKeyHash(flowId);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(flowId, { hash, expires: now + TTL_MS });
    return hash;
  }
}
