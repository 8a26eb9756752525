import { bucketUpperMs, durationBucket, summarise } from './duration-histogram.js';

describe('duration histogram', () => {
  it('puts each duration in a bucket whose upper edge is at most 12% above it', () => {
    for (const ms of [1, 1.5, 9.99, 10, 250, 3_600_000]) {
      const upper = bucketUpperMs(durationBucket(ms));
      expect(upper).toBeGreaterThanOrEqual(ms);
      expect(upper).toBeLessThanOrEqual(ms * 1.13);
    }
    expect(durationBucket(0.2)).toBe(0);
    expect(durationBucket(1e12)).toBe(200);
  });

  it('gives nearest-rank percentiles, null without durations', () => {
    expect(summarise(new Map())).toEqual({ count: 0, p50: null, p95: null, p99: null });
    const histogram = new Map([
      [durationBucket(5), 90],
      [durationBucket(100), 9],
      [durationBucket(2000), 1],
    ]);
    expect(summarise(histogram)).toEqual({
      count: 100,
      p50: bucketUpperMs(durationBucket(5)),
      p95: bucketUpperMs(durationBucket(100)),
      p99: bucketUpperMs(durationBucket(100)),
    });
  });
});
