import { defineAction, type ActionDefinition } from '@flowhub/plugin-sdk';
import type { FlowDefinition } from '../engine/flow-definition.js';
import { urlInputPaths, urlInputProblems } from './url-inputs.js';

class Anything {}
const action = (overrides: Partial<ActionDefinition>): ActionDefinition =>
  defineAction({
    displayName: 'A',
    description: 'a',
    input: Anything,
    sideEffects: true,
    run: async () => ({}),
    ...overrides,
  });

const notify = action({
  inputFields: { target: { url: true }, 'callback.url': { url: true }, note: { description: 'x' } },
});
const plain = action({});
const actions: Record<string, ActionDefinition> = { 'crm.notify': notify, 'crm.plain': plain };

const flow = (input: Record<string, unknown>, name = 'crm.notify'): FlowDefinition => ({
  name: 'f',
  trigger: { type: 'webhook' },
  steps: [{ id: 's', action: name, input }],
});
const problems = (definition: FlowDefinition) =>
  urlInputProblems(definition, (name) => actions[name], { allowCidrs: [], allowHosts: [] });

describe('save-time egress check of declared URL inputs', () => {
  it('checks every input an action declares as a URL, nested ones too', () => {
    const found = problems(
      flow({ target: 'http://10.0.0.5/hook', callback: { url: 'http://127.0.0.1:8080/' } }),
    );
    expect(found.map((p) => p.path)).toEqual([
      'steps[0].input.target',
      'steps[0].input.callback.url',
    ]);
    expect(found[0].message).toMatch(/10\.0\.0\.5 is an internal address/);
  });

  it('passes public URLs, absent ones and inputs not declared as URLs', () => {
    expect(
      problems(flow({ target: 'https://hooks.example.com/x', note: 'http://10.0.0.5/' })),
    ).toEqual([]);
    expect(problems(flow({}))).toEqual([]);
    expect(problems(flow({ target: 'http://10.0.0.5/' }, 'crm.plain'))).toEqual([]);
  });

  it('counts the destination input as a URL input', () => {
    expect(urlInputPaths(action({ destinationInput: 'url' }))).toEqual(['url']);
    expect(urlInputPaths(action({ destinationInput: 'target', ...notify }))).toEqual([
      'target',
      'callback.url',
    ]);
  });
});
