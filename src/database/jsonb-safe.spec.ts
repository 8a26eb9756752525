import { jsonbRefuses, jsonbSafeText, textSafe } from './jsonb-safe.js';

describe('jsonb-safe values', () => {
  it('finds and replaces U+0000 and lone surrogates in JSON text', () => {
    const json = JSON.stringify({ nul: 'a\u0000b', high: '\ud800', low: 'x\udc00', pair: '😀' });
    expect(jsonbRefuses(json)).toBe(true);
    expect(JSON.parse(jsonbSafeText(json))).toEqual({
      nul: 'a\ufffdb',
      high: '\ufffd',
      low: 'x\ufffd',
      pair: '😀',
    });
  });

  it('leaves an escaped backslash followed by "u0000" alone', () => {
    for (const value of ['\\u0000', '\\\\u0000', '\\ud800', 'plain', '\u0001', '😀']) {
      const json = JSON.stringify({ [value]: value });
      expect(jsonbRefuses(json)).toBe(false);
      expect(jsonbSafeText(json)).toBe(json);
    }
    const mixed = JSON.stringify('\\\u0000');
    expect(jsonbRefuses(mixed)).toBe(true);
    expect(JSON.parse(jsonbSafeText(mixed))).toBe('\\\ufffd');
  });

  it('makes strings storable in text columns', () => {
    expect(textSafe('a\u0000b\ud800c\udc00😀')).toBe('a\ufffdb\ufffdc\ufffd😀');
    expect(textSafe('fine')).toBe('fine');
  });
});
