import { describe, expect, it } from 'vitest';
import { formatPath, parsePath, problemRange } from './problem-ranges';

const FLOW = JSON.stringify(
  {
    name: 'Orders',
    trigger: { type: 'webhook', allowIps: ['10.0.0.1', 'nope'] },
    steps: [
      { id: 'shape', action: 'core.transform', map: "{ 'a': 1 }" },
      { id: 'send', action: 'http.request', input: { url: 'http://x', headers: { 'x.y': 'v' } } },
    ],
  },
  null,
  2,
);

/** The text a path marks in FLOW. */
const marked = (path: string, text = FLOW) => {
  const range = problemRange(text, path);
  return { text: text.slice(range.from, range.to), found: range.found, exact: range.exact };
};

describe('parsePath and formatPath', () => {
  it('reads the server notation and writes it back', () => {
    expect(parsePath('steps[1].map')).toEqual(['steps', 1, 'map']);
    expect(parsePath('trigger.allowIps[0]')).toEqual(['trigger', 'allowIps', 0]);
    expect(parsePath('[2]')).toEqual([2]);
    expect(parsePath('')).toEqual([]);
    expect(formatPath(['steps', 1, 'input', 'url'])).toBe('steps[1].input.url');
    expect(formatPath([])).toBe('');
  });
});

describe('problemRange', () => {
  it('marks a scalar value at its path', () => {
    expect(marked('steps[1].action')).toEqual({
      text: '"http.request"',
      found: 'steps[1].action',
      exact: true,
    });
    expect(marked('steps[0].map').text).toBe(`"{ 'a': 1 }"`);
    expect(marked('trigger.allowIps[1]').text).toBe('"nope"');
    expect(marked('name').text).toBe('"Orders"');
  });

  it('marks an object or array by its property name, an array item by its first line', () => {
    expect(marked('trigger').text).toBe('"trigger"');
    expect(marked('steps').text).toBe('"steps"');
    expect(marked('steps[1]').text).toBe('{');
    const oneLine = '{"steps":[{"id":"a","action":"x"}]}';
    expect(marked('steps[0]', oneLine).text).toBe('{"id":"a","action":"x"}');
  });

  it('falls back to the nearest parent that exists', () => {
    expect(marked('steps[0].connection')).toEqual({ text: '{', found: 'steps[0]', exact: false });
    expect(marked('steps[7].map')).toEqual({ text: '"steps"', found: 'steps', exact: false });
    expect(marked('trigger.verify.secret')).toEqual({
      text: '"trigger"',
      found: 'trigger',
      exact: false,
    });
    expect(marked('name[0]')).toEqual({ text: '"Orders"', found: 'name', exact: false });
  });

  it('marks the first line of the definition for the root path or an unknown top field', () => {
    expect(marked('')).toEqual({ text: '{', found: '', exact: true });
    expect(marked('nothing.here')).toEqual({ text: '{', found: '', exact: false });
  });
});

describe('problemRange in unusual texts', () => {
  it('finds keys that hold dots by joining segments', () => {
    expect(marked('steps[1].input.headers.x.y').text).toBe('"v"');
    expect(marked('steps[1].input.url').text).toBe('"http://x"');
  });

  it('reads escaped keys and keeps the last of duplicate keys, as JSON.parse does', () => {
    const text = '{"a\\u0062": 1, "dup": 1, "dup": 2}';
    expect(marked('ab', text).text).toBe('1');
    const range = problemRange(text, 'dup');
    expect(text.slice(range.from, range.to)).toBe('2');
    expect(range.from).toBe(text.lastIndexOf('2'));
  });

  it('still finds nodes in text that no longer parses', () => {
    const broken = '{\n  "name": "x",\n  "steps": [ { "id": "a", "action": "core.nope" }, \n';
    expect(marked('steps[0].action', broken).text).toBe('"core.nope"');
    expect(marked('steps[0].map', '{"steps": [{"map": }]}').found).toBe('steps[0].map');
  });

  it('gives the start of a text with no JSON value', () => {
    expect(problemRange('', 'steps')).toEqual({ from: 0, to: 0, found: '', exact: false });
    expect(marked('steps', 'hello\nworld')).toMatchObject({ exact: false });
  });
});
