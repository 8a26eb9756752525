// The embedded rows of the bench table (issue 20): each embedded queue mode against the
// Redis configuration measured in the same run, with the targets judged.
const f0 = (n) =>
  n === undefined || Number.isNaN(n) ? '-' : Math.round(n).toLocaleString('en-US');
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}x` : '-');
const lat = (r) => (r ? `${r.p50} / ${r.p99}` : '-');
const yes = (ok) => (ok === undefined ? '' : ok ? 'met' : 'NOT met');
const atLeast = (a, b, x) => (a && b ? a >= x * b : undefined);

/** `e`: { c50, rate1000?, e2e, peakRssMb }; `redisIngest`/`redisE2e`: the Redis rows. */
export function embeddedRows(label, e, redisIngest, redisE2e) {
  const rows = [
    [
      `${label}: ingest 50 conns`,
      f0(e.c50.perSecond),
      '',
      `${ratio(e.c50.perSecond, redisIngest?.perSecond)} of Redis`,
      '>= 0.6x of Redis',
      yes(atLeast(e.c50.perSecond, redisIngest?.perSecond, 0.6)),
    ],
    ['  p50 / p99 (ms)', lat(e.c50), '', '', '', ''],
  ];
  if (e.rate1000)
    rows.push([
      '  paced 1,000 req/s: p50 / p99 (ms)',
      lat(e.rate1000),
      '',
      `${f0(e.rate1000.perSecond)} req/s`,
      'p99 <= 50',
      yes(e.rate1000.p99 <= 50),
    ]);
  rows.push(
    [
      `${label}: end to end (runs/s)`,
      f0(e.e2e.runsPerSecond),
      '',
      `${ratio(e.e2e.runsPerSecond, redisE2e?.runsPerSecond)} of Redis`,
      '>= 0.8x of Redis',
      yes(atLeast(e.e2e.runsPerSecond, redisE2e?.runsPerSecond, 0.8)),
    ],
    [`${label}: peak RSS (MB)`, f0(e.peakRssMb), '', '', '', ''],
  );
  return rows;
}
