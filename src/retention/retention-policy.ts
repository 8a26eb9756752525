import type { RetentionDefinition } from '../engine/flow-definition.js';

const DAY_MS = 86_400_000;

/** The retention a flow has: its own days, or the global FLOWHUB_RETENTION_DAYS. */
export interface RetentionInEffect {
  days: number;
  /** Failed runs (with their requests and steps): never less than days. */
  keepFailedDays: number;
  /** 'flow': the flow's definition sets days or keepFailedDays; 'global': neither. */
  source: 'flow' | 'global';
}

function wholeDays(value: unknown): number | undefined {
  return Number.isInteger(value) && (value as number) >= 1 ? (value as number) : undefined;
}

export function retentionInEffect(retention: unknown, globalDays: number): RetentionInEffect {
  const own = (retention ?? {}) as RetentionDefinition;
  const days = wholeDays(own.days);
  const failed = wholeDays(own.keepFailedDays);
  const kept = days ?? globalDays;
  return {
    days: kept,
    keepFailedDays: Math.max(failed ?? kept, kept),
    source: days === undefined && failed === undefined ? 'global' : 'flow',
  };
}

/** The windows a pruning pass uses, one entry per flow (the arrays of retention.sql.ts). */
export interface PruneWindows {
  flowIds: string[];
  cutoffs: Date[];
  failedCutoffs: Date[];
}

export function pruneWindows(
  flows: { id: string; retention: unknown }[],
  globalDays: number,
  now: Date,
): PruneWindows {
  const windows: PruneWindows = { flowIds: [], cutoffs: [], failedCutoffs: [] };
  for (const flow of flows) {
    const { days, keepFailedDays } = retentionInEffect(flow.retention, globalDays);
    windows.flowIds.push(flow.id);
    windows.cutoffs.push(new Date(now.getTime() - days * DAY_MS));
    windows.failedCutoffs.push(new Date(now.getTime() - keepFailedDays * DAY_MS));
  }
  return windows;
}
