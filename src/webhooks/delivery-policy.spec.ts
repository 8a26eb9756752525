import { DEFAULT_RETRY_SCHEDULE, nextDelayMs, verdictOf } from './delivery-policy.js';

describe('delivery policy (OUT-5, OUT-6)', () => {
  it('classifies answers', () => {
    expect([200, 204, 299].map((s) => verdictOf(s))).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect([408, 429, 500, 503].map((s) => verdictOf(s))).toEqual([
      'retry',
      'retry',
      'retry',
      'retry',
    ]);
    expect([301, 302, 400, 401, 404, 409, 422].map((s) => verdictOf(s))).toEqual(
      Array(7).fill('failed'),
    );
    expect(verdictOf(410)).toBe('gone');
    expect(verdictOf(0, 'timeout')).toBe('retry');
    expect(verdictOf(0, 'refused')).toBe('retry');
    expect(verdictOf(0, 'blocked')).toBe('failed');
  });

  it('follows the schedule with ±20 % jitter, then stops', () => {
    expect(nextDelayMs(DEFAULT_RETRY_SCHEDULE, 1, undefined, () => 0)).toBe(48_000);
    expect(nextDelayMs(DEFAULT_RETRY_SCHEDULE, 1, undefined, () => 1)).toBe(72_000);
    expect(nextDelayMs(DEFAULT_RETRY_SCHEDULE, 4, undefined, () => 0.5)).toBe(7_200_000);
    expect(nextDelayMs(DEFAULT_RETRY_SCHEDULE, 5, undefined)).toBeUndefined();
  });

  it('waits at least as long as Retry-After asks, clamped to 6 h', () => {
    expect(nextDelayMs([0.1], 1, 2000, () => 0.5)).toBe(2000);
    expect(nextDelayMs([60], 1, 2000, () => 0.5)).toBe(60_000);
    expect(nextDelayMs([1], 1, 10 * 86_400_000, () => 0.5)).toBe(6 * 3600 * 1000);
  });
});
