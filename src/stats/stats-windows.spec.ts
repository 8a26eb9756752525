import { bucketOf, planWindow } from './stats-windows.js';

const at = (iso: string) => new Date(iso);

describe('stats windows', () => {
  it('ends with the current bucket and reads minute rows only for 1h', () => {
    const plan = planWindow('1h', at('2026-12-03T10:30:20Z'), at('2026-12-03T10:30:00Z'));
    expect(plan.from).toEqual(at('2026-12-03T09:31:00Z'));
    expect(plan.ranges).toEqual([{ grain: 'm', from: plan.from, to: at('2026-12-03T10:30:00Z') }]);
    expect(plan.recentFrom).toEqual(at('2026-12-03T10:30:00Z'));
    expect(bucketOf(plan, at('2026-12-03T10:30:59Z'))).toBe(59);
    expect(bucketOf(plan, at('2026-12-03T09:30:59Z'))).toBeUndefined();
  });

  it('reads day rows before the watermark day, hour rows before its hour, then minutes', () => {
    const plan = planWindow('30d', at('2026-12-03T10:30:20Z'), at('2026-12-03T10:29:55Z'));
    expect(plan.from).toEqual(at('2026-11-04T00:00:00Z'));
    expect(plan.ranges).toEqual([
      { grain: 'd', from: plan.from, to: at('2026-12-03T00:00:00Z') },
      { grain: 'h', from: at('2026-12-03T00:00:00Z'), to: at('2026-12-03T10:00:00Z') },
      { grain: 'm', from: at('2026-12-03T10:00:00Z'), to: at('2026-12-03T10:29:00Z') },
    ]);
    expect(plan.recentFrom).toEqual(at('2026-12-03T10:29:00Z'));
  });

  it('uses the watermark, not now, for the edge: an hour not rolled yet is read as minutes', () => {
    const plan = planWindow('24h', at('2026-12-03T11:00:03Z'), at('2026-12-03T10:59:58Z'));
    expect(plan.ranges[1]).toEqual({
      grain: 'm',
      from: at('2026-12-03T10:00:00Z'),
      to: at('2026-12-03T10:59:00Z'),
    });
    expect(planWindow('7d', at('2026-12-03T11:00:03Z'), at('2026-12-03T10:59:58Z')).buckets).toBe(
      28,
    );
  });
});
