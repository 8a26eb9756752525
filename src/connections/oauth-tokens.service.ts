import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TokenCacheRepository } from './token-cache.repository.js';
import { EGRESS_HTTP } from '../plugin-host/plugin-host.module.js';
import type { HttpClient, OAuth2Access, OAuth2Definition, OAuth2Token } from '@flowhub/plugin-sdk';
import { SecretBox } from '../secrets/secret-box.js';

/** Refresh this long before the provider's expiry, so no call goes out with a dying token. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

interface CachedToken extends OAuth2Token {
  expiresAt: number;
}

const tokenContext = (id: string) => `connection:${id}:tokenCache`;

/**
 * OAuth2 access tokens per connection. A token is kept (encrypted) in Postgres until shortly
 * before it expires, so every process shares it; a refresh happens once per connection even
 * when many steps ask at once — in-process by sharing one promise, across processes under a
 * Postgres advisory lock (Zoho allows only 10 tokens per 10 minutes).
 */
@Injectable()
export class OAuthTokens {
  private readonly memory = new Map<string, CachedToken>();
  private readonly inflight = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly cache: TokenCacheRepository,
    private readonly secrets: SecretBox,
    @Inject(EGRESS_HTTP) private readonly http: HttpClient,
  ) {}

  access(id: string, connection: Record<string, unknown>, oauth2: OAuth2Definition): OAuth2Access {
    return {
      token: () => this.token(id, connection, oauth2),
      refresh: (stale) => this.once(id, () => this.refreshLocked(id, connection, oauth2, stale)),
    };
  }

  /** Forget a connection's token (its credentials changed). */
  async forget(id: string, manager?: EntityManager): Promise<void> {
    this.memory.delete(id);
    await this.cache.write(id, null, manager);
  }

  private fresh(token: CachedToken | undefined): token is CachedToken {
    return token !== undefined && token.expiresAt - REFRESH_MARGIN_MS > Date.now();
  }

  private async token(id: string, connection: Record<string, unknown>, oauth2: OAuth2Definition) {
    const remembered = this.memory.get(id);
    if (this.fresh(remembered)) return remembered;
    const stored = await this.read(id);
    if (this.fresh(stored)) {
      this.memory.set(id, stored);
      return stored;
    }
    return this.once(id, () => this.refreshLocked(id, connection, oauth2));
  }

  private once(id: string, work: () => Promise<CachedToken>): Promise<CachedToken> {
    let pending = this.inflight.get(id);
    if (!pending) {
      pending = work().finally(() => this.inflight.delete(id));
      this.inflight.set(id, pending);
    }
    return pending;
  }

  private async read(id: string, manager?: EntityManager): Promise<CachedToken | undefined> {
    const sealed = await this.cache.read(id, manager);
    if (!sealed) return undefined;
    try {
      return JSON.parse(this.secrets.decrypt(sealed, tokenContext(id))) as CachedToken;
    } catch {
      return undefined;
    }
  }

  /** Under the connection's lock: reuse what another process just fetched, else refresh. */
  private refreshLocked(
    id: string,
    connection: Record<string, unknown>,
    oauth2: OAuth2Definition,
    stale?: string,
  ) {
    return this.cache.locked(id, async (manager) => {
      const stored = await this.read(id, manager);
      if (this.fresh(stored) && stored.accessToken !== stale) {
        this.memory.set(id, stored);
        return stored;
      }
      const reply = await oauth2.refresh({ connection, http: this.http });
      const token: CachedToken = {
        accessToken: reply.accessToken,
        extra: reply.extra ?? {},
        expiresAt: Date.now() + reply.expiresInSeconds * 1000,
      };
      const sealed = this.secrets.encrypt(JSON.stringify(token), tokenContext(id));
      await this.cache.write(id, sealed, manager);
      this.memory.set(id, token);
      return token;
    });
  }
}
