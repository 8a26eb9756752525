// Small statistics for the interleaved benches: median, quantiles, spread.

export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.ceil(at)] - sorted[low]) * (at - low);
}

export const median = (values) => quantile(values, 0.5);
export const mean = (values) => values.reduce((sum, v) => sum + v, 0) / values.length;
export const round2 = (n) => Math.round(n * 100) / 100;

/** Median, quartiles, min and max of `values`, rounded. */
export function spread(values) {
  return {
    n: values.length,
    median: round2(median(values)),
    q1: round2(quantile(values, 0.25)),
    q3: round2(quantile(values, 0.75)),
    min: round2(Math.min(...values)),
    max: round2(Math.max(...values)),
  };
}
