import { generateVerifySecret, liveSecrets, rotateSecrets, currentOnly } from './verify-secrets.js';

const T0 = new Date('2026-11-23T10:00:00Z');
const later = (seconds: number) => T0.getTime() + seconds * 1000;

describe('verify secrets', () => {
  it('keeps the old secret for the grace period only', () => {
    const rotated = rotateSecrets(currentOnly('old', T0), 'new', 3600, T0);
    expect(rotated.map((s) => s.secret)).toEqual(['new', 'old']);
    expect(liveSecrets(rotated, later(3599)).map((s) => s.secret)).toEqual(['new', 'old']);
    expect(liveSecrets(rotated, later(3601)).map((s) => s.secret)).toEqual(['new']);
  });

  it('drops the old secret at once without a grace period', () => {
    expect(rotateSecrets(currentOnly('old', T0), 'new', 0, T0).map((s) => s.secret)).toEqual([
      'new',
    ]);
  });

  it('never extends an earlier grace period and keeps at most five secrets', () => {
    let secrets = currentOnly('s0', T0);
    secrets = rotateSecrets(secrets, 's1', 60, T0);
    secrets = rotateSecrets(secrets, 's2', 86_400, T0);
    expect(secrets.find((s) => s.secret === 's0')!.expiresAt).toBe(
      new Date(later(60)).toISOString(),
    );
    for (let i = 3; i < 10; i += 1) secrets = rotateSecrets(secrets, `s${i}`, 86_400, T0);
    expect(secrets).toHaveLength(5);
    expect(secrets[0].secret).toBe('s9');
  });

  it('generates whsec_ secrets for Standard Webhooks and random text otherwise', () => {
    expect(generateVerifySecret('standard-webhooks')).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const a = generateVerifySecret('github');
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateVerifySecret('github')).not.toBe(a);
  });
});
