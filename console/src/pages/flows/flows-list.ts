import type { FlowActivity } from './useFlows';

/** "25%" with "1 failed of 4 finished"; "—" when no run finished in the period. */
export function failureRate(activity: FlowActivity | undefined): { rate: string; detail: string } {
  if (!activity || activity.runs === 0) return { rate: '—', detail: 'no runs' };
  if (activity.failureRate === null)
    return { rate: '—', detail: `${runs(activity.runs)}, none finished` };
  const percent = activity.failureRate * 100;
  const rate = percent > 0 && percent < 1 ? '<1%' : `${Math.round(percent)}%`;
  return { rate, detail: `${activity.failed} failed, ${runs(activity.runs)}` };
}

const runs = (count: number) => (count === 1 ? '1 run' : `${count} runs`);
