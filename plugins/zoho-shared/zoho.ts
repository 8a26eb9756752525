/**
 * Zoho OAuth2, shared by the Zoho plugins (zoho-crm, zoho-inventory): data centres, the
 * refresh-token grant, and an API call that refreshes once on a 401 INVALID_TOKEN. Vendor
 * code, so it lives beside the Zoho plugins, not in @flowhub/plugin-sdk.
 */
import { IsIn, IsOptional, IsString, IsUrl, MinLength } from '@flowhub/plugin-sdk/validators';
import {
  FatalError,
  HttpStatusError,
  RetryableError,
  type ActionContext,
  type ConnectionDefinition,
  type HttpRequest,
  type HttpResponse,
  type OAuth2Definition,
  type OAuth2Token,
} from '@flowhub/plugin-sdk';
import { zohoAuthorization } from './zoho-authorize.js';

export { ZOHO_DATA_CENTRES, type ZohoDataCentre } from './data-centres.js';
import { ZOHO_DATA_CENTRES, type ZohoDataCentre } from './data-centres.js';

/** Zoho's own domains (accounts and API of every data centre): `accounts.zoho.eu` -> `zoho.eu`. */
export const ZOHO_HOSTS: readonly string[] = [
  ...new Set(
    Object.values(ZOHO_DATA_CENTRES).flatMap(({ accounts, api }) =>
      [accounts, api].map((url) => new URL(url).hostname.split('.').slice(1).join('.')),
    ),
  ),
];

const URL_OPTIONS = { protocols: ['http', 'https'], require_tld: false, require_protocol: true };

/** The fields of every Zoho connection (a plugin may extend it, e.g. with organizationId). */
export class ZohoConnectionFields {
  @IsString()
  @MinLength(1)
  clientId: string;

  @IsString()
  @MinLength(1)
  clientSecret: string;

  @IsString()
  @MinLength(1)
  refreshToken: string;

  @IsIn(Object.keys(ZOHO_DATA_CENTRES), {
    message: `dataCenter must be one of ${Object.keys(ZOHO_DATA_CENTRES).join(', ')}`,
  })
  dataCenter: ZohoDataCentre = 'us';

  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'accountsUrl must be an http(s) URL (overrides the data centre)' })
  accountsUrl?: string;

  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'apiDomain must be an http(s) URL (overrides the data centre)' })
  apiDomain?: string;
}

type ZohoFields = Partial<ZohoConnectionFields> & Record<string, unknown>;

function dataCentre(connection: ZohoFields) {
  return (
    ZOHO_DATA_CENTRES[(connection.dataCenter as ZohoDataCentre) ?? 'us'] ?? ZOHO_DATA_CENTRES.us
  );
}

/** POST {accounts}/oauth/v2/token with grant_type=refresh_token. Zoho answers errors with 200. */
export const zohoOAuth2: OAuth2Definition = {
  async refresh({ connection, http }) {
    const fields = connection as ZohoFields;
    const accounts = (fields.accountsUrl ?? dataCentre(fields).accounts).replace(/\/+$/, '');
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: String(fields.clientId),
      client_secret: String(fields.clientSecret),
      refresh_token: String(fields.refreshToken),
    });
    let reply: HttpResponse;
    try {
      reply = await http.request({
        method: 'POST',
        url: `${accounts}/oauth/v2/token`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
    } catch (error) {
      if (error instanceof HttpStatusError && error.status === 400) reply = error.response;
      else throw error;
    }
    const body = (reply.body ?? {}) as Record<string, string | number>;
    if (body.access_token) {
      return {
        accessToken: String(body.access_token),
        expiresInSeconds: Number(body.expires_in ?? 3600),
        extra: (body.api_domain ? { apiDomain: String(body.api_domain) } : {}) as Record<
          string,
          string
        >,
      };
    }
    const error = String(body.error ?? 'no access_token in the reply');
    if (/access denied/i.test(error)) {
      throw new RetryableError(
        `Zoho refused a new token: too many token requests (${body.error_description ?? error})`,
        60_000,
      );
    }
    throw new FatalError(
      `Zoho token refresh failed: ${error} (check clientId, clientSecret, refreshToken and dataCenter)`,
    );
  },
};

/** A Zoho API context for a connection test's extra check (the token just refreshed). */
export type ZohoCheckContext = Pick<ActionContext, 'auth' | 'connection' | 'http' | 'signal'>;

export interface ZohoConnectionOptions {
  /**
   * Runs after a successful token refresh when the connection is tested, e.g. to check that a
   * field the plugin needs exists. Throw an Error whose message says what to fix to fail the test.
   */
  check?: (ctx: ZohoCheckContext) => Promise<void>;
  /** OAuth scopes asked for by "Connect with Zoho" (zoho-authorize.ts). */
  scopes?: string[];
}

/** The connection definition of a Zoho plugin; `fields` may be a subclass adding fields. */
export function zohoConnection(
  fields: typeof ZohoConnectionFields = ZohoConnectionFields,
  options: ZohoConnectionOptions = {},
): ConnectionDefinition {
  return {
    fields,
    secretFields: ['clientSecret', 'refreshToken'],
    // The secrets go to accountsUrl, the access token to apiDomain: both stay on Zoho's domains.
    endpointFields: { accountsUrl: { hosts: ZOHO_HOSTS }, apiDomain: { hosts: ZOHO_HOSTS } },
    oauth2: options.scopes
      ? { ...zohoOAuth2, authorization: zohoAuthorization(options.scopes) }
      : zohoOAuth2,
    test: async ({ connection, http }) => {
      const { accessToken, extra = {} } = await zohoOAuth2.refresh({ connection, http });
      const token: OAuth2Token = { accessToken, extra };
      const auth = { token: async () => token, refresh: async () => token };
      await options.check?.({ connection, http, auth, signal: AbortSignal.timeout(30_000) });
    },
  };
}

function apiBase(connection: ZohoFields, token: OAuth2Token): string {
  return (connection.apiDomain ?? token.extra.apiDomain ?? dataCentre(connection).api).replace(
    /\/+$/,
    '',
  );
}

function isInvalidToken(error: unknown): boolean {
  return error instanceof HttpStatusError && error.status === 401;
}

/**
 * Calls `{apiDomain}{path}` with `Authorization: Zoho-oauthtoken …`; on a 401 the token is
 * refreshed (once per connection, however many steps hit it) and the call repeated once.
 */
export async function zohoCall(
  ctx: Pick<ActionContext, 'auth' | 'connection' | 'http' | 'signal'>,
  request: Omit<HttpRequest, 'url'> & { path: string },
): Promise<HttpResponse> {
  if (!ctx.auth || !ctx.connection) throw new FatalError('this action needs a Zoho connection');
  const connection = ctx.connection as ZohoFields;
  const send = (token: OAuth2Token) =>
    ctx.http.request({
      ...request,
      url: `${apiBase(connection, token)}${request.path}`,
      headers: { ...request.headers, Authorization: `Zoho-oauthtoken ${token.accessToken}` },
      signal: ctx.signal,
    });
  const token = await ctx.auth.token();
  try {
    return await send(token);
  } catch (error) {
    if (!isInvalidToken(error)) throw error;
    return send(await ctx.auth.refresh(token.accessToken));
  }
}
