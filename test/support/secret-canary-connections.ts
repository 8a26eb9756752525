import { startFakeZoho } from '../fakes/fake-zoho.js';
import {
  check,
  expectReceived,
  expectSucceeded,
  hmacHex,
  replay,
  type CanaryContext,
  type CanaryEntry,
} from './secret-canary.js';

/** A loopback fake Zoho whose OAuth client secret and refresh token are canaries. */
async function canaryZoho(ctx: CanaryContext, plugin: string) {
  const kind = `connection:${plugin}`;
  const zoho = await startFakeZoho();
  ctx.cleanup.push(() => zoho.close());
  zoho.oauth.clientSecret = ctx.canaries.mint(`${kind}.clientSecret`);
  zoho.oauth.refreshToken = ctx.canaries.mint(`${kind}.refreshToken`);
  const secrets = { clientSecret: zoho.oauth.clientSecret, refreshToken: zoho.oauth.refreshToken };
  const fields = {
    clientId: zoho.oauth.clientId,
    ...secrets,
    accountsUrl: zoho.accountsUrl,
    apiDomain: zoho.apiDomain,
    ...(plugin === 'zoho-inventory' ? { organizationId: zoho.inventory.organizationId } : {}),
  };
  return { zoho, secrets, fields };
}

/** A Zoho plugin's connection: saved, re-set, tested, used by runs that refresh its token. */
export function zohoEntry(
  plugin: 'zoho-crm' | 'zoho-inventory',
  step: Record<string, unknown>,
): CanaryEntry {
  const kind = `connection:${plugin}`;
  return {
    kind,
    covers: [`${kind}.clientSecret`, `${kind}.refreshToken`],
    run: async (ctx) => {
      const { zoho, secrets, fields } = await canaryZoho(ctx, plugin);
      const name = `${plugin}-canary`;
      const created = await ctx.api.post('/api/v1/connections', { name, plugin, fields });
      check(`${kind} create`, created, 201);
      const id = created.body.id as string;
      const patched = await ctx.api.patch(`/api/v1/connections/${id}`, { fields: secrets });
      check(`${kind} re-set secrets`, patched, 200);
      const tested = await ctx.api.post(`/api/v1/connections/${id}/test`);
      if (tested.body?.ok !== true) throw new Error(`${kind} test: ${JSON.stringify(tested.body)}`);
      const flow = await ctx.createFlow({
        name: `${plugin} step`,
        trigger: { type: 'webhook' },
        steps: [{ id: 'zoho', connection: name, ...step }],
      });
      await expectSucceeded(ctx, kind, flow.url, { email: 'client@test.com' });
      zoho.oauth.expire(); // the next run refreshes mid-run: a second access token
      await expectSucceeded(ctx, kind, flow.url, { email: 'client@test.com' });
      for (const token of zoho.oauth.issued) ctx.canaries.add(`${kind} OAuth access token`, token);
      const refused = ctx.canaries.mint(`${kind}.refreshToken (refused)`);
      await refusedByZoho(ctx, kind, { ...fields, refreshToken: refused }, step);
    },
  };
}

/** Credentials Zoho refuses: the failed test and the failed run must not echo them either. */
async function refusedByZoho(
  ctx: CanaryContext,
  kind: string,
  fields: Record<string, string>,
  step: Record<string, unknown>,
) {
  const plugin = kind.replace('connection:', '');
  const name = `${plugin}-refused`;
  const created = await ctx.api.post('/api/v1/connections', { name, plugin, fields });
  check(`${kind} (refused) create`, created, 201);
  const tested = await ctx.api.post(`/api/v1/connections/${created.body.id}/test`);
  if (tested.body?.ok !== false)
    throw new Error(`${kind} (refused) test: ${JSON.stringify(tested.body)}`);
  const flow = await ctx.createFlow({
    name: `${plugin} refused`,
    trigger: { type: 'webhook' },
    steps: [{ id: 'zoho', connection: name, ...step }],
  });
  const run = await ctx.runThroughCatch(flow.url, { email: 'client@test.com' });
  if (run.status !== 'failed') throw new Error(`${kind} (refused): run ${run.status}`);
  // Issue 15 item 5: pointed at a server the caller controls without giving the secrets.
  const moved = { fields: { accountsUrl: `${ctx.receiverUrl}/attacker` } };
  check(
    `${kind} repointed`,
    await ctx.api.patch(`/api/v1/connections/${created.body.id}`, moved),
    200,
    400,
  );
  await ctx.api.post(`/api/v1/connections/${created.body.id}/test`);
}

type Fields = Record<string, string>;
interface HttpAuth {
  fields(mint: (field: string) => string): Fields;
  /** The header the receiver must get, and its value. */
  expected(fields: Fields, raw: Buffer): [string, string];
}

/** The `http` connection's auth kinds, each with its own secret field and what goes with it. */
const HTTP_AUTH: Record<string, HttpAuth> = {
  bearer: {
    fields: (mint) => ({ token: mint('token') }),
    expected: (f) => ['authorization', `Bearer ${f.token}`],
  },
  basic: {
    fields: (mint) => ({ username: 'canary-user', password: mint('password') }),
    expected: (f) => [
      'authorization',
      `Basic ${Buffer.from(`${f.username}:${f.password}`).toString('base64')}`,
    ],
  },
  // A header name no fixed redaction list knows.
  'api-key': {
    fields: (mint) => ({ headerName: 'X-Erp-Auth', apiKey: mint('apiKey') }),
    expected: (f) => ['x-erp-auth', f.apiKey],
  },
  hmac: {
    fields: (mint) => ({
      signingSecret: mint('signingSecret'),
      signatureHeader: 'X-Erp-Signature',
    }),
    expected: (f, raw) => ['x-erp-signature', hmacHex(f.signingSecret, raw)],
  },
};

/**
 * The `http` plugin's connection (bearer, basic, API-key header, HMAC secret), each used by an
 * http.request step that calls the loopback receiver.
 */
export const httpConnection: CanaryEntry = {
  kind: 'connection:http',
  covers: ['token', 'password', 'apiKey', 'signingSecret'].map((f) => `connection:http.${f}`),
  run: async (ctx) => {
    for (const [auth, kind] of Object.entries(HTTP_AUTH)) {
      const fields = kind.fields((field) => ctx.canaries.mint(`connection:http.${field}`));
      const name = `http-canary-${auth}`;
      const baseUrl = `${ctx.receiverUrl}/http-connection`;
      const created = await ctx.api.post('/api/v1/connections', {
        name,
        plugin: 'http',
        fields: { baseUrl, auth, ...fields },
      });
      check(`http connection ${auth}`, created, 201);
      const flow = await ctx.createFlow({
        name: `http connection ${auth}`,
        trigger: { type: 'webhook' },
        steps: [
          {
            id: 'call',
            action: 'http.request',
            connection: name,
            input: { url: `${baseUrl}/${auth}`, body: { n: 1 } },
          },
        ],
      });
      await expectSucceeded(ctx, name, flow.url);
      const [header, value] = kind.expected(
        fields,
        ctx.received(`/http-connection/${auth}`)[0].raw,
      );
      expectReceived(ctx, `/http-connection/${auth}`, header, value);
    }
  },
};

/** Encrypted named secrets (`/api/v1/secrets`), referenced in expressions as `$secrets.NAME`. */
export const namedSecrets: CanaryEntry = {
  kind: 'named-secret',
  run: async (ctx) => {
    for (const name of ['CANARY_TOKEN', 'CANARY_SIGNING', 'CANARY_KEY']) {
      const value = ctx.canaries.mint(`named-secret:${name}`);
      const hosts = [ctx.receiverUrl];
      check(`secret ${name}`, await ctx.api.post('/api/v1/secrets', { name, value, hosts }), 201);
    }
    // Both ways a flow names one: `$secrets.NAME` in an expression, {"$secret": NAME} in input.
    const flow = await ctx.createFlow({
      name: 'named secrets',
      trigger: { type: 'webhook' },
      steps: [
        {
          id: 'call',
          action: 'http.request',
          input: {
            url: `${ctx.receiverUrl}/named-secret`,
            headers: { 'X-Api-Key': { $secret: 'CANARY_KEY' } },
            body: { n: 1 },
          },
          map: '{ "headers": { "Authorization": "Bearer " & $secrets.CANARY_TOKEN }, "sign": { "secret": $secrets.CANARY_SIGNING } }',
        },
      ],
    });
    await expectSucceeded(ctx, 'named secrets', flow.url);
    const value = (name: string) => ctx.canaries.valueOf(`named-secret:${name}`);
    expectReceived(ctx, '/named-secret', 'authorization', `Bearer ${value('CANARY_TOKEN')}`);
    expectReceived(ctx, '/named-secret', 'x-api-key', value('CANARY_KEY'));
    const raw = ctx.received('/named-secret').at(-1)!.raw;
    expectReceived(
      ctx,
      '/named-secret',
      'x-webhook-signature',
      hmacHex(value('CANARY_SIGNING'), raw),
    );
    check('test run', await ctx.api.post(`/api/v1/flows/${flow.id}/test`, { payload: {} }), 200);
    // Rotation: PUT a new value; the next run (and a replay of an old one) sends it.
    const rotated = ctx.canaries.mint('named-secret:CANARY_TOKEN');
    const put = { value: rotated, hosts: [ctx.receiverUrl] };
    check('rotate', await ctx.api.put('/api/v1/secrets/CANARY_TOKEN', put), 200);
    const run = await ctx.runThroughCatch(flow.url);
    expectReceived(ctx, '/named-secret', 'authorization', `Bearer ${rotated}`);
    await replay(ctx, String(run.id));
    await transformedSecret(ctx);
  },
};

/**
 * A map that transforms a secret ($substring, $uppercase) into the body sent to its origin: the
 * receiver gets the derived values, the run record shows them derived from the marks only.
 */
async function transformedSecret(ctx: CanaryContext): Promise<void> {
  const flow = await ctx.createFlow({
    name: 'transformed named secret',
    trigger: { type: 'webhook' },
    steps: [
      {
        id: 'call',
        action: 'http.request',
        input: { url: `${ctx.receiverUrl}/named-transformed` },
        map: '{ "body": { "part": $substring($secrets.CANARY_KEY, 2), "upper": $uppercase($secrets.CANARY_KEY) } }',
      },
    ],
  });
  await expectSucceeded(ctx, 'transformed named secret', flow.url);
  const got = ctx.received('/named-transformed').at(-1)?.body as { part?: string } | undefined;
  if (got?.part !== ctx.canaries.valueOf('named-secret:CANARY_KEY').slice(2))
    throw new Error('/named-transformed: the receiver did not get the transformed secret');
}
