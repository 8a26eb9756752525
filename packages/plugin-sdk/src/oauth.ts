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

/**
 * The authorization-code grant ("Connect with ..."): the host keeps the pending fields and the
 * `state`, sends the user to `authorizeUrl`, checks `state` on the way back, then `exchange`
 * turns the code into the fields to store (e.g. the refresh token).
 */
export interface OAuth2Authorization {
  /** Fields the user gives before leaving (e.g. clientId, clientSecret, dataCenter). */
  startFields: string[];
  authorizeUrl(ctx: {
    fields: Record<string, unknown>;
    state: string;
    redirectUri: string;
  }): string;
  /**
   * The code for the fields to store with the start fields. `query` is everything the
   * provider sent back (e.g. Zoho's accounts-server): check it before trusting it.
   */
  exchange(ctx: {
    fields: Record<string, unknown>;
    code: string;
    redirectUri: string;
    query: Record<string, string>;
    http: HttpClient;
  }): Promise<Record<string, unknown>>;
}

export interface OAuth2Definition {
  /** Set when users can connect through the provider's consent page. */
  authorization?: OAuth2Authorization;
  /** Exchange the connection's long-lived credentials for an access token. */
  refresh(ctx: { connection: Record<string, unknown>; http: HttpClient }): Promise<{
    accessToken: string;
    expiresInSeconds: number;
    extra?: Record<string, string>;
  }>;
}
