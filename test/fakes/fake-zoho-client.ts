import type { FakeZoho } from './fake-zoho.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Fetch helpers for the fake's self-tests: a refresh-grant token request and an API call. */
export const refreshForm = (zoho: FakeZoho, overrides: Record<string, string> = {}) =>
  new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: zoho.oauth.clientId,
    client_secret: zoho.oauth.clientSecret,
    refresh_token: zoho.oauth.refreshToken,
    ...overrides,
  });

export async function requestToken(zoho: FakeZoho, overrides: Record<string, string> = {}) {
  const response = await fetch(`${zoho.accountsUrl}/oauth/v2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: refreshForm(zoho, overrides),
  });
  return { status: response.status, body: (await response.json()) as any };
}

export async function call(
  zoho: FakeZoho,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
) {
  const response = await fetch(`${zoho.apiDomain}${path}`, {
    method,
    headers: {
      ...(token === undefined ? {} : { Authorization: `Zoho-oauthtoken ${token}` }),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, body: (text ? JSON.parse(text) : undefined) as any };
}
