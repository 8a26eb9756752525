import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A catch key: 256 random bits, base64url (43 characters). */
export function generateCatchKey(): string {
  return randomBytes(32).toString('base64url');
}

export function hashCatchKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** Constant-time comparison of a presented key with a stored hash. */
export function catchKeyMatches(presented: string, storedHash: Buffer): boolean {
  const hash = hashCatchKey(presented);
  return hash.length === storedHash.length && timingSafeEqual(hash, storedHash);
}

export function sealContext(flowId: string): string {
  return `flow:${flowId}:catchKey`;
}
