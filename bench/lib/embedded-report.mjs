// The embedded rows of the bench table (issue 20): each embedded queue mode against the
// Redis configuration measured in the same run, with the targets judged.
/**
 * The embedded rows (issue 20): the default a user runs (`npm start`: LOG_LEVEL=info, one line
 * per request), the same at `warn` as the other rows run (the access log's cost), and BullMQ
 * on PostgreSQL (the default before `FLOWHUB_QUEUE=postgres`, kept one release).
 */
export const EMBEDDED_ROWS = {
  // The reference: the Redis configuration through the same set, as `npm start` runs it
  // (one process, all role, LOG_LEVEL=info) with DATABASE_URL and REDIS_URL.
  redisAll: {
    only: 'embedded',
    label: 'Redis configuration, all role',
    storage: 'redis',
    env: { LOG_LEVEL: 'info' },
  },
  embedded: { only: 'embedded', label: 'embedded default', env: { LOG_LEVEL: 'info' } },
  embeddedWarn: {
    only: 'embedded-warn',
    label: 'embedded default, LOG_LEVEL=warn',
    env: { LOG_LEVEL: 'warn' },
  },
  embeddedBullmq: {
    only: 'embedded-bullmq',
    label: 'embedded, FLOWHUB_QUEUE=bullmq-postgres',
    env: { LOG_LEVEL: 'info', FLOWHUB_QUEUE: 'bullmq-postgres' },
  },
};

const f0 = (n) =>
  n === undefined || Number.isNaN(n) ? '-' : Math.round(n).toLocaleString('en-US');
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}x` : '-');
const lat = (r) => (r ? `${r.p50} / ${r.p99}` : '-');
const yes = (ok) => (ok === undefined ? '' : ok ? 'met' : 'NOT met');
const atLeast = (a, b, x) => (a && b ? a >= x * b : undefined);

/**
 * `e`: { c50, rate1000?, e2e, peakRssMb, peakTree? }; `redisIngest`/`redisE2e`: the Redis
 * configuration's rows measured the same way (`redisAll`), else the api-role ingest row.
 */
export function embeddedRows(label, e, redisIngest, redisE2e) {
  if (!redisIngest) return referenceRows(label, e);
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
    [`${label}: peak RSS of Flowhub (MB)`, f0(e.peakRssMb), '', '', '', ''],
    [
      '  Flowhub + PostgreSQL, Pss (MB)',
      f0(e.peakTree?.mb),
      '',
      e.peakTree ? `Flowhub ${e.peakTree.rootMb}, ${e.peakTree.processes} processes` : '',
      '<= 300',
      yes(e.peakTree && e.peakTree.mb <= 300),
    ],
  );
  return rows;
}

/** The reference row (the Redis configuration through the same set): figures, no targets. */
function referenceRows(label, e) {
  return [
    [`${label}: ingest 50 conns`, f0(e.c50.perSecond), '', '', '', ''],
    ['  p50 / p99 (ms)', lat(e.c50), '', '', '', ''],
    ['  paced 1,000 req/s: p50 / p99 (ms)', lat(e.rate1000), '', '', '', ''],
    [`${label}: end to end (runs/s)`, f0(e.e2e.runsPerSecond), '', '', '', ''],
    [`${label}: peak RSS of Flowhub (MB)`, f0(e.peakRssMb), '', '', '', ''],
  ];
}
