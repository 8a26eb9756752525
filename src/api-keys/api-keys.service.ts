import { Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../common/app-error.js';
import type { ApiKeyEntity } from './api-key.entity.js';
import type { Role } from '../common/roles.js';
import { apiKeyHint, generateApiKey, hashApiKey, sameHash } from './api-key-token.js';
import { ApiKeysRepository } from './api-keys.repository.js';

export const ENV_ADMIN_KEY_NAME = 'admin (FLOWHUB_ADMIN_KEY)';
export const GENERATED_ADMIN_KEY_NAME = 'admin (generated on first start)';

export type BootstrapOutcome =
  | { kind: 'env-key-ready' }
  | { kind: 'env-key-revoked' }
  | { kind: 'generated'; key: string }
  | { kind: 'keys-exist' };

@Injectable()
export class ApiKeysService {
  constructor(private readonly keys: ApiKeysRepository) {}

  async create(name: string, role: Role = 'admin'): Promise<{ entity: ApiKeyEntity; key: string }> {
    const key = generateApiKey();
    const hint = apiKeyHint(key);
    const entity = await this.keys.insert({ name, role, hash: hashApiKey(key), hint });
    return { entity, key };
  }

  list(includeRevoked: boolean): Promise<ApiKeyEntity[]> {
    return this.keys.list(includeRevoked);
  }

  async revoke(id: string): Promise<void> {
    const found = await this.keys.findById(id);
    if (!found) throw new AppError(ErrorCode.NotFound, `No API key with id '${id}'`);
    await this.keys.revoke(id);
  }

  /** The active key matching `token`, or undefined. Compares hashes in constant time. */
  async authenticate(token: string): Promise<ApiKeyEntity | undefined> {
    const hash = hashApiKey(token);
    const found = await this.keys.findByHash(hash);
    if (!found || !sameHash(found.hash, hash) || found.revokedAt) return undefined;
    await this.keys.touch(found.id, new Date());
    return found;
  }

  /**
   * First start: make sure someone can call the API. With FLOWHUB_ADMIN_KEY, store its
   * hash once; without it, mint a key when no active key exists (the caller prints it).
   */
  bootstrap(adminKey: string | undefined): Promise<BootstrapOutcome> {
    return this.keys.withBootstrapLock(async (manager) => {
      if (adminKey) {
        const hash = hashApiKey(adminKey);
        const existing = await this.keys.findByHash(hash);
        if (existing) return { kind: existing.revokedAt ? 'env-key-revoked' : 'env-key-ready' };
        await this.keys.insert(
          { name: ENV_ADMIN_KEY_NAME, hash, hint: apiKeyHint(adminKey) },
          manager,
        );
        return { kind: 'env-key-ready' };
      }
      if ((await this.keys.list(false)).length > 0) return { kind: 'keys-exist' };
      const key = generateApiKey();
      const values = {
        name: GENERATED_ADMIN_KEY_NAME,
        hash: hashApiKey(key),
        hint: apiKeyHint(key),
      };
      await this.keys.insert(values, manager);
      return { kind: 'generated', key };
    });
  }
}
