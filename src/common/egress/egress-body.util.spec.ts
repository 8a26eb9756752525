import {
  decodeResponseBody,
  encodeRequestBody,
  flattenHeaders,
  parseRetryAfter,
} from './egress-body.util.js';
import { nextHop } from './egress-redirect.util.js';

describe('egress body and header helpers', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');

  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['1.5', 1_500],
    ['999999', 3_600_000],
    ['Mon, 23 Nov 2026 10:00:30 GMT', 30_000],
    ['Mon, 23 Nov 2026 09:00:00 GMT', 0],
    ['-5', undefined],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads Retry-After %j as %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it('encodes objects as JSON and keeps strings and Buffers as they are', () => {
    expect(encodeRequestBody({ a: 1 }, {})).toEqual({
      data: Buffer.from('{"a":1}'),
      headers: { 'content-type': 'application/json' },
    });
    expect(encodeRequestBody(null, {}).data?.toString()).toBe('null');
    expect(
      encodeRequestBody('x=1', { 'Content-Type': 'application/x-www-form-urlencoded' }),
    ).toEqual({
      data: Buffer.from('x=1'),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(encodeRequestBody(new Uint8Array([1, 2]), {}).headers).toEqual({
      'content-type': 'application/octet-stream',
    });
    expect(encodeRequestBody(undefined, { a: 'b' })).toEqual({ headers: { a: 'b' } });
  });

  it('decodes JSON (also +json) and text in its charset', () => {
    expect(decodeResponseBody(Buffer.from('{"a":1}'), 'application/json; charset=utf-8')).toEqual({
      a: 1,
    });
    expect(decodeResponseBody(Buffer.from('{"a":1}'), 'application/problem+json')).toEqual({
      a: 1,
    });
    expect(decodeResponseBody(Buffer.from('{"a":1}'), 'text/plain')).toBe('{"a":1}');
    expect(decodeResponseBody(Buffer.from('not json'), 'application/json')).toBe('not json');
    expect(
      decodeResponseBody(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'text/plain; charset=ISO-8859-1'),
    ).toBe('café');
    expect(decodeResponseBody(Buffer.alloc(0), 'application/json')).toBe('');
    expect(decodeResponseBody(undefined)).toBe('');
  });

  it('flattens headers to lower-case strings', () => {
    expect(flattenHeaders({ 'Set-Cookie': ['a=1', 'b=2'], 'X-N': 5, 'X-Gone': undefined })).toEqual(
      {
        'set-cookie': 'a=1, b=2',
        'x-n': '5',
      },
    );
  });

  describe('redirect hops', () => {
    const hop = {
      method: 'POST',
      url: 'https://a.example/start',
      headers: { Authorization: 'Bearer s', 'Content-Type': 'application/json', 'X-Keep': '1' },
      body: Buffer.from('{}'),
    };

    it('turns POST into a body-less GET on 301, 302 and 303', () => {
      for (const status of [301, 302, 303]) {
        expect(nextHop(hop, status, '/next')).toEqual({
          method: 'GET',
          url: 'https://a.example/next',
          headers: { Authorization: 'Bearer s', 'X-Keep': '1' },
          body: undefined,
        });
      }
    });

    it('repeats method and body on 307 and 308, and PUT on 301', () => {
      expect(nextHop(hop, 307, '/again')).toMatchObject({ method: 'POST', body: hop.body });
      expect(nextHop({ ...hop, method: 'PUT' }, 301, '/moved')).toMatchObject({ method: 'PUT' });
      expect(nextHop({ ...hop, method: 'HEAD' }, 303, '/other')).toMatchObject({ method: 'HEAD' });
    });

    it('drops credentials when the origin changes', () => {
      expect(nextHop(hop, 307, 'https://b.example/x').headers).toEqual({
        'Content-Type': 'application/json',
        'X-Keep': '1',
      });
      expect(nextHop(hop, 307, 'http://a.example/start').headers).not.toHaveProperty(
        'Authorization',
      );
    });

    it('throws on a Location that is not a URL', () => {
      expect(() => nextHop(hop, 302, 'http://[bad')).toThrow();
    });
  });
});
