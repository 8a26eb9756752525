import { compileFlow } from './compiled-flow.js';
import { DEFAULT_EXPRESSION_LIMITS, ExpressionSyntaxError } from './expressions.js';
import type { FlowDefinition } from './flow-definition.js';

const definition: FlowDefinition = {
  name: 'f',
  trigger: { type: 'webhook', filter: 'total > 0' },
  steps: [
    { id: 'deal', action: 'core.transform', map: "{ 'a': 1 }", when: 'true' },
    { id: 'lines', action: 'http.request', forEach: 'items' },
  ],
};

describe('compileFlow', () => {
  it('compiles every expression with its path and finds steps by id', () => {
    const flow = compileFlow(definition);
    expect(flow.definition).toBe(definition);
    expect(flow.filter?.path).toBe('trigger.filter');
    expect(flow.steps.map((s) => [s.index, s.map?.path, s.when?.path, s.forEach?.path])).toEqual([
      [0, 'steps[0].map', 'steps[0].when', undefined],
      [1, undefined, undefined, 'steps[1].forEach'],
    ]);
    expect(flow.step('lines')).toBe(flow.steps[1]);
    expect(flow.step('nope')).toBeUndefined();
  });

  it('leaves the filter out when there is none', () => {
    expect(compileFlow({ ...definition, trigger: { type: 'webhook' } }).filter).toBeUndefined();
  });

  it('throws ExpressionSyntaxError naming the expression that does not compile', () => {
    const broken = { ...definition, steps: [{ id: 'a', action: 'core.transform', when: '(' }] };
    expect(() => compileFlow(broken)).toThrow(ExpressionSyntaxError);
    expect(() => compileFlow(broken)).toThrow(
      /^steps\[0\]\.when: JSONata syntax error at position/,
    );
  });

  it('applies the given limits to every expression', async () => {
    const flow = compileFlow(
      { ...definition, trigger: { type: 'webhook', filter: '[1..20]' } },
      { ...DEFAULT_EXPRESSION_LIMITS, sequence: 10 },
    );
    await expect(flow.filter!.evaluate({}, {})).rejects.toThrow(
      'trigger.filter: expression built a sequence of more than 10 items (guardrail)',
    );
  });
});
