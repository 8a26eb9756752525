import { check, type CanaryContext, type CanaryEntry } from './secret-canary.js';

const step = [{ id: 'a', action: 'core.transform' }];

/** Saves that carry a secret and are refused for another reason: the 400 must not echo it. */
async function refusedSaves(ctx: CanaryContext, mint: (what: string) => string) {
  const refused = async (what: string, path: string, body: unknown) =>
    check(what, await ctx.api.post(path, body), 400);
  await refused('connection with a bad field', '/api/v1/connections', {
    name: 'refused-zoho',
    plugin: 'zoho-crm',
    fields: {
      clientId: 'x',
      clientSecret: mint('connection clientSecret'),
      refreshToken: mint('connection refreshToken'),
      dataCenter: 'mars',
    },
  });
  await refused('connection of no plugin', '/api/v1/connections', {
    name: 'refused-none',
    plugin: 'nope',
    fields: { clientSecret: mint('connection of no plugin') },
  });
  await refused('malformed standard-webhooks secret', '/api/v1/flows', {
    name: 'refused',
    trigger: { type: 'webhook', verify: { preset: 'standard-webhooks', secret: mint('verify') } },
    steps: step,
  });
  await refused('unknown preset', '/api/v1/flows', {
    name: 'refused',
    trigger: { type: 'webhook', verify: { preset: 'githb', secret: mint('verify (bad preset)') } },
    steps: step,
  });
  await refused('malformed webhook secret', '/api/v1/webhooks', {
    url: `${ctx.receiverUrl}/refused`,
    events: ['flow.created'],
    secret: `whsec_${mint('webhook secret')}`,
  });
  await refused('named secret with a bad name', '/api/v1/secrets', {
    name: 'not a name!',
    value: mint('named secret'),
  });
}

/** Bodies that are not JSON, with a secret inside: the parser's 400 must not quote it. */
async function malformedBodies(ctx: CanaryContext, mint: (what: string) => string) {
  const flow = await ctx.createFlow({
    name: 'malformed',
    trigger: { type: 'webhook' },
    steps: step,
  });
  for (const [what, url, key] of [
    ['API', `${ctx.appUrl}/api/v1/connections`, undefined],
    ['catch URL', flow.url, null],
  ] as const) {
    const raw = `{"fields": {"clientSecret": "${mint(`malformed JSON to the ${what}`)}" `;
    const reply = await ctx.api.call('POST', url, { raw, contentType: 'application/json', key });
    check(`malformed JSON to the ${what}`, reply, 400);
  }
}

/** Secrets in requests Flowhub refuses. */
export const refusals: CanaryEntry = {
  kind: 'refused save',
  run: async (ctx) => {
    const mint = (what: string) => ctx.canaries.mint(`refused save: ${what}`);
    await refusedSaves(ctx, mint);
    await malformedBodies(ctx, mint);
  },
};
