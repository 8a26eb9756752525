import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A catch key: 256 random bits, base64url (43 characters). */
export function generateCatchKey(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of the key (one-shot: every catch request hashes the key it presents). */
export function hashCatchKey(key: string): Buffer {
  return hash('sha256', key, 'buffer');
}

/** Constant-time comparison of a presented key with a stored hash. */
export function catchKeyMatches(presented: string, storedHash: Buffer): boolean {
  const presentedHash = hashCatchKey(presented);
  return presentedHash.length === storedHash.length && timingSafeEqual(presentedHash, storedHash);
}

export function sealContext(flowId: string): string {
  return `flow:${flowId}:catchKey`;
}
