import { jsonLimitProblem, MAX_JSON_DEPTH, MAX_JSON_KEYS } from './json-limits.js';

const nested = (depth: number) => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('JSON limits of catch bodies', () => {
  it('accepts ordinary bodies, up to the limits', () => {
    expect(jsonLimitProblem({ order: { lines: [{ sku: 'A' }] } })).toBeUndefined();
    expect(jsonLimitProblem(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(
      jsonLimitProblem(
        Object.fromEntries(Array.from({ length: MAX_JSON_KEYS }, (_, i) => [`k${i}`, i])),
      ),
    ).toBeUndefined();
    expect(jsonLimitProblem('text')).toBeUndefined();
  });

  it('never walks raw bytes: a Buffer is limited by size alone', () => {
    expect(jsonLimitProblem(Buffer.alloc(200_000, 1))).toBeUndefined();
    expect(jsonLimitProblem({ inner: new Uint8Array(MAX_JSON_KEYS + 1) })).toBeUndefined();
  });

  it('names the rule a body breaks', () => {
    expect(jsonLimitProblem(nested(MAX_JSON_DEPTH + 1))).toBe(
      'JSON body is nested deeper than 64 levels',
    );
    expect(jsonLimitProblem(nested(5000))).toBe('JSON body is nested deeper than 64 levels');
    const wide = Object.fromEntries(
      Array.from({ length: MAX_JSON_KEYS + 1 }, (_, i) => [`k${i}`, i]),
    );
    expect(jsonLimitProblem({ inner: wide })).toBe(
      'a JSON object in the body has more than 10000 keys',
    );
  });
});
