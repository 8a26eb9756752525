/**
 * One HTTP exchange of the egress client on node:http(s), through the agent it is given: the
 * request as the client built it, the answer read whole up to a byte cap and decoded from gzip,
 * deflate or br. No redirects and no retries here: the client follows redirects hop by hop and
 * checks each. axios did this job before; it cost about twice the CPU per call (ADR 0003).
 */
import { request as httpRequest, type Agent, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, inflateRaw } from 'node:zlib';
import { hasHeader } from './egress-body.util.js';
import type { Hop } from './egress-redirect.util.js';

export interface TransportResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  data: Buffer;
}

export interface ExchangeOptions {
  agent: Agent;
  signal: AbortSignal;
  /** Bytes read at most, before and after decoding. */
  maxBytes: number;
}

/** The answer (or its decoded form) was longer than ExchangeOptions.maxBytes. */
export class BodyOverCapError extends Error {
  override readonly name = 'BodyOverCapError';
}

/** Sent unless the caller set them (any spelling). */
const DEFAULT_HEADERS: Record<string, string> = {
  accept: 'application/json, text/plain, */*',
  'accept-encoding': 'gzip, deflate, br',
  'user-agent': 'Flowhub',
};

type Decoder = (data: Buffer, options: { maxOutputLength: number }) => Promise<Buffer>;
const gunzipAsync = promisify(gunzip) as Decoder;
const inflateAsync = promisify(inflate) as Decoder;
const inflateRawAsync = promisify(inflateRaw) as Decoder;
const brotliAsync = promisify(brotliDecompress) as Decoder;

/** "deflate" is meant as zlib-wrapped (RFC 9110) but some servers send it raw. */
const isZlibWrapped = (data: Buffer) =>
  data.length >= 2 && (data[0] & 0x0f) === 8 && ((data[0] << 8) | data[1]) % 31 === 0;

const DECODERS: Record<string, (data: Buffer) => Decoder> = {
  gzip: () => gunzipAsync,
  'x-gzip': () => gunzipAsync,
  deflate: (data) => (isZlibWrapped(data) ? inflateAsync : inflateRawAsync),
  br: () => brotliAsync,
};

function requestHeaders(hop: Hop): Record<string, string | number> {
  const headers: Record<string, string | number> = { ...hop.headers };
  for (const [name, value] of Object.entries(DEFAULT_HEADERS)) {
    if (!hasHeader(hop.headers, name)) headers[name] = value;
  }
  if (hop.body !== undefined) headers['content-length'] = hop.body.length;
  return headers;
}

async function decode(
  data: Buffer,
  headers: IncomingHttpHeaders,
  maxBytes: number,
): Promise<Buffer> {
  const encoding = headers['content-encoding']?.trim().toLowerCase() ?? '';
  const decoder = DECODERS[encoding];
  if (!decoder || data.length === 0) return data;
  try {
    const decoded = await decoder(data)(data, { maxOutputLength: maxBytes });
    delete headers['content-encoding'];
    delete headers['content-length'];
    return decoded;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new BodyOverCapError(`decoded body over ${maxBytes} bytes`);
    }
    throw error;
  }
}

export function exchange(hop: Hop, options: ExchangeOptions): Promise<TransportResponse> {
  const send = hop.url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(hop.url, {
      method: hop.method,
      headers: requestHeaders(hop),
      agent: options.agent,
      signal: options.signal,
    });
    let overCap: BodyOverCapError | undefined;
    // Destroying the request surfaces as a reset on the response: report the cap instead.
    const fail = (error: unknown) => reject(overCap ?? error);
    request.on('error', fail);
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      let length = 0;
      response.on('data', (chunk: Buffer) => {
        length += chunk.length;
        if (length <= options.maxBytes) return void chunks.push(chunk);
        overCap ??= new BodyOverCapError(`body over ${options.maxBytes} bytes`);
        response.destroy(overCap);
      });
      response.on('error', fail);
      response.once('end', () => {
        const data = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length);
        decode(data, response.headers, options.maxBytes).then(
          (body) =>
            resolve({
              status: response.statusCode ?? 0,
              statusText: response.statusMessage ?? '',
              headers: response.headers,
              data: body,
            }),
          fail,
        );
      });
    });
    request.end(hop.body);
  });
}
