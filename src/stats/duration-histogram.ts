/**
 * Run durations are counted in a fixed log-scale histogram, so percentiles can be summed
 * across rollup rows: bucket 0 holds durations under 1 ms, bucket i >= 1 those in
 * [10^((i-1)/20), 10^(i/20)) ms (20 buckets per decade, each 12% wide), up to bucket 200.
 * The same formula is in the rollup's SQL (DURATION_BUCKET_SQL).
 */
export const BUCKETS_PER_DECADE = 20;
export const LAST_BUCKET = 200;

export function durationBucket(ms: number): number {
  if (!(ms >= 1)) return 0;
  return Math.min(LAST_BUCKET, 1 + Math.floor(BUCKETS_PER_DECADE * Math.log10(ms)));
}

/** The upper edge of a bucket in ms (what a percentile in it is reported as), 0.1 ms precise. */
export function bucketUpperMs(bucket: number): number {
  return Math.round(10 ** (bucket / BUCKETS_PER_DECADE) * 10) / 10;
}

/** `durationBucket` in SQL, for a double precision expression of milliseconds. */
export const durationBucketSql = (ms: string) =>
  `(CASE WHEN ${ms} < 1 THEN 0 ELSE least(${LAST_BUCKET}, 1 + floor(${BUCKETS_PER_DECADE} * log(${ms}))::int) END)`;

export interface DurationSummary {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/**
 * Nearest-rank percentiles of a histogram (bucket -> count): the upper edge of the bucket
 * that holds the ceil(p * n)-th duration, so the true value is at most 12% below it.
 */
export function summarise(histogram: Map<number, number>): DurationSummary {
  const buckets = [...histogram].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const count = buckets.reduce((sum, [, n]) => sum + n, 0);
  const percentile = (p: number): number | null => {
    if (count === 0) return null;
    const rank = Math.max(1, Math.ceil(p * count));
    let seen = 0;
    for (const [bucket, n] of buckets) {
      seen += n;
      if (seen >= rank) return bucketUpperMs(bucket);
    }
    return null;
  };
  return { count, p50: percentile(0.5), p95: percentile(0.95), p99: percentile(0.99) };
}
