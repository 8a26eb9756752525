import { randomBytes } from 'node:crypto';
import type { Reply } from './fake-zoho.js';

export interface FakeZohoOAuth {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Every POST to /oauth/v2/token, refused ones included. */
  tokenRequests: number;
  /** Access tokens issued, oldest first (expired ones stay listed). */
  issued: string[];
  /** Invalidates one access token, or every token issued so far (expiry mid-run). */
  expire(token?: string): void;
  /** `expires_in` of the next tokens; may be changed between calls. */
  tokenLifetimeSeconds: number;
  /** Authorize requests, as received (the user consents at once). */
  authorizations: Record<string, string>[];
  /** Codes issued by the authorize endpoint, by code: the redirect URI each was issued for. */
  codes: Map<string, string>;
}

/** Zoho's answer to a missing, unknown or expired access token (HTTP 401). */
export const INVALID_TOKEN_BODY = {
  code: 'INVALID_TOKEN',
  details: {},
  message: 'invalid oauth token',
  status: 'error',
};

const WINDOW_MS = 10 * 60 * 1000;

const TOO_MANY_REQUESTS = {
  error: 'Access Denied',
  error_description:
    'You have made too many requests continuously. Please try again after some time.',
};

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** Zoho Accounts' refresh-token grant, with its quirk of answering bad clients with HTTP 200. */
export function createFakeOAuth(options: {
  apiDomain: () => string;
  tokenLifetimeSeconds: number;
  rateLimitTokens: number;
}) {
  const expiresAt = new Map<string, number>();
  let issuedAt: number[] = [];
  const state: FakeZohoOAuth = {
    clientId: `1000.${hex(15).toUpperCase()}`,
    clientSecret: hex(21),
    refreshToken: `1000.${hex(16)}.${hex(16)}`,
    tokenRequests: 0,
    issued: [],
    tokenLifetimeSeconds: options.tokenLifetimeSeconds,
    authorizations: [],
    codes: new Map(),
    expire(token?: string) {
      for (const known of expiresAt.keys()) {
        if (token === undefined || token === known) expiresAt.set(known, 0);
      }
    },
  };

  const handleToken = (method: string, params: Record<string, string>): Reply => {
    state.tokenRequests += 1;
    if (method !== 'POST') return { status: 405, body: { error: 'invalid_request' } };
    if (params.grant_type === 'authorization_code') return codeGrant(params);
    if (params.grant_type !== 'refresh_token') {
      return { status: 200, body: { error: 'unsupported_grant_type' } };
    }
    if (params.client_id !== state.clientId || params.client_secret !== state.clientSecret) {
      return { status: 200, body: { error: 'invalid_client' } };
    }
    if (params.refresh_token !== state.refreshToken) {
      return { status: 200, body: { error: 'invalid_code' } };
    }
    const now = Date.now();
    issuedAt = issuedAt.filter((at) => at > now - WINDOW_MS);
    if (issuedAt.length >= options.rateLimitTokens) {
      return { status: 400, body: TOO_MANY_REQUESTS };
    }
    issuedAt.push(now);
    const lifetime = state.tokenLifetimeSeconds;
    const accessToken = `1000.${hex(16)}.${hex(16)}`;
    expiresAt.set(accessToken, now + lifetime * 1000);
    state.issued.push(accessToken);
    return {
      status: 200,
      body: {
        access_token: accessToken,
        expires_in: lifetime,
        api_domain: options.apiDomain(),
        token_type: 'Bearer',
      },
    };
  };

  /** The user consented: back to redirect_uri with a one-time code, Zoho's DC parameters and state. */
  const handleAuthorize = (query: Record<string, string>, accountsServer: string): Reply => {
    state.authorizations.push(query);
    if (query.client_id !== state.clientId)
      return { status: 400, body: { error: 'invalid_client' } };
    const code = `1000.${hex(16)}.${hex(16)}`;
    state.codes.set(code, query.redirect_uri);
    const back = new URL(query.redirect_uri);
    for (const [name, value] of Object.entries({
      code,
      location: 'us',
      'accounts-server': accountsServer,
      state: query.state,
    })) {
      back.searchParams.set(name, value);
    }
    return { status: 302, location: back.toString() };
  };

  const codeGrant = (params: Record<string, string>): Reply => {
    if (params.client_id !== state.clientId || params.client_secret !== state.clientSecret) {
      return { status: 200, body: { error: 'invalid_client' } };
    }
    const issuedFor = state.codes.get(params.code);
    state.codes.delete(params.code);
    if (issuedFor === undefined || issuedFor !== params.redirect_uri) {
      return { status: 200, body: { error: 'invalid_code' } };
    }
    const reply = handleToken('POST', {
      ...params,
      grant_type: 'refresh_token',
      refresh_token: state.refreshToken,
    });
    state.tokenRequests -= 1; // one request, counted once
    return { ...reply, body: { ...(reply.body as object), refresh_token: state.refreshToken } };
  };

  return {
    state,
    handleAuthorize,
    handleToken,
    isValid: (token: string) => (expiresAt.get(token) ?? 0) > Date.now(),
  };
}
