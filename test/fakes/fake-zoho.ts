import { createServer, type IncomingMessage } from 'node:http';
import { createFakeCrm, type FakeZohoCrm } from './fake-zoho-crm.js';
import { createFakeInventory, type FakeZohoInventory } from './fake-zoho-inventory.js';
import { createFakeOAuth, INVALID_TOKEN_BODY, type FakeZohoOAuth } from './fake-zoho-oauth.js';

export type { FakeZohoCrm, CrmRecord } from './fake-zoho-crm.js';
export type {
  FakeZohoInventory,
  InventoryContact,
  InventoryItem,
  InventorySalesOrder,
} from './fake-zoho-inventory.js';
export type { FakeZohoOAuth } from './fake-zoho-oauth.js';
export { INVALID_TOKEN_BODY } from './fake-zoho-oauth.js';

/** One API call as the fake saw it: header names lower-case, body parsed from JSON or a form. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

/** What a handler answers; `body: undefined` sends an empty body (Zoho's 204). */
export interface Reply {
  status: number;
  body?: unknown;
  /** A redirect's target (the authorize endpoint). */
  location?: string;
}

export interface FakeZoho {
  /** Base URL: serves the accounts server (/oauth/v2/token) and the API domain (/crm, /inventory). */
  url: string;
  accountsUrl: string;
  apiDomain: string;
  oauth: FakeZohoOAuth;
  crm: FakeZohoCrm;
  inventory: FakeZohoInventory;
  close(): Promise<void>;
}

export interface FakeZohoOptions {
  /** `expires_in` of issued access tokens; default 3600 (Zoho's hour). */
  tokenLifetimeSeconds?: number;
  /** Access tokens allowed per refresh token in a rolling 10 minutes; default 10 (Zoho's limit). */
  rateLimitTokens?: number;
}

const NOT_FOUND_BODY = {
  code: 'INVALID_URL_PATTERN',
  details: {},
  message: 'Please check if the URL trying to access is a correct one',
  status: 'error',
};

/**
 * A loopback stand-in for Zoho: Accounts OAuth (refresh grant), CRM v8 and Inventory v1,
 * answering with Zoho's documented shapes, including its quirks (200 with
 * `{"error":...}` for bad OAuth clients, 204 with an empty body for empty searches, 207
 * multi-status). Every API call needs a current `Zoho-oauthtoken`; `failNext` scripts faults.
 */
export async function startFakeZoho(options: FakeZohoOptions = {}): Promise<FakeZoho> {
  let url = '';
  const oauth = createFakeOAuth({
    apiDomain: () => url,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    rateLimitTokens: options.rateLimitTokens ?? 10,
  });
  const crm = createFakeCrm();
  const inventory = createFakeInventory();

  const route = (request: RecordedRequest): Reply => {
    if (request.path === '/oauth/v2/auth') return oauth.handleAuthorize(request.query, url);
    if (request.path === '/oauth/v2/token') {
      const params = { ...request.query, ...formFields(request.body) };
      return oauth.handleToken(request.method, params);
    }
    const product = request.path.startsWith('/crm/v8/')
      ? crm
      : request.path.startsWith('/inventory/v1/')
        ? inventory
        : undefined;
    if (!product) return { status: 404, body: NOT_FOUND_BODY };
    product.state.requests.push(request);
    const failure = product.takeFailure();
    if (failure) return failure;
    const token = /^Zoho-oauthtoken\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token || !oauth.isValid(token)) return { status: 401, body: INVALID_TOKEN_BODY };
    return product.handle(request);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let reply: Reply;
      try {
        reply = route(toRecorded(req, Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reply = { status: 500, body: { code: 'INTERNAL_ERROR', message: String(error) } };
      }
      if (reply.body === undefined) {
        res.writeHead(reply.status, reply.location ? { location: reply.location } : {});
        res.end();
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json;charset=UTF-8' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  url = `http://127.0.0.1:${port}`;
  return {
    url,
    accountsUrl: url,
    apiDomain: url,
    oauth: oauth.state,
    crm: crm.state,
    inventory: inventory.state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function toRecorded(req: IncomingMessage, text: string): RecordedRequest {
  const parsed = new URL(req.url ?? '/', 'http://fake.zoho');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = [value].flat().join(', ');
  }
  return {
    method: req.method ?? 'GET',
    path: parsed.pathname,
    query: Object.fromEntries(parsed.searchParams),
    headers,
    body: parseBody(text, headers['content-type'] ?? ''),
  };
}

function parseBody(text: string, contentType: string): unknown {
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function formFields(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, String(value)]));
}

/** The fields of a Zoho connection that signs in to `zoho` (its OAuth client and endpoints). */
export function zohoConnectionFields(zoho: FakeZoho) {
  return {
    clientId: zoho.oauth.clientId,
    clientSecret: zoho.oauth.clientSecret,
    refreshToken: zoho.oauth.refreshToken,
    accountsUrl: zoho.accountsUrl,
    apiDomain: zoho.apiDomain,
  };
}
