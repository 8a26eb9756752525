/**
 * "Connect with Zoho": Zoho Accounts' authorization-code grant. The user picks the data centre
 * (or an accounts URL), Zoho sends them back with `code`, `location` and `accounts-server`; the
 * code is exchanged only at a Zoho accounts server this connection may use, never at one the
 * redirect names by itself, so the client secret cannot be sent elsewhere.
 */
import { FatalError, type HttpResponse, type OAuth2Authorization } from '@flowhub/plugin-sdk';
import { ZOHO_DATA_CENTRES, type ZohoDataCentre } from './data-centres.js';

type Fields = Record<string, unknown>;

const trim = (url: string) => url.replace(/\/+$/, '');

function accountsOf(fields: Fields): string {
  if (typeof fields.accountsUrl === 'string') return trim(fields.accountsUrl);
  const centre = ZOHO_DATA_CENTRES[fields.dataCenter as ZohoDataCentre] ?? ZOHO_DATA_CENTRES.us;
  return centre.accounts;
}

/** The accounts server to exchange the code at: the one Zoho named, if this connection may use it. */
function exchangeServer(fields: Fields, named: string | undefined): string {
  const allowed =
    typeof fields.accountsUrl === 'string'
      ? [trim(fields.accountsUrl)]
      : Object.values(ZOHO_DATA_CENTRES).map((c) => c.accounts);
  const server = named ? trim(named) : accountsOf(fields);
  if (!allowed.includes(server)) {
    throw new FatalError(
      `Zoho sent the sign-in back from ${server}, which is not a Zoho accounts server this connection may use: start again, or set accountsUrl`,
    );
  }
  return server;
}

/** The data centre whose accounts server is `server` (Zoho's `location` says it too). */
function centreOf(server: string, location: string | undefined): ZohoDataCentre | undefined {
  const byServer = Object.entries(ZOHO_DATA_CENTRES).find(([, c]) => c.accounts === server);
  if (byServer) return byServer[0] as ZohoDataCentre;
  return location && location in ZOHO_DATA_CENTRES ? (location as ZohoDataCentre) : undefined;
}

async function postToken(
  http: Parameters<OAuth2Authorization['exchange']>[0]['http'],
  url: string,
  form: URLSearchParams,
) {
  const reply: HttpResponse = await http.request({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  return (reply.body ?? {}) as Record<string, string | number>;
}

export function zohoAuthorization(scopes: string[]): OAuth2Authorization {
  return {
    startFields: ['clientId', 'clientSecret', 'dataCenter', 'accountsUrl', 'apiDomain'],
    authorizeUrl({ fields, state, redirectUri }) {
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: String(fields.clientId),
        scope: scopes.join(','),
        redirect_uri: redirectUri,
        access_type: 'offline',
        prompt: 'consent',
        state,
      });
      return `${accountsOf(fields)}/oauth/v2/auth?${query}`;
    },
    async exchange({ fields, code, redirectUri, query, http }) {
      const server = exchangeServer(fields, query['accounts-server']);
      const form = new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: String(fields.clientId),
        client_secret: String(fields.clientSecret),
        redirect_uri: redirectUri,
        code,
      });
      const body = await postToken(http, `${server}/oauth/v2/token`, form);
      if (!body.refresh_token) {
        const why = String(body.error ?? 'no refresh_token in the reply');
        throw new FatalError(
          `Zoho did not grant access: ${why} (check clientId, clientSecret and the redirect URI registered for the client)`,
        );
      }
      const centre = centreOf(server, query.location);
      return {
        refreshToken: String(body.refresh_token),
        ...(centre && typeof fields.accountsUrl !== 'string' ? { dataCenter: centre } : {}),
      };
    },
  };
}
