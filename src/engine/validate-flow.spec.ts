import type { FlowDefinition } from './flow-definition.js';
import { retentionProblems, validateFlow } from './validate-flow.js';

const catalog = {
  actionNames: () => ['core.transform', 'core.delay', 'http.request', 'zoho-crm.createDeal'],
};

const flow = (
  steps: FlowDefinition['steps'],
  trigger: FlowDefinition['trigger'] = { type: 'webhook' },
): FlowDefinition => ({
  name: 'f',
  trigger,
  steps,
});

describe('validateFlow', () => {
  it('accepts a valid flow', () => {
    expect(
      validateFlow(
        flow([
          {
            id: 'deal',
            action: 'zoho-crm.createDeal',
            map: "{ 'Deal_Name': 'Order #' & order_number }",
          },
          {
            id: 'notify-erp',
            action: 'http.request',
            map: "{ 'body': { 'dealId': $steps.deal.id } }",
            when: '$steps.deal.id != null',
          },
        ]),
        catalog,
      ),
    ).toEqual([]);
  });

  it('suggests the closest action for a typo, lists them otherwise', () => {
    expect(validateFlow(flow([{ id: 'a', action: 'zoho-crm.createDeall' }]), catalog)).toEqual([
      {
        path: 'steps[0].action',
        message: "unknown action 'zoho-crm.createDeall' (did you mean zoho-crm.createDeal?)",
      },
    ]);
    expect(validateFlow(flow([{ id: 'a', action: 'slack.post' }]), catalog)).toEqual([
      {
        path: 'steps[0].action',
        message:
          "unknown action 'slack.post'; available: core.delay, core.transform, http.request, zoho-crm.createDeal",
      },
    ]);
  });

  it('lists every problem at once, each with its path', () => {
    const problems = validateFlow(
      flow(
        [
          { id: 'deal', action: 'core.transform', map: "{ 'x': $steps.notify.id }" },
          { id: 'notify', action: 'core.transform', map: '{ "a": ' },
          { id: 'deal', action: 'core.transform', when: '$steps.ghost', forEach: '$steps.deal' },
          { id: '9bad', action: 'core.transform' },
        ],
        {
          type: 'webhook',
          verify: { preset: 'shopfy' as 'shopify' },
          dedupe: '$steps.x',
          filter: '$steps.deal',
        },
      ),
      catalog,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        {
          path: 'trigger.verify.preset',
          message: "unknown preset 'shopfy' (did you mean shopify?)",
        },
        { path: 'trigger.dedupe', message: 'cannot use $steps: the dedupe runs before any step' },
        { path: 'trigger.filter', message: 'cannot use $steps: the filter runs before any step' },
        { path: 'steps[0].map', message: 'refers to $steps.notify, which runs after this step' },
        {
          path: 'steps[1].map',
          message: expect.stringMatching(/^JSONata syntax error at position \d+: /),
        },
        { path: 'steps[2].id', message: "duplicate step id 'deal' (also steps[0].id)" },
        {
          path: 'steps[2].when',
          message: 'refers to $steps.ghost, which is not a step of this flow',
        },
        { path: 'steps[3].id', message: expect.stringMatching(/^'9bad' is not a valid step id/) },
      ]),
    );
    expect(problems).toHaveLength(8);
  });

  it('refuses a step that reads its own output, and an empty flow', () => {
    expect(
      validateFlow(flow([{ id: 'a', action: 'core.transform', map: '$steps.a' }]), catalog),
    ).toEqual([{ path: 'steps[0].map', message: 'refers to $steps.a, which is this step itself' }]);
    expect(validateFlow(flow([]), catalog)).toEqual([
      { path: 'steps', message: 'a flow needs at least one step' },
    ]);
  });
});

describe('validateFlow messages', () => {
  const one = (
    step: Partial<FlowDefinition['steps'][number]>,
    trigger?: FlowDefinition['trigger'],
  ) => validateFlow(flow([{ id: 'a', action: 'core.transform', ...step }], trigger), catalog);

  it('accepts a verify preset, and checks dedupe like other expressions', () => {
    expect(
      one({}, { type: 'webhook', verify: { preset: 'shopify' }, dedupe: '$trigger.headers.id' }),
    ).toEqual([]);
    expect(one({}, { type: 'webhook', dedupe: "$trigger.headers.'x-id' &" })).toEqual([
      {
        path: 'trigger.dedupe',
        message: expect.stringMatching(/^JSONata syntax error at position \d+: /),
      },
    ]);
  });

  it('refuses any use of $steps in the trigger filter, and reports filter syntax errors', () => {
    expect(one({}, { type: 'webhook', filter: '$count($steps) = 0' })).toEqual([
      { path: 'trigger.filter', message: 'cannot use $steps: the filter runs before any step' },
    ]);
    expect(one({}, { type: 'webhook', filter: 'total >' })).toEqual([
      {
        path: 'trigger.filter',
        message: 'JSONata syntax error at position 7: Unexpected end of expression',
      },
    ]);
  });

  it('gives the position and JSONata message without repeating the path', () => {
    expect(one({ map: '{ "a": 1 ' })).toEqual([
      {
        path: 'steps[0].map',
        message: 'JSONata syntax error at position 9: Expected "}" before end of expression',
      },
    ]);
  });

  it('explains the step id rule', () => {
    expect(one({ id: 'has space' })).toEqual([
      {
        path: 'steps[0].id',
        message:
          "'has space' is not a valid step id: use 1-64 letters, digits, _ or -, starting with a letter",
      },
    ]);
    expect(one({ id: 'a'.repeat(65) })[0].path).toBe('steps[0].id');
    expect(one({ id: 'A_b-9'.padEnd(64, 'x') })).toEqual([]);
  });

  it('checks references from when and forEach too, and does not report an invalid id twice', () => {
    const problems = validateFlow(
      flow([
        { id: 'lines', action: 'core.transform', forEach: '$steps.later.items' },
        { id: '1st', action: 'core.transform' },
        { id: 'later', action: 'core.transform', when: "$steps.'1st'.ok" },
      ]),
      catalog,
    );
    expect(problems).toEqual([
      { path: 'steps[1].id', message: expect.stringMatching(/^'1st' is not a valid step id/) },
      { path: 'steps[0].forEach', message: 'refers to $steps.later, which runs after this step' },
    ]);
  });

  it('reports several problems of one step together', () => {
    const problems = one({ id: 'a', action: 'zoho-crm.createDeall', when: '$steps.zzz', map: '(' });
    expect(problems.map((p) => p.path).sort()).toEqual([
      'steps[0].action',
      'steps[0].map',
      'steps[0].when',
    ]);
  });
});

describe('retention', () => {
  const withRetention = (retention: unknown) =>
    validateFlow(
      { ...flow([{ id: 'a', action: 'core.transform' }]), retention } as FlowDefinition,
      catalog,
    );

  it('accepts days, keepFailedDays, either alone, or none', () => {
    expect(withRetention({ days: 7, keepFailedDays: 30 })).toEqual([]);
    expect(withRetention({ days: 7, keepFailedDays: 7 })).toEqual([]);
    expect(withRetention({ days: 3650 })).toEqual([]);
    expect(withRetention({ keepFailedDays: 1 })).toEqual([]);
    expect(withRetention(undefined)).toEqual([]);
  });

  it('refuses fractions, zero, too many days and strings, with the field path', () => {
    const message = 'must be a whole number of days from 1 to 3650';
    expect(retentionProblems({ days: 1.5 })).toEqual([{ path: 'retention.days', message }]);
    expect(retentionProblems({ days: 0, keepFailedDays: 3651 })).toEqual([
      { path: 'retention.days', message },
      { path: 'retention.keepFailedDays', message },
    ]);
    expect(retentionProblems({ keepFailedDays: '30' })).toEqual([
      { path: 'retention.keepFailedDays', message },
    ]);
  });

  it('keeps failed runs at least as long as the others', () => {
    expect(withRetention({ days: 30, keepFailedDays: 7 })).toEqual([
      {
        path: 'retention.keepFailedDays',
        message: 'keeps failed runs longer than the others: use at least days (30)',
      },
    ]);
  });

  it('names an unknown field and refuses a non-object', () => {
    expect(retentionProblems({ day: 3 })).toEqual([
      { path: 'retention.day', message: 'is not a retention field: use days or keepFailedDays' },
    ]);
    expect(retentionProblems(30)).toEqual([
      { path: 'retention', message: 'must be an object: {"days": N, "keepFailedDays": M}' },
    ]);
    expect(retentionProblems([])).toHaveLength(1);
  });
});
