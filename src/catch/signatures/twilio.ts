import { createHash, createHmac } from 'node:crypto';
import { parse, stringify } from 'node:querystring';
import { redactCatchPath } from '../../common/catch-not-found.js';
import {
  badSignature,
  headerValue,
  missingHeader,
  sameBytes,
  VerificationFailure,
  type VerifiableRequest,
} from './verification.js';

/*
 * Mirrors twilio-node's src/webhooks/webhooks.ts (validateRequest, getExpectedTwilioSignature,
 * toFormUrlEncodedParam) and its WebhookSignatureValidation example: the signature is always in
 * X-Twilio-Signature; a delivery signed with a SharedKey (Webhook Settings) also carries
 * `X-Twilio-Webhooks-Signature-Settings: key=<sid>,algorithm=HMAC_SHA256`, and only the hash
 * changes. The signed string is the same: the URL, then the sorted POST parameters.
 */
const HEADER = 'X-Twilio-Signature';
export const TWILIO_SETTINGS_HEADER = 'X-Twilio-Webhooks-Signature-Settings';

export type TwilioAlgorithm = 'sha1' | 'sha256';

const isForm = (request: Pick<VerifiableRequest, 'headers'>) =>
  /^application\/x-www-form-urlencoded/i.test(String(request.headers['content-type'] ?? ''));

/**
 * What Twilio signs: the URL, then for form posts every parameter sorted by name as name +
 * value; a repeated name signs each distinct value once, values sorted (`a=2&a=1&a=1` signs
 * `a1a2`), as twilio-node's toFormUrlEncodedParam does. JSON posts sign the URL alone and
 * carry `bodySHA256` in the query.
 */
export function twilioSignedContent(
  url: string,
  request: Pick<VerifiableRequest, 'headers' | 'rawBody'>,
): string {
  if (!isForm(request)) return url;
  const params = new URLSearchParams(request.rawBody.toString('utf8'));
  const names = [...new Set(params.keys())].sort();
  return names.reduce(
    (text, name) =>
      text +
      [...new Set(params.getAll(name))]
        .sort()
        .map((value) => name + value)
        .join(''),
    url,
  );
}

export function twilioSignature(
  secret: string,
  content: string,
  algorithm: TwilioAlgorithm = 'sha1',
): string {
  return createHmac(algorithm, secret).update(content, 'utf8').digest('base64');
}

/** twilio-node's addPort: the default port written out (`https://host:443/...`). */
function withStandardPort(url: URL): string {
  if (url.port) return url.toString();
  const port = url.protocol === 'https:' ? ':443' : ':80';
  const auth = url.username + (url.password ? `:${url.password}` : '');
  return `${url.protocol}//${auth}${auth ? '@' : ''}${url.host}${port}${url.pathname}${url.search}${url.hash}`;
}

/** twilio-node's removePort. */
function withoutPort(url: URL): string {
  const copy = new URL(url);
  copy.port = '';
  return copy.toString();
}

/** twilio-node's withLegacyQuerystring: the query re-encoded by node:querystring. */
function withLegacyQuery(text: string): string {
  const url = new URL(text);
  if (!url.search) return text;
  const query = stringify(parse(url.search.slice(1)));
  url.search = '';
  return `${url.toString()}?${query}`;
}

/**
 * The URLs twilio-node's validateRequest accepts a signature for ("signature generation on the
 * back end is inconsistent"): without and with the port, each with the query as given and as
 * node:querystring re-encodes it. The URL as Flowhub built it comes first.
 */
export function twilioUrlCandidates(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [url];
  }
  const without = withoutPort(parsed);
  const withPort = withStandardPort(parsed);
  return [
    ...new Set([url, without, withPort, withLegacyQuery(without), withLegacyQuery(withPort)]),
  ];
}

/**
 * The hash a delivery was signed with: HMAC-SHA1 unless X-Twilio-Webhooks-Signature-Settings
 * names another algorithm; undefined for an algorithm Twilio's library does not know.
 */
function signingAlgorithm(request: VerifiableRequest): TwilioAlgorithm | undefined {
  const settings = headerValue(request, TWILIO_SETTINGS_HEADER);
  if (settings === undefined) return 'sha1';
  const named = /(?:^|[,;])\s*algorithm\s*=\s*([^,;\s]*)/i.exec(settings)?.[1]?.toUpperCase();
  if (named === undefined || named === 'HMAC_SHA1') return 'sha1';
  return named === 'HMAC_SHA256' ? 'sha256' : undefined;
}

/** The URL Flowhub checked, as an error may show it: catch key and query string left out. */
function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const query = parsed.search ? '?… (query string not shown)' : '';
    return `${parsed.origin}${redactCatchPath(parsed.pathname)}${query}`;
  } catch {
    return 'FLOWHUB_PUBLIC_URL + the requested path';
  }
}

function urlMismatch(url: string, algorithm: TwilioAlgorithm): VerificationFailure {
  const hash = algorithm === 'sha1' ? 'HMAC-SHA1' : 'HMAC-SHA256';
  return new VerificationFailure(
    401,
    'bad-signature',
    `${HEADER} does not match: Twilio signs (${hash}, with the flow's secret: the Auth Token, or the SharedKey secret when ${TWILIO_SETTINGS_HEADER} is sent) the URL configured in Twilio followed by the POST parameters sorted by name. Flowhub used ${shownUrl(url)}, that is FLOWHUB_PUBLIC_URL + the requested path: if the URL in Twilio differs (scheme, host, port, or a proxy that changes the path), make FLOWHUB_PUBLIC_URL match it; otherwise check the flow's secret`,
  );
}

/** The URL comes from FLOWHUB_PUBLIC_URL, never from the request's Host or X-Forwarded-* headers. */
export function verifyTwilio(
  secrets: readonly string[],
  request: VerifiableRequest,
): VerificationFailure | undefined {
  const presented = headerValue(request, HEADER);
  if (presented === undefined) return missingHeader(HEADER, 'Twilio');
  if (!request.publicUrl) {
    return new VerificationFailure(
      401,
      'bad-signature',
      'Twilio signatures cover the public URL: set FLOWHUB_PUBLIC_URL to the base URL Twilio calls',
    );
  }
  const algorithm = signingAlgorithm(request);
  if (algorithm === undefined) {
    return new VerificationFailure(
      401,
      'bad-signature',
      `${TWILIO_SETTINGS_HEADER} names a signing algorithm Flowhub does not check: use HMAC_SHA256 or HMAC_SHA1 in the Webhook Setting's signature`,
    );
  }
  const url = request.publicUrl.replace(/\/+$/, '') + request.url;
  const bodyHash = new URL(url).searchParams.get('bodySHA256');
  if (bodyHash !== null) {
    const actual = createHash('sha256').update(request.rawBody).digest('hex');
    if (!sameBytes(Buffer.from(actual), Buffer.from(bodyHash.toLowerCase())))
      return badSignature('bodySHA256', 'Twilio');
  }
  const signed = Buffer.from(presented);
  const params = twilioSignedContent('', request);
  for (const candidate of twilioUrlCandidates(url)) {
    const content = candidate + params;
    const ok = secrets.some((secret) =>
      sameBytes(Buffer.from(twilioSignature(secret, content, algorithm)), signed),
    );
    if (ok) return undefined;
  }
  return urlMismatch(url, algorithm);
}
