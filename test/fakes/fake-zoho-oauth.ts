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
    expire(token?: string) {
      for (const known of expiresAt.keys()) {
        if (token === undefined || token === known) expiresAt.set(known, 0);
      }
    },
  };

  const handleToken = (method: string, params: Record<string, string>): Reply => {
    state.tokenRequests += 1;
    if (method !== 'POST') return { status: 405, body: { error: 'invalid_request' } };
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

  return {
    state,
    handleToken,
    isValid: (token: string) => (expiresAt.get(token) ?? 0) > Date.now(),
  };
}
