// The load generator, run as its own process: reads a spec as JSON on stdin, runs the load,
// prints a JSON summary on stdout. With `rate`, an open-loop paced load (./lib/paced-load.mjs), or
// with `bursts` too, autocannon's rate mode (each connection sends its quota for the second back
// to back at the start of the second); without `rate`, autocannon with `connections` requests in
// flight.
// spec: { origin, paths: string[], body: string, connections, durationS, rate?, bursts?, once? }
// once: each path exactly once, in order (warms every flow), instead of random paths for durationS.
import autocannon from 'autocannon';
import { pacedLoad } from './lib/paced-load.mjs';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const spec = JSON.parse(input);
const { paths } = spec;
const headers = { 'content-type': 'application/json' };

if (spec.rate && !spec.bursts && !spec.once) {
  process.stdout.write(JSON.stringify(await pacedLoad(spec)));
  process.exit(0);
}

let next = 0;
const pick = spec.once
  ? () => paths[next++ % paths.length]
  : () => paths[Math.floor(Math.random() * paths.length)];

const result = await autocannon({
  url: spec.origin,
  connections: spec.connections,
  ...(spec.once ? { amount: paths.length } : { duration: spec.durationS }),
  ...(spec.rate ? { overallRate: spec.rate } : {}),
  timeout: 10,
  requests: [
    {
      method: 'POST',
      headers,
      body: spec.body,
      // A random catch URL per request, so every flow is used whatever the connection count.
      setupRequest: (request) => ({
        ...request,
        path: pick(),
      }),
    },
  ],
});

const accepted = result['2xx'];
process.stdout.write(
  JSON.stringify({
    sent: result.requests.total,
    accepted,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationS: result.duration,
    perSecond: accepted / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
  }),
);
