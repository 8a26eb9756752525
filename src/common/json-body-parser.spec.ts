import { parseJsonBody } from './json-body-parser.js';

function parse(bytes: Buffer | string): {
  error?: Error & { statusCode?: number };
  body?: unknown;
} {
  let result: { error?: Error; body?: unknown } = {};
  parseJsonBody(undefined, Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes), (error, body) => {
    result = error ? { error } : { body };
  });
  return result;
}

describe('parseJsonBody', () => {
  it('parses JSON', () => {
    expect(parse('{"a":[1,{"b":null}]}').body).toEqual({ a: [1, { b: null }] });
  });

  it('names each way a body is refused, with status 400', () => {
    const cases: [Buffer | string, RegExp][] = [
      [
        Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
        /not valid UTF-8/,
      ],
      ['  ', /Body is empty/],
      ['{"a":', /^Body is not valid JSON \(.+\): send valid JSON/],
      ['{"__proto__":{"polluted":1}}', /__proto__ or constructor.prototype key/],
      ['{"a":{"constructor":{"prototype":{"x":1}}}}', /__proto__ or constructor.prototype key/],
    ];
    for (const [body, message] of cases) {
      const { error } = parse(body);
      expect(error?.statusCode).toBe(400);
      expect(error?.message).toMatch(message);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
