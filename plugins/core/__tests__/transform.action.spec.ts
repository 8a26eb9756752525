import { registry, runAction } from '../../__tests__/action-context.js';

describe('core.transform', () => {
  it('outputs its input as a plain object, unknown fields included', async () => {
    const input = { number: 1234, email: 'a@b.c', nested: { items: [1, 2] }, nothing: null };
    const output = await runAction('core.transform', input);
    expect(output).toEqual(input);
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(output))).toEqual(input);
  });

  it('accepts an empty input and has no side effects', async () => {
    expect(await runAction('core.transform', {})).toEqual({});
    expect(registry.getAction('core.transform')?.action).toMatchObject({
      sideEffects: false,
      allowUnknownInput: true,
    });
  });
});
