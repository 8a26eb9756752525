// Preloaded into a Flowhub process by bench/profile.bench.mjs (`node --import`): counts and
// times every PostgreSQL statement (pg's Client.query, which TypeORM's pool and BullMQ's
// PostgreSQL backend both go through) and every Redis command (ioredis), and measures the
// event loop. On SIGUSR2 it writes the totals so far to $BENCH_PROBE_DIR/<pid>.json; the bench
// takes the difference of two snapshots around a load window. Time is the client's round trip:
// from the call to its answer, including a wait behind the connection's earlier statements.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

// The CommonJS instances of pg and ioredis that TypeORM and BullMQ load.
const require = createRequire(import.meta.url);

const dir = process.env.BENCH_PROBE_DIR;
const statements = new Map(); // normalised text -> { count, ms, rows }
const commands = new Map(); // Redis command -> { count, ms }

/** The statement's shape: parameters, numbers and lists folded, whitespace collapsed. */
function shape(text) {
  return String(text)
    .replace(/--[^\n]*(\n|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\$\d+/g, '$')
    .replace(/'(?:[^']|'')*'/g, "'?'")
    .replace(/\b\d+\b/g, 'N')
    .replace(/\((?:\$, ?)+\$\)/g, '($..)')
    .replace(/(?:\(\$\.\.\), ?)+\(\$\.\.\)/g, '($..)...')
    .trim()
    .slice(0, 240);
}

function add(map, key, ms, rows = 0) {
  const entry = map.get(key) ?? { count: 0, ms: 0, rows: 0 };
  entry.count += 1;
  entry.ms += ms;
  entry.rows += rows;
  map.set(key, entry);
}

function patchPg() {
  const pg = require('pg');
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function probedQuery(config) {
    if (config && typeof config.submit === 'function') return original.apply(this, arguments);
    const text = typeof config === 'string' ? config : (config?.text ?? config?.name ?? '?');
    const key = shape(text);
    const start = performance.now();
    const done = (result) =>
      add(statements, key, performance.now() - start, Number(result?.rowCount) || 0);
    const args = [...arguments];
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const cb = args[last];
      args[last] = function probedCallback(error, result) {
        done(result);
        return cb.apply(this, arguments);
      };
      return original.apply(this, args);
    }
    const answer = original.apply(this, args);
    if (answer && typeof answer.then === 'function') answer.then(done, () => done());
    return answer;
  };
}

function patchIoredis() {
  let Redis;
  try {
    Redis = require('ioredis').Redis ?? require('ioredis');
  } catch {
    return;
  }
  const original = Redis.prototype.sendCommand;
  Redis.prototype.sendCommand = function probedSend(command) {
    const start = performance.now();
    const name = String(command?.name ?? '?');
    command?.promise?.then(
      () => add(commands, name, performance.now() - start),
      () => add(commands, name, performance.now() - start),
    );
    return original.apply(this, arguments);
  };
}

patchPg();
patchIoredis();
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

process.on('SIGUSR2', () => {
  const elu = performance.eventLoopUtilization();
  const snapshot = {
    at: performance.now(),
    elu: { idle: elu.idle, active: elu.active },
    loopDelay: { meanMs: delay.mean / 1e6, p99Ms: delay.percentile(99) / 1e6 },
    statements: Object.fromEntries(statements),
    commands: Object.fromEntries(commands),
  };
  delay.reset();
  if (dir) writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify(snapshot));
});
