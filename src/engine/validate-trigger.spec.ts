import type { FlowDefinition } from './flow-definition.js';
import { triggerProblems } from './validate-trigger.js';
import { effectiveDedupe, type VerifyDefinition } from './verify-presets.js';

const problemsOf = (trigger: Partial<FlowDefinition['trigger']>) =>
  triggerProblems({
    name: 'f',
    trigger: { type: 'webhook', ...trigger },
    steps: [{ id: 'a', action: 'core.transform' }],
  });
const verify = (v: Partial<VerifyDefinition> & { secret?: string }) =>
  problemsOf({ verify: { preset: 'hmac', header: 'X-Sig', ...v } as VerifyDefinition });

describe('trigger.verify checks', () => {
  it('accepts every preset with its defaults', () => {
    for (const preset of [
      'standard-webhooks',
      'stripe',
      'github',
      'shopify',
      'slack',
      'twilio',
      'zoho-crm',
      'static-token',
    ] as const)
      expect(problemsOf({ verify: { preset } })).toEqual([]);
    expect(verify({})).toEqual([]);
  });

  it('names options that do not apply to the preset', () => {
    expect(problemsOf({ verify: { preset: 'github', algorithm: 'sha1', header: 'X' } })).toEqual([
      { path: 'trigger.verify.algorithm', message: 'applies to preset hmac only' },
      { path: 'trigger.verify.header', message: 'applies to presets hmac and static-token only' },
    ]);
    expect(
      problemsOf({ verify: { preset: 'static-token', basicAuth: true, header: 'X-Key' } }),
    ).toEqual([
      { path: 'trigger.verify.header', message: 'give either header or basicAuth, not both' },
    ]);
  });

  it('checks the generic template and the headers it needs', () => {
    expect(problemsOf({ verify: { preset: 'hmac' } })).toEqual([
      { path: 'trigger.verify.header', message: 'required: the header that carries the signature' },
    ]);
    expect(verify({ template: '{timestamp}.{id}.{payload}' })).toEqual([
      {
        path: 'trigger.verify.template',
        message: 'unknown placeholder {payload}: use {body}, {timestamp}, {id}',
      },
      {
        path: 'trigger.verify.template',
        message: 'must contain {body}: the signature has to cover the body',
      },
      { path: 'trigger.verify.timestampHeader', message: 'required by {timestamp}' },
      { path: 'trigger.verify.idHeader', message: 'required by {id}' },
    ]);
    expect(verify({ header: 'X Sig' })).toEqual([
      { path: 'trigger.verify.header', message: "'X Sig' is not an HTTP header name" },
    ]);
  });

  it('refuses secrets that cannot decode', () => {
    expect(
      problemsOf({
        verify: { preset: 'standard-webhooks', secret: 'whsec_not base64!' } as VerifyDefinition,
      }),
    ).toEqual([
      {
        path: 'trigger.verify.secret',
        message: 'must be whsec_ followed by base64 (as the sender shows it)',
      },
    ]);
    expect(verify({ secretEncoding: 'base64', secret: 'c2VjcmV0' })).toEqual([]);
    expect(verify({ secretEncoding: 'base64', secret: 'c2VjcmV0!' })).toHaveLength(1);
  });
});

describe('trigger.dedupe forms', () => {
  it('takes an expression, a header or false, and refuses anything else', () => {
    expect(problemsOf({ dedupe: { header: 'X-GitHub-Delivery' } })).toEqual([]);
    expect(problemsOf({ dedupe: false })).toEqual([]);
    expect(problemsOf({ dedupe: 42 as unknown as string })).toEqual([
      {
        path: 'trigger.dedupe',
        message: 'must be a JSONata expression, {"header": "<name>"} or false',
      },
    ]);
    expect(problemsOf({ dedupe: { header: '' } })).toEqual([
      { path: 'trigger.dedupe.header', message: "'' is not an HTTP header name" },
    ]);
  });

  it("falls back to the preset's delivery id unless turned off", () => {
    expect(effectiveDedupe(undefined, { preset: 'github' })).toBe(
      "$trigger.headers.'x-github-delivery'",
    );
    expect(effectiveDedupe(undefined, { preset: 'stripe' })).toBe('$trigger.body.id');
    expect(effectiveDedupe(false, { preset: 'github' })).toBeUndefined();
    expect(effectiveDedupe({ header: 'X-Id' }, { preset: 'github' })).toBe(
      '$lookup($trigger.headers, "x-id")',
    );
    expect(effectiveDedupe(undefined, { preset: 'static-token' })).toBeUndefined();
  });
});

describe('trigger types', () => {
  it('checks a schedule and names the catch-URL options it cannot have', () => {
    expect(problemsOf({ type: 'schedule', every: '15m', filter: '$trigger.scheduledAt' })).toEqual(
      [],
    );
    expect(
      problemsOf({ type: 'schedule', cron: '*/5 * * *', verify: { preset: 'github' } }),
    ).toEqual([
      {
        path: 'trigger.verify',
        message: 'applies to trigger type webhook only, not schedule',
      },
      {
        path: 'trigger.cron',
        message:
          'has 4 fields: use 5 (minute hour day-of-month month day-of-week) or 6 (seconds first)',
      },
    ]);
    expect(problemsOf({ type: 'schedule', every: '1m', filter: '$steps.a' })).toEqual([
      { path: 'trigger.filter', message: 'cannot use $steps: the filter runs before any step' },
    ]);
  });

  it('names schedule options on a webhook trigger', () => {
    expect(problemsOf({ every: '1m', catchUp: 'last' })).toEqual([
      { path: 'trigger.every', message: 'applies to trigger type schedule only, not webhook' },
      { path: 'trigger.catchUp', message: 'applies to trigger type schedule only, not webhook' },
    ]);
  });
});

describe('trigger.respond', () => {
  it('takes a bounded wait and a step that exists', () => {
    expect(problemsOf({ respond: { mode: 'sync', timeoutMs: 30_000, from: 'a' } })).toEqual([]);
    expect(
      problemsOf({ respond: { mode: 'now' as 'sync', timeoutMs: 30_001, from: 'b' } }),
    ).toEqual([
      { path: 'trigger.respond.mode', message: 'must be sync or async' },
      {
        path: 'trigger.respond.timeoutMs',
        message: 'must be whole milliseconds from 1 to 30000 (a sender waits at most 30 s)',
      },
      {
        path: 'trigger.respond.from',
        message: "no step 'b' (did you mean a?): name the step whose output is the reply",
      },
    ]);
    expect(problemsOf({ type: 'schedule', every: '1m', respond: { mode: 'sync' } })).toEqual([
      { path: 'trigger.respond', message: 'applies to trigger type webhook only, not schedule' },
    ]);
  });
});
