import http from 'node:http';

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Send the body without Content-Length (Transfer-Encoding: chunked), in pieces. */
  chunked?: boolean;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The response body exactly as received, as text. */
  text: string;
}

/**
 * Sends one request with node:http, which (unlike fetch) sends any method, raw bytes and
 * oversized headers as given. Resolves with the response, or rejects on a network error.
 */
export function sendRaw(baseUrl: string, request: RawRequest, agent: http.Agent) {
  const url = new URL(request.path, baseUrl);
  return new Promise<RawResponse>((resolve, reject) => {
    const headers = { ...request.headers };
    if (request.body && !request.chunked) headers['content-length'] = String(request.body.length);
    const outgoing = http.request(
      url,
      { method: request.method, headers, agent, timeout: 20_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.on('timeout', () => outgoing.destroy(new Error('timed out after 20 s')));
    if (request.body && request.chunked) {
      const piece = 64 * 1024;
      for (let at = 0; at < request.body.length; at += piece) {
        outgoing.write(request.body.subarray(at, at + piece));
      }
      outgoing.end();
    } else {
      outgoing.end(request.body);
    }
  });
}

/** Runs `work` over every item with at most `limit` in flight; results keep the input order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
