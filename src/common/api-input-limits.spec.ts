import {
  API_MAX_ARRAY_ITEMS,
  API_MAX_JSON_DEPTH,
  API_MAX_JSON_KEYS,
  apiInputProblem,
} from './api-input-limits.js';

/** `{"a":{"a":...}}` with `levels` objects, built without recursion. */
function nested(levels: number, asArray = false): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = asArray ? [value] : { a: value };
  return value;
}

describe('apiInputProblem', () => {
  it('passes ordinary JSON, primitives and nesting up to the limit', () => {
    const flow = { name: 'x', steps: [{ id: 'a', input: { list: [1, 'two', null, true] } }] };
    expect(apiInputProblem(flow, 'Request body')).toBeUndefined();
    expect(apiInputProblem(undefined, 'Request body')).toBeUndefined();
    expect(apiInputProblem(42, 'Request body')).toBeUndefined();
    expect(apiInputProblem(nested(API_MAX_JSON_DEPTH), 'Request body')).toBeUndefined();
    expect(apiInputProblem(nested(API_MAX_JSON_DEPTH, true), 'Request body')).toBeUndefined();
    expect(apiInputProblem({ emoji: 'a\uD83D\uDE00b' }, 'Request body')).toBeUndefined();
  });

  it('refuses deeper values with a short path, without overflowing the stack', () => {
    for (const asArray of [false, true]) {
      expect(apiInputProblem(nested(API_MAX_JSON_DEPTH + 1, asArray), 'Request body')).toEqual(
        expect.objectContaining({ message: expect.stringMatching(/nested more than 100 levels/) }),
      );
    }
    const problem = apiInputProblem({ steps: [{ input: nested(10_000) }] }, 'Request body');
    expect(problem?.path).toBe('steps[0].input.a.a.a…');
    expect(problem?.message).toBe(
      'Request body field steps[0].input.a.a.a… is nested more than 100 levels deep: flatten it',
    );
  });

  it('refuses objects with too many keys and arrays with too many items', () => {
    const wide = Object.fromEntries(
      Array.from({ length: API_MAX_JSON_KEYS + 1 }, (_, i) => [`k${i}`, i]),
    );
    expect(apiInputProblem({ input: wide }, 'Request body')?.message).toBe(
      'Request body field input is an object with more than 10000 keys: send fewer',
    );
    const long = { payload: { items: new Array(API_MAX_ARRAY_ITEMS + 1).fill(0) } };
    expect(apiInputProblem(long, 'Request body')?.message).toMatch(
      /^Request body field payload\.items is an array of more than 10000 items/,
    );
    expect(apiInputProblem(new Array(API_MAX_ARRAY_ITEMS).fill(0), 'Request body')).toBeUndefined();
  });

  it('refuses text PostgreSQL cannot store, in values and in keys', () => {
    expect(apiInputProblem({ name: 'a\u0000b' }, 'Request body')).toEqual({
      path: 'name',
      message:
        'Request body field name contains U+0000 (NUL), which Flowhub cannot store: remove it',
    });
    expect(apiInputProblem({ list: ['ok', 'x\uD800'] }, 'Request body')?.path).toBe('list[1]');
    expect(apiInputProblem({ a: '\uDC00y' }, 'Request body')?.message).toMatch(/lone UTF-16/);
    expect(apiInputProblem({ input: { 'k\u0000': 1 } }, 'Request body')?.message).toBe(
      'Request body field input has a key that contains U+0000 (NUL), which Flowhub cannot store: remove it',
    );
    expect(apiInputProblem({ cursor: '\u0000' }, 'Query')?.message).toMatch(/^Query field cursor/);
    expect(apiInputProblem('\u0000', 'Request body')?.message).toMatch(/^Request body contains/);
  });

  it('cuts long keys in the path it shows', () => {
    const key = 'k'.repeat(500);
    const path = apiInputProblem({ [key]: '\u0000' }, 'Request body')?.path;
    expect(path).toBe(`${'k'.repeat(40)}…`);
  });
});
