import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
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
    @InjectDataSource() private readonly dataSource: DataSource,
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
    await (manager ?? this.dataSource).query(
      'UPDATE connections SET token_cache = NULL WHERE id = $1',
      [id],
    );
  }

  private fresh(token: CachedToken | undefined): token is CachedToken {
    return token !== undefined && token.expiresAt - REFRESH_MARGIN_MS > Date.now();
  }

  private async token(id: string, connection: Record<string, unknown>, oauth2: OAuth2Definition) {
    const remembered = this.memory.get(id);
    if (this.fresh(remembered)) return remembered;
    const stored = await this.read(this.dataSource, id);
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

  private async read(db: DataSource | EntityManager, id: string): Promise<CachedToken | undefined> {
    const [row] = (await db.query('SELECT token_cache FROM connections WHERE id = $1', [id])) as {
      token_cache: string | null;
    }[];
    if (!row?.token_cache) return undefined;
    try {
      return JSON.parse(this.secrets.decrypt(row.token_cache, tokenContext(id))) as CachedToken;
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
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`oauth:${id}`]);
      const stored = await this.read(manager, id);
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
      await manager.query('UPDATE connections SET token_cache = $2 WHERE id = $1', [id, sealed]);
      this.memory.set(id, token);
      return token;
    });
  }
}
