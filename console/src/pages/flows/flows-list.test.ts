import { describe, expect, it } from 'vitest';
import { failureRate } from './flows-list';
import type { FlowActivity } from './useFlows';

const activity = (runs: number, failed: number, failureRate: number | null): FlowActivity => ({
  flowId: 'f',
  lastRun: null,
  runs,
  failed,
  failureRate,
});

describe('failureRate', () => {
  it('is a dash without runs or without a finished run', () => {
    expect(failureRate(undefined)).toEqual({ rate: '—', detail: 'no runs' });
    expect(failureRate(activity(0, 0, null))).toEqual({ rate: '—', detail: 'no runs' });
    expect(failureRate(activity(2, 0, null))).toEqual({
      rate: '—',
      detail: '2 runs, none finished',
    });
  });

  it('rounds to a whole percent and never shows a failure as 0%', () => {
    expect(failureRate(activity(4, 1, 0.25))).toEqual({ rate: '25%', detail: '1 failed, 4 runs' });
    expect(failureRate(activity(1, 0, 0))).toEqual({ rate: '0%', detail: '0 failed, 1 run' });
    expect(failureRate(activity(1000, 1, 0.001)).rate).toBe('<1%');
    expect(failureRate(activity(3, 2, 2 / 3)).rate).toBe('67%');
  });
});
