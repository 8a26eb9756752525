import { randomBytes } from 'node:crypto';
import type { VerifyPreset } from '../engine/verify-presets.js';

/** One trigger.verify secret: the current one has no expiry; previous ones end after their grace. */
export interface VerifySecret {
  secret: string;
  addedAt: string;
  expiresAt: string | null;
}

/** What the API shows of them: never the secret itself. */
export type VerifySecretInfo = Omit<VerifySecret, 'secret'>;

const MAX_KEPT = 5;
/** Senders that issue the secret themselves: Flowhub cannot make one up for them. */
const SENDER_ISSUED: readonly VerifyPreset[] = ['stripe', 'shopify', 'slack', 'twilio'];

export const verifySealContext = (flowId: string) => `flow:${flowId}:verifySecrets`;

export function isSenderIssued(preset: VerifyPreset): boolean {
  return SENDER_ISSUED.includes(preset);
}

/** A fresh secret in the form the preset's senders expect. */
export function generateVerifySecret(preset: VerifyPreset): string {
  const bytes = randomBytes(32);
  return preset === 'standard-webhooks'
    ? `whsec_${bytes.toString('base64')}`
    : bytes.toString('base64url');
}

export function currentOnly(secret: string, now: Date): VerifySecret[] {
  return [{ secret, addedAt: now.toISOString(), expiresAt: null }];
}

/** The secrets still accepted at `now`, current first. */
export function liveSecrets(secrets: readonly VerifySecret[], now: number): VerifySecret[] {
  return secrets.filter((s) => s.expiresAt === null || Date.parse(s.expiresAt) > now);
}

/** `next` becomes current; the others stay accepted for `graceSeconds` at most (0: not at all). */
export function rotateSecrets(
  secrets: readonly VerifySecret[],
  next: string,
  graceSeconds: number,
  now: Date,
): VerifySecret[] {
  const graceEnd = now.getTime() + graceSeconds * 1000;
  const previous = liveSecrets(secrets, now.getTime())
    .filter((s) => s.secret !== next)
    .map((s) => ({
      ...s,
      expiresAt: new Date(
        Math.min(graceEnd, s.expiresAt ? Date.parse(s.expiresAt) : graceEnd),
      ).toISOString(),
    }))
    .filter(() => graceSeconds > 0);
  return [...currentOnly(next, now), ...previous].slice(0, MAX_KEPT);
}
