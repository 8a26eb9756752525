import { randomBytes } from 'node:crypto';
import { SecretBox, SecretBoxError } from './secret-box.js';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };

describe('SecretBox', () => {
  it('round-trips a secret and never stores it in clear', () => {
    const box = new SecretBox([k1]);
    const sealed = box.encrypt('shpss_top-secret');
    expect(sealed).toMatch(/^fhs1\.k1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('top-secret');
    expect(box.decrypt(sealed)).toBe('shpss_top-secret');
  });

  it('uses a fresh IV each time', () => {
    const box = new SecretBox([k1]);
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('binds the ciphertext to its context', () => {
    const box = new SecretBox([k1]);
    const sealed = box.encrypt('s', 'connection:1:clientSecret');
    expect(box.decrypt(sealed, 'connection:1:clientSecret')).toBe('s');
    expect(() => box.decrypt(sealed, 'connection:2:clientSecret')).toThrow(/failed authentication/);
  });

  it('detects tampering', () => {
    const box = new SecretBox([k1]);
    const parts = box.encrypt('hello').split('.');
    const data = Buffer.from(parts[4], 'base64url');
    data[0] ^= 1;
    parts[4] = data.toString('base64url');
    expect(() => box.decrypt(parts.join('.'))).toThrow(SecretBoxError);
  });

  it('decrypts with older keys after rotation and re-encrypts under the active one', () => {
    const old = new SecretBox([k1]).encrypt('value', 'ctx');
    const rotated = new SecretBox([k2, k1]);
    expect(rotated.decrypt(old, 'ctx')).toBe('value');
    expect(rotated.needsRotation(old)).toBe(true);
    const fresh = rotated.rotate(old, 'ctx');
    expect(fresh.split('.')[1]).toBe('k2');
    expect(new SecretBox([k2]).decrypt(fresh, 'ctx')).toBe('value');
  });

  it('names the missing key when a secret was made with a key no longer configured', () => {
    const sealed = new SecretBox([k1]).encrypt('x');
    expect(() => new SecretBox([k2]).decrypt(sealed)).toThrow(
      "secret was encrypted with master key 'k1', which is not in FLOWHUB_MASTER_KEYS",
    );
  });

  it('rejects text that is not a sealed secret', () => {
    expect(() => new SecretBox([k1]).decrypt('plain')).toThrow(/not a Flowhub encrypted secret/);
  });

  it('refuses keys of the wrong size and duplicate ids', () => {
    expect(() => new SecretBox([{ id: 'k', key: randomBytes(16) }])).toThrow(/must be 32 bytes/);
    expect(() => new SecretBox([k1, { ...k1 }])).toThrow(/unique/);
    expect(() => new SecretBox([])).toThrow(/at least one/);
  });
});
