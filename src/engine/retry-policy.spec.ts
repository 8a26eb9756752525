import { DEFAULT_RETRY_POLICY, nextRetryDelayMs, resolveRetryPolicy } from './retry-policy.js';

const half = () => 0.5; // no jitter

describe('retry policy', () => {
  it('takes each field from the step, then the action, then the defaults', () => {
    expect(resolveRetryPolicy()).toEqual(DEFAULT_RETRY_POLICY);
    expect(
      resolveRetryPolicy({ attempts: 7 }, { attempts: 5, delayMs: 200, backoff: 'fixed' }),
    ).toEqual({
      attempts: 7,
      backoff: 'fixed',
      delayMs: 200,
      maxDelayMs: DEFAULT_RETRY_POLICY.maxDelayMs,
    });
  });

  it('doubles exponential delays and keeps fixed ones', () => {
    const exponential = resolveRetryPolicy({ attempts: 5, delayMs: 1000 });
    expect([1, 2, 3, 4].map((n) => nextRetryDelayMs(exponential, n, { random: half }))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
    const fixed = resolveRetryPolicy({ attempts: 4, backoff: 'fixed', delayMs: 300 });
    expect([1, 2, 3].map((n) => nextRetryDelayMs(fixed, n, { random: half }))).toEqual([
      300, 300, 300,
    ]);
  });

  it('jitters by at most 20 % either way', () => {
    const policy = resolveRetryPolicy({ attempts: 3, delayMs: 1000, backoff: 'fixed' });
    expect(nextRetryDelayMs(policy, 1, { random: () => 0 })).toBe(800);
    expect(nextRetryDelayMs(policy, 1, { random: () => 1 })).toBe(1200);
  });

  it('stops after the last attempt', () => {
    const policy = resolveRetryPolicy({ attempts: 3 });
    expect(nextRetryDelayMs(policy, 2, { random: half })).toBeDefined();
    expect(nextRetryDelayMs(policy, 3, { random: half })).toBeUndefined();
    expect(nextRetryDelayMs(resolveRetryPolicy({ attempts: 1 }), 1)).toBeUndefined();
  });

  it('honours Retry-After and caps everything at maxDelayMs', () => {
    const policy = resolveRetryPolicy({ attempts: 10, delayMs: 1000, maxDelayMs: 10_000 });
    expect(nextRetryDelayMs(policy, 1, { random: half, retryAfterMs: 5000 })).toBe(5000);
    expect(nextRetryDelayMs(policy, 1, { random: half, retryAfterMs: 60_000 })).toBe(10_000);
    expect(nextRetryDelayMs(policy, 8, { random: half })).toBe(10_000);
  });
});

describe('retry delays, exactly', () => {
  const policy = resolveRetryPolicy({ attempts: 6, delayMs: 1000, maxDelayMs: 60_000 });

  it('applies the jitter to the exponential base and rounds to whole ms', () => {
    expect(nextRetryDelayMs(policy, 3, { random: () => 0.25 })).toBe(3600); // 4000 * 0.9
    expect(nextRetryDelayMs(policy, 3, { random: () => 0.75 })).toBe(4400); // 4000 * 1.1
    const odd = resolveRetryPolicy({ attempts: 2, backoff: 'fixed', delayMs: 333 });
    expect(nextRetryDelayMs(odd, 1, { random: () => 0.3 })).toBe(306); // 333 * 0.92
  });

  it('uses Retry-After only when it is longer than the backoff', () => {
    expect(nextRetryDelayMs(policy, 2, { random: half, retryAfterMs: 500 })).toBe(2000);
    expect(nextRetryDelayMs(policy, 2, { random: half, retryAfterMs: 2500 })).toBe(2500);
  });

  it('stays a finite whole number for odd inputs', () => {
    const zero = resolveRetryPolicy({ attempts: 5000, delayMs: 0 });
    expect(nextRetryDelayMs(zero, 2000, { random: half })).toBe(0);
    const huge = resolveRetryPolicy({ attempts: 5000 });
    expect(nextRetryDelayMs(huge, 2000, { random: half })).toBe(3_600_000);
    expect(nextRetryDelayMs(policy, 1, { random: () => Number.NaN })).toBe(1000);
    expect(nextRetryDelayMs(policy, 1, { random: () => 7 })).toBe(1200);
    expect(nextRetryDelayMs(policy, 1, { random: half, retryAfterMs: Number.NaN })).toBe(1000);
    expect(nextRetryDelayMs(policy, 0, { random: half })).toBe(1000);
  });

  it('uses Math.random by default within the jitter band', () => {
    for (let i = 0; i < 50; i += 1) {
      const delay = nextRetryDelayMs(policy, 1)!;
      expect(Number.isInteger(delay)).toBe(true);
      expect(delay).toBeGreaterThanOrEqual(800);
      expect(delay).toBeLessThanOrEqual(1200);
    }
  });
});
