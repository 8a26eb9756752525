import { createEgressClient } from '../../src/common/egress/egress-client.js';
import type { OAuth2Access, OAuth2Token } from '@flowhub/plugin-sdk';
import { zohoOAuth2 } from '../../plugins/zoho-shared/zoho.js';
import type { FakeZoho } from './fake-zoho.js';

/**
 * What the host gives a Zoho action, pointed at the fake: an egress client allowed to reach
 * loopback, the connection fields, and OAuth2 access through the real refresh grant.
 */
export function zohoActionContext(zoho: FakeZoho, extraFields: Record<string, unknown> = {}) {
  const http = createEgressClient({ allowCidrs: ['127.0.0.1/32'], allowHosts: [] });
  const connection: Record<string, unknown> = {
    clientId: zoho.oauth.clientId,
    clientSecret: zoho.oauth.clientSecret,
    refreshToken: zoho.oauth.refreshToken,
    accountsUrl: zoho.accountsUrl,
    apiDomain: zoho.apiDomain,
    ...extraFields,
  };
  let current: OAuth2Token | undefined;
  const fetchToken = async () => {
    const reply = await zohoOAuth2.refresh({ connection, http });
    current = { accessToken: reply.accessToken, extra: reply.extra ?? {} };
    return current;
  };
  const auth: OAuth2Access = {
    token: async () => current ?? fetchToken(),
    refresh: () => fetchToken(),
  };
  return { http, connection, auth, close: () => http.close() };
}
