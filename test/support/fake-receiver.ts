import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  body: unknown;
  at: number;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface FakeReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Effects applied, by Idempotency-Key: a repeated key is answered but not applied again. */
  effects: Map<string, number>;
  close(): Promise<void>;
}

/**
 * An HTTP receiver on loopback standing in for an ERP or any webhook target. `reply`
 * decides each answer (by request index); like Stripe, a key it has already applied is
 * acknowledged without applying it twice.
 */
export async function startReceiver(
  reply: (request: ReceivedRequest, index: number) => Reply = () => ({
    status: 200,
    body: { ok: true },
  }),
): Promise<FakeReceiver> {
  const requests: ReceivedRequest[] = [];
  const effects = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body: unknown = raw.toString('utf8');
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        // not JSON: keep the text
      }
      const received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        raw,
        body,
        at: Date.now(),
      };
      const index = requests.push(received) - 1;
      const answer = reply(received, index);
      const send = () => {
        const key = req.headers['idempotency-key'];
        if (answer.status < 300 && typeof key === 'string')
          effects.set(key, (effects.get(key) ?? 0) + (effects.has(key) ? 0 : 1));
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body ?? {}));
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    effects,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
