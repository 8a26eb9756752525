import { MATCH_MAX_DEPTH, parsePayloadMatch } from './payload-match.js';

describe('parsePayloadMatch', () => {
  it('splits at the first = into a dotted path and the value', () => {
    expect(parsePayloadMatch('customer.email=client@test.com')).toEqual({
      path: ['customer', 'email'],
      value: 'client@test.com',
    });
    expect(parsePayloadMatch('note=a=b')).toEqual({ path: ['note'], value: 'a=b' });
    expect(parsePayloadMatch('items.0.sku=')).toEqual({ path: ['items', '0', 'sku'], value: '' });
  });

  it('refuses a missing path or =, empty or odd keys, and paths that are too deep', () => {
    for (const raw of ['email', '=x', 'a..b=1', 'a.b c=1', "a'b=1", 'a.{b}=1'])
      expect([raw, parsePayloadMatch(raw)]).toEqual([raw, undefined]);
    const deep = Array.from({ length: MATCH_MAX_DEPTH + 1 }, () => 'k').join('.');
    expect(parsePayloadMatch(`${deep}=1`)).toBeUndefined();
    expect(parsePayloadMatch(`a=${'x'.repeat(501)}`)).toBeUndefined();
  });
});
