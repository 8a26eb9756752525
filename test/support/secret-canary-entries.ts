import { check, expectSucceeded, type CanaryEntry } from './secret-canary.js';
import { httpConnection, namedSecrets, zohoEntry } from './secret-canary-connections.js';
import { flowLiterals } from './secret-canary-literals.js';
import { refusals } from './secret-canary-refusals.js';

/** Outgoing webhook signing secrets: given, rotated, generated; deliveries to the receiver. */
const webhookSigning: CanaryEntry = {
  kind: 'webhook-signing',
  run: async (ctx) => {
    const events = (
      (await ctx.api.get('/api/v1/webhooks/events/available?limit=100')).body.items as {
        name: string;
      }[]
    ).map((e) => e.name);
    const secret = ctx.canaries.mint('webhook-signing', 'whsec');
    const subscription = await ctx.api.post('/api/v1/webhooks', {
      url: `${ctx.receiverUrl}/events`,
      events,
      secret,
      includeRequestBody: true,
    });
    check('subscribe', subscription, 201);
    const id = subscription.body.id as string;
    const rotated = ctx.canaries.mint('webhook-signing', 'whsec');
    check(
      'rotate',
      await ctx.api.post(`/api/v1/webhooks/${id}/rotate-secret`, {
        secret: rotated,
        graceSeconds: 3600,
      }),
      200,
    );
    const generated = await ctx.api.post(`/api/v1/webhooks/${id}/rotate-secret`, {
      graceSeconds: 3600,
    });
    check('rotate (generated)', generated, 200);
    ctx.canaries.add('webhook-signing (generated)', String(generated.body.secret), 'whsec');
    check('webhook test', await ctx.api.post(`/api/v1/webhooks/${id}/test`), 200);
    const [delivery] = (await ctx.api.get(`/api/v1/webhooks/${id}/deliveries`)).body.items;
    const redeliver = `/api/v1/webhooks/${id}/deliveries/${delivery.id}/redeliver`;
    check('redeliver', await ctx.api.post(redeliver), 200);
    ctx.subscriptions.push(id);
  },
};

/** API keys: the created key is used, revoked, then refused; a guessed key is refused. */
const apiKeys: CanaryEntry = {
  kind: 'api-key',
  run: async (ctx) => {
    const created = await ctx.api.post('/api/v1/api-keys', { name: 'canary' });
    check('create API key', created, 201);
    const key = ctx.canaries.add('api-key', String(created.body.key));
    check('use API key', await ctx.api.get('/api/v1/flows', { key }), 200);
    check('revoke API key', await ctx.api.delete(`/api/v1/api-keys/${created.body.id}`), 204);
    check('revoked API key', await ctx.api.get('/api/v1/flows', { key }), 401);
    const guess = ctx.canaries.mint('api-key (refused guess)');
    check('unknown API key', await ctx.api.get('/api/v1/flows', { key: guess }), 401);
  },
};

/** The catch key: on the wrong paths (mis-cased, doubled slash, extra segment) and rotated. */
const catchKeys: CanaryEntry = {
  kind: 'catch-key',
  run: async (ctx) => {
    const flow = await ctx.createFlow({
      name: 'catch key',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    const [flowId, key] = flow.path.split('/').slice(-2);
    for (const path of [
      `/Webhook/catch/${flowId}/${key}`,
      `//webhook/catch/${flowId}/${key}`,
      `/webhook/catch/${flowId}/${key}/extra`,
      `/WEBHOOK/CATCH/${flowId}/${key}?x=1`,
    ])
      check(
        `catch path ${path.slice(0, 16)}`,
        await ctx.api.post(`${ctx.appUrl}${path}`, {}, { key: null }),
        404,
      );
    const guess = ctx.canaries.mint('catch-key (refused guess)');
    check(
      'wrong catch key',
      await ctx.api.post(`${ctx.appUrl}/webhook/catch/${flowId}/${guess}`, {}, { key: null }),
      404,
    );
    const rotated = await ctx.api.post(`/api/v1/flows/${flowId}/rotate-key`, {
      graceSeconds: 3600,
    });
    check('rotate catch key', rotated, 200);
    ctx.registerFlow(rotated.body);
    await expectSucceeded(ctx, 'catch key (previous, in grace)', flow.url);
    await expectSucceeded(ctx, 'catch key (rotated)', ctx.localUrl(rotated.body.catchUrl));
  },
};

/** The rest of the table (trigger.verify presets are in secret-canary-verify.ts). */
export const OTHER_ENTRIES: CanaryEntry[] = [
  webhookSigning, // first: every later change is an event delivered to the receiver
  zohoEntry('zoho-crm', {
    action: 'zoho-crm.searchRecords',
    input: { module: 'Contacts' },
    map: "{ 'email': email }",
  }),
  zohoEntry('zoho-inventory', { action: 'zoho-inventory.findContact', map: "{ 'email': email }" }),
  httpConnection,
  namedSecrets,
  flowLiterals,
  apiKeys,
  catchKeys,
  refusals,
];
