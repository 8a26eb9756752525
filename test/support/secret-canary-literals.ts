import {
  check,
  expectReceived,
  expectSucceeded,
  hmacHex,
  replay,
  type CanaryContext,
  type CanaryEntry,
} from './secret-canary.js';

type Definition = { name: string; trigger: unknown; steps: { input: LiteralInput }[] };
type LiteralInput = { headers: Record<string, string> } & Record<string, unknown>;

/** Saved again as the API shows it, and with new literals (the update path). */
async function savedAgain(ctx: CanaryContext, id: string, url: string, definition: Definition) {
  const [step] = definition.steps;
  const shown = (await ctx.api.get(`/api/v1/flows/${id}`)).body.definition;
  check('PUT the definition as shown', await ctx.api.put(`/api/v1/flows/${id}`, shown), 200);
  await expectSucceeded(ctx, 'flow-literal (saved again)', url);
  expectReceived(ctx, '/literal', 'authorization', step.input.headers.Authorization);
  const token = ctx.canaries.mint('flow-literal:headers.Authorization');
  const changed = {
    ...step,
    input: { ...step.input, headers: { Authorization: `Bearer ${token}` } },
  };
  const updated = await ctx.api.put(`/api/v1/flows/${id}`, { ...definition, steps: [changed] });
  check('PUT new literal credentials', updated, 200, 400);
  check('test run', await ctx.api.post(`/api/v1/flows/${id}/test`, { payload: {} }), 200);
}

/**
 * Issue 15 item 6: credentials typed into a flow. Accepted only if moved into encrypted
 * storage at save time (or refused with a 400); either way never shown or stored in clear.
 */
export const flowLiterals: CanaryEntry = {
  kind: 'flow-literal',
  run: async (ctx) => {
    await literalsInMap(ctx);
    const input = {
      url: `${ctx.receiverUrl}/literal`,
      headers: {
        Authorization: `Bearer ${ctx.canaries.mint('flow-literal:headers.Authorization')}`,
        'X-Api-Key': ctx.canaries.mint('flow-literal:headers.X-Api-Key'),
      },
      body: { n: 1 },
      sign: { secret: ctx.canaries.mint('flow-literal:sign.secret') },
    };
    const definition = {
      name: 'literal credentials',
      trigger: { type: 'webhook' },
      steps: [{ id: 'call', action: 'http.request', input }],
    };
    const created = await ctx.api.post('/api/v1/flows', definition);
    check('flow with literal credentials', created, 201, 400);
    if (created.status !== 201) return;
    const flow = ctx.registerFlow(created.body);
    await replay(ctx, String((await ctx.runThroughCatch(flow.url)).id));
    // Still sent as typed, wherever Flowhub keeps it now.
    expectReceived(ctx, '/literal', 'authorization', input.headers.Authorization);
    expectReceived(ctx, '/literal', 'x-api-key', input.headers['X-Api-Key']);
    const raw = ctx.received('/literal').at(-1)!.raw;
    expectReceived(ctx, '/literal', 'x-webhook-signature', hmacHex(input.sign.secret, raw));
    await savedAgain(ctx, flow.id, flow.url, definition);
  },
};

/** The same credentials written by a step's `map` as string literals. */
async function literalsInMap(ctx: CanaryContext) {
  const token = ctx.canaries.mint('flow-literal:map headers.Authorization');
  const secret = ctx.canaries.mint('flow-literal:map sign.secret');
  const step = {
    id: 'call',
    action: 'http.request',
    input: { url: `${ctx.receiverUrl}/literal-map`, body: { n: 1 } },
    map: `{ "headers": { "Authorization": "Bearer ${token}" }, "sign": { "secret": "${secret}" } }`,
  };
  const created = await ctx.api.post('/api/v1/flows', {
    name: 'literal credentials in a map',
    trigger: { type: 'webhook' },
    steps: [step],
  });
  check('flow with literal credentials in a map', created, 201, 400);
  if (created.status === 201)
    await expectSucceeded(ctx, 'map literals', ctx.registerFlow(created.body).url);
}
