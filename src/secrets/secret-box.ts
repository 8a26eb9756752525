import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface MasterKey {
  id: string;
  key: Buffer;
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

const FORMAT = 'fhs1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/**
 * Encrypts secrets at rest with AES-256-GCM. Each ciphertext names the master key that
 * made it (`fhs1.<keyId>.<iv>.<tag>.<data>`, base64url parts), so keys can be rotated:
 * the first key encrypts, every listed key decrypts. `context` is bound as associated
 * data (e.g. `connection:<id>:clientSecret`): a ciphertext copied to another place fails.
 */
export class SecretBox {
  private readonly keys: Map<string, Buffer>;
  private readonly active: MasterKey;

  constructor(keys: MasterKey[]) {
    if (keys.length === 0) throw new SecretBoxError('SecretBox needs at least one master key');
    for (const { id, key } of keys) {
      if (key.length !== KEY_BYTES) {
        throw new SecretBoxError(
          `master key '${id}' must be ${KEY_BYTES} bytes, got ${key.length}`,
        );
      }
    }
    this.keys = new Map(keys.map(({ id, key }) => [id, key]));
    if (this.keys.size !== keys.length) throw new SecretBoxError('master key ids must be unique');
    this.active = keys[0];
  }

  get activeKeyId(): string {
    return this.active.id;
  }

  encrypt(plaintext: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.active.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url'));
    return [FORMAT, this.active.id, ...parts].join('.');
  }

  decrypt(sealed: string, context = ''): string {
    const [format, keyId, iv, tag, data, ...rest] = sealed.split('.');
    if (format !== FORMAT || data === undefined || rest.length > 0) {
      throw new SecretBoxError(
        'not a Flowhub encrypted secret (expected fhs1.<keyId>.<iv>.<tag>.<data>)',
      );
    }
    const key = this.keys.get(keyId);
    if (!key) {
      throw new SecretBoxError(
        `secret was encrypted with master key '${keyId}', which is not in FLOWHUB_MASTER_KEYS`,
      );
    }
    const tagBytes = Buffer.from(tag, 'base64url');
    const ivBytes = Buffer.from(iv, 'base64url');
    if (tagBytes.length !== TAG_BYTES || ivBytes.length !== IV_BYTES) {
      throw new SecretBoxError('encrypted secret is truncated or corrupted');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, ivBytes);
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tagBytes);
      const plain = Buffer.concat([
        decipher.update(Buffer.from(data, 'base64url')),
        decipher.final(),
      ]);
      return plain.toString('utf8');
    } catch {
      throw new SecretBoxError(
        'encrypted secret failed authentication (wrong key, context or corrupted data)',
      );
    }
  }

  /** True when the secret should be re-encrypted because a newer master key is active. */
  needsRotation(sealed: string): boolean {
    return sealed.split('.')[1] !== this.active.id;
  }

  /** Decrypts with whichever key made it and encrypts again under the active key. */
  rotate(sealed: string, context = ''): string {
    return this.needsRotation(sealed)
      ? this.encrypt(this.decrypt(sealed, context), context)
      : sealed;
  }
}
