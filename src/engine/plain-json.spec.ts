import {
  isPlainObject,
  jsonTypeOf,
  MAX_JSON_DEPTH,
  NotJsonError,
  toPlainJson,
} from './plain-json.js';

describe('toPlainJson', () => {
  it('copies JSON deeply and drops extra array properties', () => {
    const sequence = Object.assign([1, { a: [2] }], { sequence: true, keepSingleton: true });
    const copy = toPlainJson(sequence) as unknown[];
    expect(copy).toEqual([1, { a: [2] }]);
    expect(Object.keys(copy)).toEqual(['0', '1']);
    expect(copy[1]).not.toBe(sequence[1]);
  });

  it('drops undefined members like JSON, and uses null inside arrays', () => {
    expect(toPlainJson({ a: undefined, b: [undefined, 1] })).toEqual({ b: [null, 1] });
    expect(toPlainJson(undefined)).toBeUndefined();
    expect(toPlainJson(null)).toBeNull();
  });

  it('keeps a __proto__ key as data, never as the prototype', () => {
    const copy = toPlainJson(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')) as object;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('uses toJSON (dates) and refuses what JSON cannot hold, saying where', () => {
    expect(toPlainJson({ at: new Date('2026-01-02T03:04:05Z') })).toEqual({
      at: '2026-01-02T03:04:05.000Z',
    });
    expect(() => toPlainJson({ a: [1, Number.NaN] })).toThrow(
      new NotJsonError('.a[1]', 'a non-finite number (NaN) has no JSON form'),
    );
    expect(() => toPlainJson({ f: () => 1 })).toThrow('a function has no JSON form at .f');
    expect(() => toPlainJson({ _jsonata_lambda: true })).toThrow('a function has no JSON form');
    expect(() => toPlainJson(10n)).toThrow('a bigint has no JSON form');
  });

  it('refuses cycles and absurd nesting instead of overflowing the stack', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => toPlainJson(cyclic)).toThrow(`nested deeper than ${MAX_JSON_DEPTH} levels`);
  });
});

describe('isPlainObject and jsonTypeOf', () => {
  it('tells plain objects from arrays, null and class instances', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    expect(isPlainObject([])).toBe(false);
    expect(isPlainObject(null)).toBe(false);
    expect(isPlainObject(new Date())).toBe(false);
  });

  it('names JSON types', () => {
    expect([null, [], {}, 'x', 1, true, undefined].map(jsonTypeOf)).toEqual([
      'null',
      'array',
      'object',
      'string',
      'number',
      'boolean',
      'undefined',
    ]);
    expect(jsonTypeOf({ _jsonata_lambda: true })).toBe('function');
  });
});
