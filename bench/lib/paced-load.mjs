// Open-loop load at a fixed rate: request i is due at start + i / rate, whatever happened to the
// earlier ones, and is sent on the first idle connection. autocannon's rate mode sends each
// connection's quota for a second back to back at the start of the second (1,000 req/s over 50
// connections arrives as one burst of 1,000 each second), which measures bursts, not a rate.
// Latency counts from when the client's timer put a request in line (at most a timer tick after it
// was due; clientLagP99 says how late that was), so a server that holds every connection is
// charged for the requests waiting for one (no coordinated omission). Plain sockets and a minimal HTTP/1.1 response
// reader keep the client's own CPU low on a two-core machine.
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';

const TIMEOUT_MS = 10_000;
const HEADER_END = Buffer.from('\r\n\r\n');

function requestBytes(url, path, body) {
  const head =
    `POST ${path} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), Buffer.from(body)]);
}

/** Status and total length of the first response in `buf`, or undefined while incomplete. */
export function readResponse(buf) {
  const end = buf.indexOf(HEADER_END);
  if (end < 0) return undefined;
  const head = buf.subarray(0, end).toString('latin1');
  const status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (!length) throw new Error(`paced load: response without content-length: ${head}`);
  const total = end + HEADER_END.length + Number(length[1]);
  return buf.length >= total ? { status, total } : undefined;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round1 = (n) => Math.round(n * 10) / 10;

export async function pacedLoad({ origin, paths, body, connections, durationS, rate }) {
  const url = new URL(origin);
  const bytesOf = new Map();
  const bytesFor = (path) => {
    if (!bytesOf.has(path)) bytesOf.set(path, requestBytes(url, path, body));
    return bytesOf.get(path);
  };
  const total = Math.round(rate * durationS);
  const latencies = [];
  const lags = [];
  const stats = { sent: 0, accepted: 0, non2xx: 0, errors: 0, timeouts: 0 };
  const waiting = []; // when each request not yet sent was put in line
  const idle = [];
  let issued = 0;
  let done = 0;
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  const settle = () => {
    done += 1;
    if (done === total) finish();
  };

  function open() {
    const conn = { socket: undefined, since: 0, buf: Buffer.alloc(0), timer: undefined };
    const fail = (kind) => {
      if (!conn.since) return;
      clearTimeout(conn.timer);
      conn.since = 0;
      stats[kind] += 1;
      settle();
    };
    conn.socket = connect({ host: url.hostname, port: Number(url.port), noDelay: true });
    conn.socket.on('data', (chunk) => {
      conn.buf = conn.buf.length ? Buffer.concat([conn.buf, chunk]) : chunk;
      const response = readResponse(conn.buf);
      if (!response) return;
      conn.buf = conn.buf.subarray(response.total);
      clearTimeout(conn.timer);
      latencies.push(performance.now() - conn.since);
      if (response.status >= 200 && response.status < 300) stats.accepted += 1;
      else stats.non2xx += 1;
      conn.since = 0;
      settle();
      idle.push(conn);
      dispatch();
    });
    conn.socket.on('error', () => fail('errors'));
    conn.socket.on('close', () => {
      fail('errors');
      const at = idle.indexOf(conn);
      if (at >= 0) idle.splice(at, 1);
      if (issued < total || waiting.length) idle.push(open());
    });
    conn.send = (since, path) => {
      conn.since = since;
      conn.timer = setTimeout(() => {
        fail('timeouts');
        conn.socket.destroy();
      }, TIMEOUT_MS);
      stats.sent += 1;
      conn.socket.write(bytesFor(path));
    };
    return conn;
  }

  function dispatch() {
    while (waiting.length && idle.length) {
      const conn = idle.pop();
      conn.send(waiting.shift(), paths[Math.floor(Math.random() * paths.length)]);
    }
  }

  for (let i = 0; i < connections; i++) idle.push(open());
  await new Promise((resolve) => setTimeout(resolve, 100)); // connections established
  const start = performance.now();
  const tick = () => {
    const now = performance.now();
    const due = Math.min(total, Math.floor(((now - start) * rate) / 1000) + 1);
    for (; issued < due; issued++) {
      lags.push(now - (start + (issued * 1000) / rate));
      waiting.push(now);
    }
    dispatch();
    if (issued < total) setTimeout(tick, 1);
  };
  tick();
  await finished;
  const elapsedS = (performance.now() - start) / 1000;
  for (const conn of idle) conn.socket.destroy();
  const sorted = Float64Array.from(latencies).sort();
  const lagSorted = Float64Array.from(lags).sort();
  return {
    ...stats,
    durationS: elapsedS,
    perSecond: stats.accepted / elapsedS,
    p50: round1(percentile(sorted, 50)),
    p99: round1(percentile(sorted, 99)),
    max: round1(sorted[sorted.length - 1] ?? 0),
    clientLagP99: round1(percentile(lagSorted, 99)),
  };
}
