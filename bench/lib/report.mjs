// The table `npm run bench` prints, with the targets judged.
import { EMBEDDED_ROWS, embeddedRows } from './embedded-report.mjs';
const f0 = (n) =>
  n === undefined || Number.isNaN(n) ? '-' : Math.round(n).toLocaleString('en-US');
const f1 = (n) => (n === undefined || Number.isNaN(n) ? '-' : n.toFixed(1));
const f2 = (n) => (n === undefined || Number.isNaN(n) ? '-' : n.toFixed(2));
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}x` : '-');
const lat = (r) => (r ? `${r.p50} / ${r.p99}` : '-');
const yes = (ok) => (ok === undefined ? '' : ok ? 'met' : 'NOT met');

function row(cells, widths) {
  return cells
    .map((cell, i) => String(cell).padEnd(widths[i]))
    .join('  ')
    .trimEnd();
}

export function formatReport(r) {
  const fi = r.flowhubIngest ?? {};
  const li = r.floorIngest ?? {};
  const fe = r.flowhubE2e ?? {};
  const le = r.floorE2e ?? {};
  const sc = fi.scaling;
  const st = fe.steps;
  const rows = [['', 'Flowhub', 'floor', 'Flowhub/floor', 'target', '']];
  const ingestOk = (x) =>
    x && li[x] && fi[x].perSecond >= 4000 && fi[x].perSecond >= 0.75 * li[x].perSecond;
  /** A load's accepted/s (Flowhub, floor, ratio) and, under it, its p50 / p99 against 50 ms. */
  const loadRows = (label, key, target, ok) => [
    [
      label,
      f0(fi[key].perSecond),
      f0(li[key]?.perSecond),
      ratio(fi[key].perSecond, li[key]?.perSecond),
      target,
      yes(ok),
    ],
    ['  p50 / p99 (ms)', lat(fi[key]), lat(li[key]), '', 'p99 <= 50', yes(fi[key].p99 <= 50)],
  ];
  if (fi.c50) {
    const both = '>= 4,000 and >= 0.75x';
    rows.push(...loadRows('ingest, 50 conns (req/s)', 'c50', both, ingestOk('c50')));
    rows.push([
      '  CPU ms per request',
      f2(fi.c50.cpuMsPerRequest),
      f2(li.c50?.cpuMsPerRequest),
      ratio(fi.c50.cpuMsPerRequest, li.c50?.cpuMsPerRequest),
      '',
      '',
    ]);
    rows.push(...loadRows('ingest, 200 conns (req/s)', 'c200', both, ingestOk('c200')));
    if (fi.rate4000) {
      const kept = fi.rate4000.perSecond >= 0.97 * 4000;
      const label = 'ingest paced at 4,000 req/s (req/s)';
      rows.push(...loadRows(label, 'rate4000', '>= 4,000 (0.97x offered)', kept));
    }
    rows.push([
      'ingest paced at 1,000 req/s: p50 / p99 (ms)',
      lat(fi.rate1000),
      lat(li.rate1000),
      '',
      'p99 <= 10',
      yes(fi.rate1000.p99 <= 10),
    ]);
    rows.push([
      'peak RSS, 1 KB ingest (MB)',
      f0(fi.peakRssMb1k ?? fi.peakRssMb),
      f0(li.peakRssMb),
      '',
      '<= 300',
      yes((fi.peakRssMb1k ?? fi.peakRssMb) <= 300),
    ]);
  }
  if (fe.runsPerSecond !== undefined) {
    const ok = fe.runsPerSecond >= 800 && fe.runsPerSecond >= 0.75 * (le.runsPerSecond ?? Infinity);
    rows.push([
      'end to end, sustained (runs/s)',
      f0(fe.runsPerSecond),
      f0(le.runsPerSecond),
      ratio(fe.runsPerSecond, le.runsPerSecond),
      '>= 800 and >= 0.75x',
      yes(ok),
    ]);
    rows.push([
      'peak RSS end to end (MB)',
      f0(fe.peakRssMb),
      f0(le.peakRssMb),
      '',
      '<= 300',
      yes(fe.peakRssMb <= 300),
    ]);
  }
  if (sc) {
    const growth = sc.flows10k.cpuMsPerRequest / sc.flows10.cpuMsPerRequest - 1;
    rows.push([
      'CPU ms/ingest, 10 flows -> 10,000',
      `${f2(sc.flows10.cpuMsPerRequest)} -> ${f2(sc.flows10k.cpuMsPerRequest)}`,
      '',
      `${(growth * 100).toFixed(0)}%`,
      '<= +10%',
      yes(growth <= 0.1),
    ]);
    rows.push([
      '  req/s, 10 flows -> 10,000',
      `${f0(sc.flows10.perSecond)} -> ${f0(sc.flows10k.perSecond)}`,
      '',
      '',
      '',
      '',
    ]);
    rows.push(['  peak RSS with 256 KB bodies (MB)', f0(fi.peakRssMb), '', '', '', '']);
    rows.push([
      'CPU ms/ingest, 1 KB -> 256 KB body',
      `${f2(sc.body1k.cpuMsPerRequest)} -> ${f2(sc.body256k.cpuMsPerRequest)}`,
      '',
      `${f0(sc.body256k.perSecond)} req/s`,
      'linear in bytes',
      '',
    ]);
  }
  if (st) {
    rows.push([
      'CPU ms/run, 1 step -> 5 steps',
      `${f1(st.oneStep.cpuMsPerRun)} -> ${f1(st.fiveSteps.cpuMsPerRun)}`,
      '',
      `${(st.fiveSteps.cpuMsPerRun / st.oneStep.cpuMsPerRun).toFixed(1)}x`,
      'linear in steps',
      '',
    ]);
  }
  // Ratios against the Redis configuration run through the same set, when it was measured.
  const [refIngest, refE2e] = r.redisAll ? [r.redisAll.c50, r.redisAll.e2e] : [fi.c50, fe];
  for (const [key, { label }] of Object.entries(EMBEDDED_ROWS)) {
    if (!r[key]) continue;
    // The reference row itself gets no ratios.
    const refs = key === 'redisAll' ? [] : [refIngest, refE2e];
    rows.push(...embeddedRows(label, r[key], ...refs));
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((cells) => String(cells[i]).length)));
  const embedded = r.redisAll ? " (the embedded rows and their reference: Flowhub's default)" : '';
  const head = `Flowhub bench, ${r.startedAt.slice(0, 10)}, ${r.machine.cores} cores, ${r.machine.memoryGb} GB, node ${r.machine.node}; worker concurrency ${r.workerConcurrency}${embedded}`;
  return [head, '', ...rows.map((cells) => row(cells, widths)), '', r.boot].join('\n');
}
