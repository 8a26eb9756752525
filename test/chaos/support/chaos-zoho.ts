import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startFakeZoho, type FakeZoho } from '../../fakes/fake-zoho.js';

/**
 * What the CRM does with one deal write:
 * - `commit-drop`: stores the deal, then drops the connection without an answer;
 * - `commit-500`: stores the deal, then answers 500 INTERNAL_ERROR;
 * - `commit-hang`: stores the deal, then never answers (the step's timeout fires);
 * - `duplicate`: stores nothing, answers Zoho's DUPLICATE_DATA naming a field and a record;
 * - `429`: stores nothing, answers 429 with `Retry-After: 1`.
 */
export type CrmFault = 'none' | 'commit-drop' | 'commit-500' | 'commit-hang' | 'duplicate' | '429';

export interface DealCall {
  /** The deal's Flowhub_Key (the step's idempotency key). */
  key: string;
  /** 1 for the first call with this key. */
  call: number;
  at: number;
  fault: CrmFault;
}

export interface ChaosZohoOptions {
  /** Latency of every CRM call, uniform in [min, max] ms (default 200-800, as in the issue). */
  latencyMs?: [number, number];
  /** Fault of one deal write; default none. */
  fault?: (call: Omit<DealCall, 'fault' | 'at'>) => CrmFault;
}

export interface ChaosZoho {
  /** Base URL for the connection (accounts server and API domain). */
  url: string;
  fake: FakeZoho;
  dealCalls: DealCall[];
  /** The record DUPLICATE_DATA names (seeded). */
  existingDealId: string;
  setFault(fault: ChaosZohoOptions['fault']): void;
  deals(): Record<string, unknown>[];
  close(): Promise<void>;
}

const DEAL_WRITE = /^\/crm\/v8\/Deals(\/upsert)?$/;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forward(target: string, req: IncomingMessage, body: Buffer) {
  return new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>(
    (resolve, reject) => {
      const headers = { ...req.headers, host: new URL(target).host };
      const out = httpRequest(`${target}${req.url}`, { method: req.method, headers }, (res) => {
        void readBody(res).then(
          (data) =>
            resolve({
              status: res.statusCode ?? 502,
              headers: { 'content-type': res.headers['content-type'] ?? 'application/json' },
              body: data,
            }),
          reject,
        );
      });
      out.on('error', reject);
      out.end(body);
    },
  );
}

function keyOf(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { data?: { Flowhub_Key?: string }[] };
    return parsed.data?.[0]?.Flowhub_Key;
  } catch {
    return undefined;
  }
}

/**
 * The contract-faithful fake Zoho behind a proxy that adds the CRM's latency and scripted
 * faults to deal writes. The fake itself stays the judge: a deal exists once it stored it.
 */
export async function startChaosZoho(options: ChaosZohoOptions = {}): Promise<ChaosZoho> {
  // Every worker restart may ask for a token: Zoho's 10 per 10 minutes would starve the test.
  const fake = await startFakeZoho({ rateLimitTokens: 100_000 });
  const existingDealId = fake.crm.addRecord('Deals', {
    Deal_Name: 'Existing deal',
    Stage: 'Qualification',
  });
  const [min, max] = options.latencyMs ?? [200, 800];
  let fault = options.fault ?? (() => 'none' as CrmFault);
  const dealCalls: DealCall[] = [];
  const callsPerKey = new Map<string, number>();
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const isCrm = req.url?.startsWith('/crm/');
      if (isCrm) await sleep(min + Math.random() * (max - min));
      const key = req.method === 'POST' && DEAL_WRITE.test(req.url!.split('?')[0]) && keyOf(body);
      let chosen: CrmFault = 'none';
      if (key) {
        const call = (callsPerKey.get(key) ?? 0) + 1;
        callsPerKey.set(key, call);
        chosen = fault({ key, call });
        dealCalls.push({ key, call, at: Date.now(), fault: chosen });
      }
      if (chosen === '429') {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(JSON.stringify({ code: 'TOO_MANY_REQUESTS', message: 'too many requests' }));
        return;
      }
      if (chosen === 'duplicate') {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            data: [
              {
                code: 'DUPLICATE_DATA',
                details: {
                  api_name: 'Deal_Name',
                  json_path: '$.data[0].Deal_Name',
                  duplicate_record: { id: existingDealId, module: { api_name: 'Deals' } },
                },
                message: 'duplicate data',
                status: 'error',
              },
            ],
          }),
        );
        return;
      }
      const reply = await forward(fake.url, req, body);
      if (chosen === 'commit-drop') {
        req.socket.destroy();
        return;
      }
      if (chosen === 'commit-hang') return;
      if (chosen === 'commit-500') {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'INTERNAL_ERROR', message: 'Internal Server Error' }));
        return;
      }
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    })().catch(() => req.socket.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    fake,
    dealCalls,
    existingDealId,
    setFault: (next) => (fault = next ?? (() => 'none')),
    deals: () => (fake.crm.records.Deals ?? []).filter((deal) => deal.id !== existingDealId),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.close();
    },
  };
}
