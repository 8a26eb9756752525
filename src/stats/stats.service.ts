import { Injectable } from '@nestjs/common';
import { FlowsService } from '../flows/flows.service.js';
import { StorageReport } from '../retention/storage.service.js';
import { Metrics } from '../metrics/metrics.service.js';
import { DuplicateCounter } from './duplicate-counter.service.js';
import type { StatsDto } from './stats.dto.js';
import { StatsRepository } from './stats.repository.js';
import { summariseWindow } from './stats-summary.js';
import { planWindow, type StatsWindow } from './stats-windows.js';

/** How long a run's creation may take to commit: the rollup stays this far behind now. */
export const ROLLUP_LAG_MS = 5_000;

/** Stats of a window: rollup rows plus what the rollup has not taken yet. */
@Injectable()
export class StatsService {
  constructor(
    private readonly repository: StatsRepository,
    private readonly storage: StorageReport,
    private readonly flows: FlowsService,
    private readonly duplicates: DuplicateCounter,
    private readonly metrics: Metrics,
  ) {}

  async stats(window: StatsWindow, flowId: string | null): Promise<StatsDto> {
    if (flowId) await this.flows.get(flowId);
    await this.duplicates.flush();
    const snapshot = await this.repository.read(
      (now, rolledTo) => planWindow(window, now, rolledTo),
      flowId,
    );
    const plan = planWindow(window, snapshot.now, snapshot.rolledTo);
    const summary = summariseWindow(plan, snapshot.rows);
    const open = (status: string) => snapshot.open[status] ?? 0;
    return {
      window,
      flowId,
      from: plan.from.toISOString(),
      to: snapshot.now.toISOString(),
      bucketSeconds: plan.bucketMs / 1000,
      rolledUpTo: snapshot.rolledTo.toISOString(),
      ...summary,
      openRuns: { queued: open('queued'), running: open('running'), held: open('held') },
      storage: await this.storage.of(flowId),
    };
  }

  /**
   * One rollup pass now (false: another process was running one). The runs it took count in
   * this process's flowhub_runs_finished_total, once across processes.
   */
  async rollup(): Promise<boolean> {
    await this.duplicates.flush();
    const pass = await this.repository.rollup(ROLLUP_LAG_MS);
    for (const row of pass?.finished ?? [])
      this.metrics.flows.runsFinished(row.flow_id, row.status, row.n);
    return pass !== undefined;
  }
}
