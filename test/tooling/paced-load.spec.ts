import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// The bench's paced client (bench/lib/paced-load.mjs): an open-loop load whose latency includes
// the wait of requests that a slow server kept from being sent.
const MODULE = '../../bench/lib/paced-load.mjs';

interface Summary {
  sent: number;
  accepted: number;
  non2xx: number;
  perSecond: number;
  p50: number;
  p99: number;
}
interface PacedModule {
  pacedLoad(spec: {
    origin: string;
    paths: string[];
    body: string;
    connections: number;
    durationS: number;
    rate: number;
  }): Promise<Summary>;
  readResponse(buf: Buffer): { status: number; total: number } | undefined;
}

function server(delayMs: number, arrivals: number[]): Promise<Server> {
  const s = createServer((req, res) => {
    arrivals.push(performance.now());
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        res.statusCode = req.url === '/refused' ? 429 : 202;
        res.end('{}');
      }, delayMs),
    );
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

const originOf = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

describe('paced load (bench)', () => {
  let paced: PacedModule;
  const servers: Server[] = [];

  beforeAll(async () => {
    paced = (await import(MODULE)) as PacedModule;
  });
  afterAll(() => servers.forEach((s) => s.close()));

  it('spreads requests over the window instead of sending a second at once', async () => {
    const arrivals: number[] = [];
    const s = await server(0, arrivals);
    servers.push(s);
    const result = await paced.pacedLoad({
      origin: originOf(s),
      paths: ['/ok', '/refused'],
      body: '{"a":1}',
      connections: 20,
      durationS: 1,
      rate: 200,
    });
    expect(result.sent).toBe(200);
    expect(result.accepted + result.non2xx).toBe(200);
    expect(result.accepted).toBeGreaterThan(50);
    expect(result.non2xx).toBeGreaterThan(50);
    const first = arrivals[0];
    const inFirstTenth = arrivals.filter((t) => t - first < 100).length;
    // 20 are due in the first 100 ms; a per-second burst would send all 200 there.
    expect(inFirstTenth).toBeLessThan(60);
  });

  it('charges requests that wait for a connection held by a slow server', async () => {
    const s = await server(20, []);
    servers.push(s);
    // One connection and 20 ms per answer: 50/s at most, while 100/s are due.
    const result = await paced.pacedLoad({
      origin: originOf(s),
      paths: ['/ok'],
      body: '{}',
      connections: 1,
      durationS: 1,
      rate: 100,
    });
    expect(result.accepted).toBe(100);
    expect(result.perSecond).toBeLessThan(60);
    expect(result.p99).toBeGreaterThan(500);
  });

  it('reads a response only once its body is complete', () => {
    const head = 'HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\n';
    expect(paced.readResponse(Buffer.from(head + '{'))).toBeUndefined();
    expect(paced.readResponse(Buffer.from(`${head}{}HTTP/1.1`))).toEqual({
      status: 202,
      total: head.length + 2,
    });
  });
});
