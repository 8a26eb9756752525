import {
  headerValue,
  missingHeader,
  sameBytes,
  VerificationFailure,
  type VerifiableRequest,
} from './verification.js';

const matchesAny = (presented: string, secrets: readonly string[]) =>
  secrets.some((secret) => sameBytes(Buffer.from(presented), Buffer.from(secret)));

/** static-token: a header (default X-Webhook-Secret; `Bearer ` accepted on Authorization). */
export function verifyStaticHeader(
  header: string,
  secrets: readonly string[],
  request: VerifiableRequest,
): VerificationFailure | undefined {
  const value = headerValue(request, header);
  if (value === undefined) return missingHeader(header, 'token-protected');
  const token = header.toLowerCase() === 'authorization' ? value.replace(/^Bearer\s+/i, '') : value;
  if (matchesAny(token, secrets)) return undefined;
  return new VerificationFailure(
    401,
    'bad-signature',
    `${header} does not hold this flow's secret: send the token set in trigger.verify`,
  );
}

/** static-token with basicAuth: `Authorization: Basic base64(user:password)`, secret `user:password`. */
export function verifyBasicAuth(
  secrets: readonly string[],
  request: VerifiableRequest,
): VerificationFailure | undefined {
  const value = headerValue(request, 'authorization');
  if (value === undefined) return missingHeader('Authorization', 'basic-auth-protected');
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(value);
  const credentials = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  if (matchesAny(credentials, secrets)) return undefined;
  return new VerificationFailure(
    401,
    'bad-signature',
    'Authorization does not hold the user:password this flow expects (Basic auth)',
  );
}

/** zoho-crm: the body field `token` equals the token set when the notification channel was enabled. */
export function verifyZohoCrmToken(
  secrets: readonly string[],
  request: VerifiableRequest,
): VerificationFailure | undefined {
  const body = request.body;
  const token =
    body && typeof body === 'object' && !Array.isArray(body)
      ? (body as Record<string, unknown>).token
      : undefined;
  if (typeof token !== 'string' || token === '') {
    return new VerificationFailure(
      400,
      'missing-header',
      'Missing body field token: Zoho CRM notifications carry the channel token set with "Enable notifications"',
    );
  }
  if (matchesAny(token, secrets)) return undefined;
  return new VerificationFailure(
    401,
    'bad-signature',
    "Body field token is not this flow's channel token: use the token given to Zoho CRM when enabling notifications",
  );
}
