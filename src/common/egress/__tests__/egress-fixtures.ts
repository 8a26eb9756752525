/**
 * The loopback servers the egress client specs call: `server` answers by path, `other` is a
 * second origin (another port) that echoes the Authorization header it received.
 */
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { sendJson, startLoopbackServer, type LoopbackServer } from './loopback-server.js';

export interface EgressFixtures {
  server: LoopbackServer;
  other: LoopbackServer;
  close(): Promise<void>;
}

export async function startEgressFixtures(): Promise<EgressFixtures> {
  const other = await startLoopbackServer((request, response) =>
    sendJson(response, 200, { authorization: request.headers.authorization ?? null }),
  );
  const server: LoopbackServer = await startLoopbackServer((request, response) => {
    const path = request.url.split('?')[0];
    switch (path) {
      case '/json':
        return sendJson(response, 200, { ok: true, items: [1, 2] }, { 'x-trace': 'abc' });
      case '/text':
        response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        return response.end('plain text');
      case '/echo':
        return sendJson(response, 201, {
          method: request.method,
          url: request.url,
          contentType: request.headers['content-type'] ?? null,
          custom: request.headers['x-custom'] ?? null,
          body: request.body.toString('utf8'),
        });
      case '/bad':
        response.writeHead(400, { 'content-type': 'text/plain' });
        return response.end(`missing field 'email' ${'x'.repeat(700)}`);
      case '/busy':
        return sendJson(response, 503, { error: 'busy' }, { 'retry-after': '120' });
      case '/busy-date':
        return sendJson(
          response,
          429,
          {},
          { 'retry-after': new Date(Date.now() + 30_000).toUTCString() },
        );
      case '/busy-long':
        return sendJson(response, 503, {}, { 'retry-after': '999999' });
      case '/big':
        response.writeHead(200, { 'content-type': 'text/plain' });
        return response.end('x'.repeat(5000));
      case '/big-chunked':
        response.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 10; i += 1) response.write('y'.repeat(500));
        return response.end();
      case '/bomb':
        response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
        return response.end(gzipSync(Buffer.alloc(100_000, 'z')));
      case '/encoded': {
        // ?as=gzip|deflate|deflate-raw|br: the same JSON, compressed that way.
        const as = new URL(request.url, 'http://x').searchParams.get('as') ?? '';
        const json = Buffer.from(JSON.stringify({ encoded: as, echo: request.headers }));
        const compress = {
          gzip: gzipSync,
          deflate: deflateSync,
          'deflate-raw': deflateRawSync,
          br: brotliCompressSync,
        }[as];
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-encoding': as.replace('-raw', ''),
        });
        return response.end(request.method === 'HEAD' ? undefined : compress?.(json));
      }
      case '/slow':
        setTimeout(() => sendJson(response, 200, { late: true }), 2_000).unref();
        return;
      case '/hop':
        response.writeHead(302, { location: '/json' });
        return response.end();
      case '/see-other':
        response.writeHead(303, { location: '/echo' });
        return response.end();
      case '/temporary':
        response.writeHead(307, { location: '/echo?again=1' });
        return response.end();
      case '/loop':
        response.writeHead(302, { location: '/loop' });
        return response.end();
      case '/to-blocked':
        response.writeHead(302, { location: `http://127.0.0.2:${server.port}/json` });
        return response.end();
      case '/to-localhost':
        response.writeHead(301, { location: `http://localhost:${server.port}/json` });
        return response.end();
      case '/to-other':
        response.writeHead(307, { location: `${other.origin}/` });
        return response.end();
      default:
        return sendJson(response, 404, { error: 'no route' });
    }
  });
  return {
    server,
    other,
    close: async () => void (await Promise.all([server.close(), other.close()])),
  };
}
