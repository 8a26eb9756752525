import { compileFlow } from './compiled-flow.js';
import type { FlowDefinition } from './flow-definition.js';
import {
  deepMerge,
  expressionBindings,
  passesFilter,
  resolveItems,
  resolveStepInput,
  shouldRunStep,
  type StepScope,
} from './resolve-input.js';

const definition: FlowDefinition = {
  name: 'f',
  trigger: { type: 'webhook', filter: '$number(total_price) > 0' },
  steps: [
    {
      id: 'deal',
      action: 'core.transform',
      input: { Stage: 'Closed Won', Owner: { id: 1, team: 'sales' } },
      map: "{ 'Deal_Name': 'Order #' & order_number, 'Owner': { 'team': 'eu' }, 'Run': $run.id, 'Shop': $trigger.headers.'x-shop' }",
      when: '$number(total_price) > 50',
    },
    {
      id: 'lines',
      action: 'http.request',
      forEach: 'line_items',
      map: "{ 'body': { 'sku': $item.sku, 'n': $index, 'deal': $steps.deal.Deal_Name } }",
    },
    { id: 'one', action: 'core.transform', forEach: 'line_items[0]' },
    { id: 'none', action: 'core.transform', forEach: 'missing' },
    { id: 'bad', action: 'core.transform', map: 'line_items', when: 'order_number' },
  ],
};

const flow = compileFlow(definition);
const scope = (body: unknown, steps: Record<string, unknown> = {}): StepScope => ({
  trigger: {
    body,
    headers: { 'x-shop': 'demo' },
    query: {},
    method: 'POST',
    receivedAt: '2026-11-23T00:00:00Z',
    contentType: 'application/json',
  },
  steps,
  run: { id: 'run-1', flowId: 'flow-1', flowVersion: 3 },
});
const order = {
  order_number: 1234,
  total_price: '99.99',
  line_items: [{ sku: 'A' }, { sku: 'B' }],
};

describe('resolving step input', () => {
  it('deep-merges the map result over the static input, with every binding', async () => {
    expect(await resolveStepInput(flow.steps[0], scope(order))).toEqual({
      Stage: 'Closed Won',
      Owner: { id: 1, team: 'eu' },
      Deal_Name: 'Order #1234',
      Run: 'run-1',
      Shop: 'demo',
    });
  });

  it('merges objects key by key, replaces arrays, ignores prototype keys, changes nothing', () => {
    const base = { a: { b: 1, c: [1, 2] }, d: 1 };
    const merged = deepMerge(
      base,
      JSON.parse('{"a": {"c": [3]}, "__proto__": {"polluted": true}}'),
    );
    expect(merged).toEqual({ a: { b: 1, c: [3] }, d: 1 });
    expect(base).toEqual({ a: { b: 1, c: [1, 2] }, d: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('runs forEach per item with $item, $index and earlier outputs', async () => {
    const s = scope(order, { deal: { Deal_Name: 'Order #1234' } });
    const items = await resolveItems(flow.steps[1], s);
    expect(items).toEqual([{ sku: 'A' }, { sku: 'B' }]);
    const inputs = await Promise.all(
      items!.map((item, index) => resolveStepInput(flow.steps[1], s, { item, index })),
    );
    expect(inputs).toEqual([
      { body: { sku: 'A', n: 0, deal: 'Order #1234' } },
      { body: { sku: 'B', n: 1, deal: 'Order #1234' } },
    ]);
  });

  it('wraps a single forEach result and treats nothing as no items', async () => {
    expect(await resolveItems(flow.steps[2], scope(order))).toEqual([{ sku: 'A' }]);
    expect(await resolveItems(flow.steps[3], scope(order))).toEqual([]);
    expect(await resolveItems(flow.steps[0], scope(order))).toBeUndefined();
  });

  it('evaluates when and the trigger filter as booleans', async () => {
    expect(await shouldRunStep(flow.steps[0], scope(order))).toBe(true);
    expect(await shouldRunStep(flow.steps[0], scope({ ...order, total_price: '10' }))).toBe(false);
    expect(await shouldRunStep(flow.steps[1], scope(order))).toBe(true);
    expect(await passesFilter(flow, scope(order))).toBe(true);
    expect(await passesFilter(flow, scope({ ...order, total_price: '0' }))).toBe(false);
  });

  it('fails clearly when when is not boolean or map is not an object', async () => {
    await expect(shouldRunStep(flow.steps[4], scope(order))).rejects.toThrow(
      'steps[4].when: must return true or false, got number',
    );
    await expect(resolveStepInput(flow.steps[4], scope(order))).rejects.toThrow(
      'steps[4].map: must return an object, got array',
    );
  });
});

describe('bindings and edge cases', () => {
  const step = (extra: Partial<FlowDefinition['steps'][number]>) =>
    compileFlow({
      name: 'f',
      trigger: { type: 'webhook' },
      steps: [{ id: 's', action: 'core.transform', ...extra }],
    }).steps[0];

  it('binds $trigger, $steps, $run and $secrets, plus $item and $index only inside forEach', async () => {
    const s = scope(order, { deal: { id: 'D1' } });
    expect(Object.keys(expressionBindings(s))).toEqual(['trigger', 'steps', 'run', 'secrets']);
    expect(expressionBindings(s).secrets).toEqual({});
    expect(expressionBindings(s, { item: 'x', index: 2 })).toMatchObject({ item: 'x', index: 2 });
    const mapping = step({
      map: "{ 'deal': $steps.deal.id, 'run': $run.id, 'v': $run.flowVersion, 'm': $trigger.method, 'h': $trigger.headers.'x-shop', 'n': order_number }",
    });
    expect(await resolveStepInput(mapping, s)).toEqual({
      deal: 'D1',
      run: 'run-1',
      v: 3,
      m: 'POST',
      h: 'demo',
      n: 1234,
    });
  });

  it('fills {"$secret": NAME} in the static input and $secrets.NAME from the step\'s secrets', async () => {
    const s = { ...scope(order), secrets: { ERP: 'tok-1' } };
    const withSecret = step({
      input: { headers: { Authorization: { $secret: 'ERP' } }, keep: { $secret: 1 } },
      map: "{ 'body': { 'k': 'x-' & $secrets.ERP } }",
    });
    expect(await resolveStepInput(withSecret, s)).toEqual({
      headers: { Authorization: 'tok-1' },
      keep: { $secret: 1 },
      body: { k: 'x-tok-1' },
    });
    const other = step({ input: { a: { $secret: 'OTHER' } } });
    await expect(resolveStepInput(other, s)).rejects.toThrow("secret 'OTHER' is not available");
  });

  it('copies the static input when there is no map, or when map matches nothing', async () => {
    const input = { a: { b: [1] } };
    const copied = await resolveStepInput(step({ input }), scope(order));
    expect(copied).toEqual(input);
    expect(copied.a).not.toBe(input.a);
    expect(await resolveStepInput(step({ input, map: 'missing' }), scope(order))).toEqual(input);
    expect(await resolveStepInput(step({}), scope(order))).toEqual({});
  });

  it('refuses a map that returns something other than an object', async () => {
    await expect(resolveStepInput(step({ map: 'null' }), scope(order))).rejects.toThrow(
      'steps[0].map: must return an object, got null',
    );
    await expect(resolveStepInput(step({ map: 'order_number' }), scope(order))).rejects.toThrow(
      'steps[0].map: must return an object, got number',
    );
  });

  it('treats false as skip and refuses non-boolean when and filter results', async () => {
    expect(await shouldRunStep(step({ when: 'false' }), scope(order))).toBe(false);
    expect(await shouldRunStep(step({}), scope(order))).toBe(true);
    await expect(shouldRunStep(step({ when: 'missing' }), scope(order))).rejects.toThrow(
      'steps[0].when: must return true or false, got undefined (the expression matched nothing)',
    );
    const filtered = compileFlow({ ...definition, trigger: { type: 'webhook', filter: "'yes'" } });
    await expect(passesFilter(filtered, scope(order))).rejects.toThrow(
      'trigger.filter: must return true or false, got string',
    );
    const open = compileFlow({ ...definition, trigger: { type: 'webhook' } });
    expect(await passesFilter(open, scope(order))).toBe(true);
  });

  it('wraps a scalar forEach result and reads the body even when it is an array', async () => {
    expect(await resolveItems(step({ forEach: 'order_number' }), scope(order))).toEqual([1234]);
    expect(await resolveItems(step({ forEach: '$' }), scope([{ a: 1 }, { a: 2 }]))).toEqual([
      { a: 1 },
      { a: 2 },
    ]);
    expect(await resolveItems(step({ forEach: 'null' }), scope(order))).toEqual([]);
  });

  it('merges nested objects without sharing them and drops prototype keys at every level', () => {
    const override = JSON.parse('{"a": {"x": {"constructor": 1, "y": 2}}, "b": {"prototype": 1}}');
    const merged = deepMerge({ a: { k: 1 } }, override);
    expect(merged).toEqual({ a: { k: 1, x: { y: 2 } }, b: {} });
    expect(merged.a).not.toBe(override.a);
    (merged.a as Record<string, unknown>).k = 9;
    expect(override).toEqual(
      JSON.parse('{"a": {"x": {"constructor": 1, "y": 2}}, "b": {"prototype": 1}}'),
    );
    expect(deepMerge({ list: [1, 2], v: { n: 1 } }, { list: [3], v: 'scalar' })).toEqual({
      list: [3],
      v: 'scalar',
    });
  });
});
