import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'fh_';

/** A new API key: `fh_` + 43 base64url characters (256 random bits). */
export function generateApiKey(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** What lists show so people can tell keys apart: never enough to use the key. */
export function apiKeyHint(key: string): string {
  return `${key.slice(0, key.startsWith(PREFIX) ? PREFIX.length + 4 : 4)}…`;
}

export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Pulls the key out of `Authorization: Bearer <key>`; undefined when absent or malformed. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
