import { describe, expect, it } from 'vitest';
import { lineAndColumn, parseDefinition } from './json-syntax';

describe('parseDefinition', () => {
  it('accepts a JSON object', () => {
    expect(parseDefinition('{"name": "a"}')).toEqual({ ok: true, value: { name: 'a' } });
  });

  it('places a syntax error where the parser stopped, with its line and column', () => {
    const text = '{\n  "name": "a",\n  "steps": [}\n}';
    const result = parseDefinition(text);
    if (result.ok) throw new Error('parsed');
    expect(text.slice(result.problem.from, result.problem.to)).toBe('}');
    expect(result.problem.message).toMatch(/^JSON syntax error at line 3, column 13: /);
    expect(result.problem.message).not.toContain('"name"'); // not a copy of the text
  });

  it('reports a missing closing brace at the end', () => {
    const result = parseDefinition('{"name": "a"');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.message).toMatch(/line 1/);
  });

  it('refuses an empty text, an array and a string', () => {
    const empty = parseDefinition('  ');
    expect(!empty.ok && empty.problem.message).toMatch(/the definition is empty/);
    for (const text of ['[]', '"flow"', 'null']) {
      const result = parseDefinition(text);
      expect(!result.ok && result.problem.message).toMatch(/must be a JSON object/);
    }
  });
});

describe('lineAndColumn', () => {
  it('counts from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
