/** OAuth2 refresh-token connections: the host caches the tokens, actions get `ctx.auth`. */
import type { HttpClient } from './http-client.js';

/** An access token with what the provider said alongside it (e.g. Zoho's api_domain). */
export interface OAuth2Token {
  accessToken: string;
  extra: Record<string, string>;
}

export interface OAuth2Access {
  /** A valid token: cached (encrypted) until shortly before expiry, refreshed once per connection. */
  token(): Promise<OAuth2Token>;
  /** The provider refused `stale` (401): get a fresh token (one refresh, however many ask). */
  refresh(stale: string): Promise<OAuth2Token>;
}

export interface OAuth2Definition {
  /** Exchange the connection's long-lived credentials for an access token. */
  refresh(ctx: { connection: Record<string, unknown>; http: HttpClient }): Promise<{
    accessToken: string;
    expiresInSeconds: number;
    extra?: Record<string, string>;
  }>;
}
