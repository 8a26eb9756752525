import { createHash, timingSafeEqual } from 'node:crypto';

/** What a verifier sees of a request: the exact bytes, lower-case headers, the parsed body. */
export interface VerifiableRequest {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** Path and query as requested, e.g. `/webhook/catch/<id>/<key>?a=1` (Twilio signs it). */
  url: string;
  /** FLOWHUB_PUBLIC_URL: the origin senders call (Twilio signs the full URL). */
  publicUrl?: string;
  /** Milliseconds since the epoch (injectable for tests). */
  now: number;
}

export type RejectionReason = 'missing-header' | 'stale-timestamp' | 'bad-signature';

/** VER-1: why a request was refused, in words that say what to fix (never the expected value). */
export class VerificationFailure {
  constructor(
    readonly status: 400 | 401,
    readonly reason: RejectionReason,
    readonly message: string,
  ) {}
}

export const missingHeader = (header: string, sender: string) =>
  new VerificationFailure(
    400,
    'missing-header',
    `Missing header ${header}: this flow verifies ${sender} requests (trigger.verify)`,
  );

export const badSignature = (where: string, sender: string) =>
  new VerificationFailure(
    401,
    'bad-signature',
    `${where} does not match: ${sender} signs the exact raw body bytes with the flow's secret — is this the flow's secret, and was the body sent unchanged?`,
  );

export function staleTimestamp(
  header: string,
  skewSeconds: number,
  toleranceSeconds: number,
): VerificationFailure {
  const direction = skewSeconds > 0 ? 'behind' : 'ahead of';
  return new VerificationFailure(
    401,
    'stale-timestamp',
    `Timestamp in ${header} is ${Math.abs(Math.round(skewSeconds))} s ${direction} Flowhub's clock; at most ${toleranceSeconds} s is accepted (replay protection): send a fresh delivery or fix the sender's clock`,
  );
}

/** The first value of a header (names lower-case), undefined when absent or empty. */
export function headerValue(request: VerifiableRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

/** Constant-time equality of two byte strings of any length (hashed first: no length leak). */
export function sameBytes(a: Buffer, b: Buffer): boolean {
  const hashA = createHash('sha256').update(a).digest();
  const hashB = createHash('sha256').update(b).digest();
  return timingSafeEqual(hashA, hashB) && a.length === b.length;
}

/**
 * Seconds the timestamp is behind the clock (negative: ahead), or a failure when it is not a
 * number or outside the tolerance.
 */
export function checkTimestamp(
  text: string,
  unit: 's' | 'ms',
  header: string,
  toleranceSeconds: number,
  now: number,
): VerificationFailure | undefined {
  if (!/^\d{1,16}$/.test(text.trim())) {
    return new VerificationFailure(
      400,
      'missing-header',
      `${header} must be a Unix timestamp in ${unit === 's' ? 'seconds' : 'milliseconds'}`,
    );
  }
  const millis = Number(text.trim()) * (unit === 's' ? 1000 : 1);
  const skew = (now - millis) / 1000;
  return Math.abs(skew) > toleranceSeconds
    ? staleTimestamp(header, skew, toleranceSeconds)
    : undefined;
}
