// Differences of two sql-probe snapshots, grouped by stage, and their table.

/** Stages, first match wins, on the statement's shape (see sql-probe.mjs). */
const STAGES = [
  [
    'catch: store request + run',
    /jsonb_to_recordset|INSERT INTO inbound_requests|INSERT INTO runs \(/,
  ],
  ['catch: rate-limit bucket (PG)', /catch_rate_limits/],
  ['queue add (BullMQ on PG)', /add_jobs?_bulk|add_job\(/],
  [
    'queue claim (BullMQ on PG)',
    /move_to_active|has_waiting_job|next_delay|next_signal|LISTEN|is_maxed|promote|rate_limit/,
  ],
  ['queue complete (BullMQ on PG)', /move_to_completed|move_to_failed|collect_metrics|\bremove\(/],
  [
    'queue upkeep (BullMQ on PG)',
    /extend_locks?|move_stalled|publish_event|read_events|get_counts|relay_|queue_meta|\bmeta\b|bullmq/i,
  ],
  ['run: begin (claim run, step rows)', /begin_run|UPDATE runs SET status = 'running'/],
  [
    'run: step done + advance/finish',
    /FROM runs WHERE id = \$ FOR UPDATE\), finished AS|UPDATE run_steps|UPDATE runs SET status/,
  ],
  ['reads (flow versions, runs)', /^SELECT .* FROM (flow_versions|flows|runs|run_steps)\b/],
  ['outbox / events', /outbox|event_/],
  ['transaction control', /^(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SAVEPOINT|RELEASE)/i],
];

function stageOf(shape) {
  return STAGES.find(([, pattern]) => pattern.test(shape))?.[0] ?? 'other SQL';
}

function diffMap(before = {}, after = {}) {
  const out = {};
  for (const [key, a] of Object.entries(after)) {
    const b = before[key] ?? { count: 0, ms: 0, rows: 0 };
    const count = a.count - b.count;
    if (count > 0) out[key] = { count, ms: a.ms - b.ms, rows: (a.rows ?? 0) - (b.rows ?? 0) };
  }
  return out;
}

export function diffSnapshots(before, after) {
  const active = after.elu.active - before.elu.active;
  const idle = after.elu.idle - before.elu.idle;
  return {
    eventLoopUtilization: active / Math.max(1, active + idle),
    loopDelay: after.loopDelay,
    statements: diffMap(before.statements, after.statements),
    commands: diffMap(before.commands, after.commands),
  };
}

/** Per stage: statements (or Redis commands) and their round-trip ms, per unit of work. */
export function classify(probe, units) {
  const stages = {};
  const put = (stage, { count, ms }) => {
    const entry = stages[stage] ?? { count: 0, ms: 0 };
    entry.count += count;
    entry.ms += ms;
    stages[stage] = entry;
  };
  for (const [shape, entry] of Object.entries(probe.statements)) put(stageOf(shape), entry);
  for (const entry of Object.values(probe.commands)) put('queue (Redis commands)', entry);
  return Object.fromEntries(
    Object.entries(stages)
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([stage, e]) => [stage, { perUnit: e.count / units, msPerUnit: e.ms / units, ...e }]),
  );
}

const f = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : '-');

export function formatWindow(title, w, top = 12) {
  const lines = [
    `${title}: ${w.accepted} accepted (${f(w.perSecond, 0)}/s, p50 ${w.p50} / p99 ${w.p99} ms), ` +
      `CPU ${f(w.cpuMsPer)} ms each (${f(w.cores)} cores) + database side ${f(w.serverCpuMsPer)} ms (${f(w.serverCores)} cores, ${w.serverProcesses} processes), event loop ${f(100 * w.eventLoopUtilization, 0)} % busy, ` +
      `delay p99 ${f(w.loopDelay.p99Ms, 1)} ms${w.drained === false ? ', NOT drained' : ''}`,
    '  stage                                   calls/unit  round-trip ms/unit',
  ];
  for (const [stage, s] of Object.entries(classify(w, Math.max(1, w.accepted))))
    lines.push(`  ${stage.padEnd(40)}${f(s.perUnit).padStart(10)}  ${f(s.msPerUnit).padStart(12)}`);
  lines.push('  top statements (calls/unit, ms/unit, ms each):');
  const n = Math.max(1, w.accepted);
  const all = [
    ...Object.entries(w.statements),
    ...Object.entries(w.commands).map(([k, v]) => [`redis ${k}`, v]),
  ].sort((a, b) => b[1].ms - a[1].ms);
  for (const [shape, s] of all.slice(0, top))
    lines.push(
      `  ${f(s.count / n).padStart(6)} ${f(s.ms / n).padStart(7)} ${f(s.ms / s.count).padStart(7)}  ${shape.slice(0, 110)}`,
    );
  return lines.join('\n');
}
