import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './json-offset';

describe('jsonErrorOffset', () => {
  it('finds nothing wrong with JSON', () => {
    for (const text of [
      '{}',
      ' [1, -2.5e3, "a\\"b\\u00e9", true, false, null, {"x": []}] ',
      '"text"',
      '0',
    ]) {
      expect(JSON.parse(text)).toBeDefined();
      expect(jsonErrorOffset(text)).toBeUndefined();
    }
  });

  it('points at the first character that is not JSON', () => {
    expect(jsonErrorOffset('{"a": }')).toBe(6);
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset("{'a': 1}")).toBe(1);
    expect(jsonErrorOffset('[1 2]')).toBe(3);
    expect(jsonErrorOffset('{"a": 01}')).toBe(7);
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonErrorOffset('{"a": "\\x"}')).toBe(8);
    expect(jsonErrorOffset('{} x')).toBe(3);
  });

  it('points at the end of a text that ends too soon', () => {
    expect(jsonErrorOffset('{"a": [1, 2')).toBe(11);
    expect(jsonErrorOffset('{"a": "open')).toBe(11);
  });

  it('gives no position for a text nested too deep to scan', () => {
    expect(jsonErrorOffset('['.repeat(100_000))).toBeUndefined();
  });
});
