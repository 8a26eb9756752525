// The load generator, run as its own process: reads a spec as JSON on stdin, runs autocannon
// against it, prints a JSON summary on stdout.
// spec: { origin, paths: string[], body: string, connections, durationS, rate? }
import autocannon from 'autocannon';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const spec = JSON.parse(input);
const { paths } = spec;
const headers = { 'content-type': 'application/json' };

const result = await autocannon({
  url: spec.origin,
  connections: spec.connections,
  duration: spec.durationS,
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
        path: paths[Math.floor(Math.random() * paths.length)],
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
