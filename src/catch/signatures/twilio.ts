import { createHash, createHmac } from 'node:crypto';
import {
  badSignature,
  headerValue,
  missingHeader,
  sameBytes,
  VerificationFailure,
  type VerifiableRequest,
} from './verification.js';

const HEADER = 'X-Twilio-Signature';

/**
 * What Twilio signs: the full public URL, then for form posts every parameter sorted by
 * name as name + value. JSON posts sign the URL alone and carry `bodySHA256` in the query.
 */
export function twilioSignedContent(
  url: string,
  request: Pick<VerifiableRequest, 'headers' | 'rawBody'>,
): string {
  const type = String(request.headers['content-type'] ?? '');
  if (!/^application\/x-www-form-urlencoded/i.test(type)) return url;
  const params = new URLSearchParams(request.rawBody.toString('utf8'));
  const names = [...new Set(params.keys())].sort();
  return names.reduce(
    (text, name) =>
      text +
      params
        .getAll(name)
        .sort()
        .map((value) => name + value)
        .join(''),
    url,
  );
}

export function twilioSignature(authToken: string, content: string): string {
  return createHmac('sha1', authToken).update(content, 'utf8').digest('base64');
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
  const url = request.publicUrl.replace(/\/+$/, '') + request.url;
  const bodyHash = new URL(url).searchParams.get('bodySHA256');
  if (bodyHash !== null) {
    const actual = createHash('sha256').update(request.rawBody).digest('hex');
    if (!sameBytes(Buffer.from(actual), Buffer.from(bodyHash.toLowerCase())))
      return badSignature('bodySHA256', 'Twilio');
  }
  const content = twilioSignedContent(url, request);
  const ok = secrets.some((token) =>
    sameBytes(Buffer.from(twilioSignature(token, content)), Buffer.from(presented)),
  );
  return ok ? undefined : badSignature(HEADER, 'Twilio');
}
