import { Inject, Injectable } from '@nestjs/common';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { retentionInEffect } from './retention-policy.js';
import { RetentionRepository } from './retention.repository.js';
import type { StorageDto } from './storage.dto.js';

/** Storage used and the oldest kept record, for GET /stats and GET /flows/:id/stats. */
@Injectable()
export class StorageReport {
  constructor(
    private readonly repository: RetentionRepository,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async of(flowId: string | null): Promise<StorageDto> {
    const { retentionDays, pruneIntervalMs } = this.runtime.config;
    const own = flowId ? await this.repository.flowRetention(flowId) : undefined;
    const oldest = await this.repository.oldestKept(flowId);
    const storage: StorageDto = {
      oldestRequestAt: oldest.requestAt?.toISOString() ?? null,
      oldestRunAt: oldest.runAt?.toISOString() ?? null,
      retention: { ...retentionInEffect(own, retentionDays), pruneIntervalMs },
    };
    if (flowId) return storage;
    const tables = await this.repository.tableSizes();
    return {
      tables: tables.map(({ name, bytes, rows }) => ({ table: name, bytes, rows })),
      totalBytes: tables.reduce((sum, t) => sum + t.bytes, 0),
      ...storage,
    };
  }
}
