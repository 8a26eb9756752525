import { createHmac } from 'node:crypto';
import type { RawRequest } from './raw-http.js';

/** The GitHub preset's published test secret (docs: webhooks.md, "Published vectors"). */
export const GITHUB_SECRET = "It's a Secret to Everybody";

export const githubSignature = (body: Buffer | string, secret = GITHUB_SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** What one hostile request must get back. */
export interface Expected {
  status: number;
  /** The error message must match this. */
  message: RegExp;
  /** The whole body must be exactly this text (the catch URL's 404). */
  exactText?: string;
  headers?: Record<string, string>;
  /** Text the body must never contain (e.g. the signature the server expected). */
  mustNotContain?: string;
}

export interface HostileCase {
  category: string;
  variant: string;
  request: RawRequest;
  expected: Expected;
}

/** The catch URLs under attack, and what the suite knows about them. */
export interface Targets {
  flowId: string;
  key: string;
  /** A second flow whose trigger.verify is the github preset with GITHUB_SECRET. */
  signedFlowId: string;
  signedKey: string;
  /** The exact body of the catch URL's 404. */
  notFoundText: string;
  /** FLOWHUB_CATCH_BODY_LIMIT. */
  bodyLimit: number;
}

/** mulberry32: a tiny seeded PRNG, so a failing mix can be replayed exactly. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    hex: (length: number) =>
      Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join(''),
    base64url: (length: number) =>
      Array.from(
        { length },
        () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[(next() * 64) | 0],
      ).join(''),
  };
}
type Random = ReturnType<typeof seededRandom>;

const JSON_TYPE = { 'content-type': 'application/json' };
const bytes = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))),
  );

const INVALID_JSON = /^Body is (not valid JSON \(.+\)|not valid UTF-8|empty)/;
const TOO_LARGE = /^Request body is over \d+ bytes, the most Flowhub accepts/;
const PROTO = /^Body has a __proto__ or constructor\.prototype key/;

/** A small valid JSON document, different every time, for truncation and signing. */
function sampleDocument(random: Random): string {
  return JSON.stringify({
    order_number: random.int(100_000),
    items: [{ sku: random.hex(6), qty: random.int(9) + 1 }],
    customer: { email: `c${random.int(1000)}@example.com`, note: 'ünïcødé ✓' },
  });
}

/** Bodies too expensive to build per request: built once, shared by every case that sends them. */
function heavyBodies(bodyLimit: number) {
  const keys = (count: number) =>
    `{${Array.from({ length: count }, (_, i) => `"k${i}":${i}`).join(',')}}`;
  const overLimit = Buffer.alloc(bodyLimit + 1, 0x20);
  overLimit.write('{"pad":"');
  overLimit.fill('x', 8, bodyLimit - 1);
  overLimit.write('"}', bodyLimit - 1);
  return {
    overLimit,
    deepArrays: Buffer.from('['.repeat(5000) + ']'.repeat(5000)),
    deepObjects: Buffer.from('{"a":'.repeat(5000) + '1' + '}'.repeat(5000)),
    deepMixed: Buffer.from('[{"a":'.repeat(2500) + '1' + '}]'.repeat(2500)),
    deepUnderKey: Buffer.from(`{"ok":1,"payload":${'['.repeat(5000)}${']'.repeat(5000)}}`),
    manyKeys: Buffer.from(keys(10_001)),
    manyKeysNested: Buffer.from(`{"data":{"inner":${keys(10_001)}}}`),
    manyKeysInArray: Buffer.from(`[1,"two",${keys(12_000)}]`),
  };
}

type Builder = (random: Random) => Omit<HostileCase, 'category'>;

/**
 * The categories of hostile requests, each a builder of one request (with a variant chosen by
 * the seeded PRNG) and what it must get back. Every request targets a live catch URL unless
 * the category is about the URL itself, so only the hostile part can be why it is refused.
 */
export function hostileCategories(targets: Targets): Record<string, Builder> {
  const heavy = heavyBodies(targets.bodyLimit);
  const path = `/webhook/catch/${targets.flowId}/${targets.key}`;
  const signedPath = `/webhook/catch/${targets.signedFlowId}/${targets.signedKey}`;
  const post = (body: Buffer, headers: Record<string, string> = JSON_TYPE, at = path) => ({
    method: 'POST',
    path: at,
    headers,
    body,
  });
  const notFound: Expected = {
    status: 404,
    message: /No flow at this catch URL/,
    exactText: targets.notFoundText,
  };
  const variants = (
    list: [string, (random: Random) => RawRequest][],
    expected: Expected | ((variant: string) => Expected),
  ): Builder => {
    return (random) => {
      const [variant, build] = random.pick(list);
      return {
        variant,
        request: build(random),
        expected: typeof expected === 'function' ? expected(variant) : expected,
      };
    };
  };

  return {
    'malformed JSON': variants(
      [
        [
          'truncated at a random byte',
          (r) => {
            const doc = sampleDocument(r);
            return post(Buffer.from(doc).subarray(0, 1 + r.int(Buffer.byteLength(doc) - 1)));
          },
        ],
        ['trailing comma', () => post(bytes('{"a":1,}'))],
        ['single quotes', () => post(bytes("{'a':1}"))],
        ['unquoted key', () => post(bytes('{a:1}'))],
        ['NaN', () => post(bytes('{"a":NaN}'))],
        ['comment', () => post(bytes('{"a":1 /* note */}'))],
        ['two documents', () => post(bytes('{}{}'))],
        ['raw control character in a string', () => post(bytes('{"a":"', [0x01], '"}'))],
        ['lone closing brace', () => post(bytes('}'))],
        ['empty body', () => post(Buffer.alloc(0))],
        ['whitespace only', () => post(bytes(' \r\n\t '))],
        [
          'charset parameter',
          (r) =>
            post(bytes(sampleDocument(r).slice(0, -1)), {
              'content-type': 'application/json; charset=utf-8',
            }),
        ],
        ['invalid UTF-8 before the document', () => post(bytes([0xff, 0xfe], '{"a":1}'))],
        ['UTF-16 body labelled JSON', () => post(Buffer.from('{"a":1}', 'utf16le'))],
        ['truncated multi-byte sequence after the document', () => post(bytes('{"a":1}', [0xc3]))],
        [
          'lone surrogate bytes outside a string',
          () => post(bytes('{"a":', [0xed, 0xa0, 0x80], '}')),
        ],
        ['invalid UTF-8 inside a string', () => post(bytes('{"a":"', [0xff, 0xfe], '"}'))],
        ['invalid UTF-8 inside a key', () => post(bytes('{"', [0xc3], '":1}'))],
      ],
      { status: 400, message: INVALID_JSON },
    ),
    'body over the limit': variants(
      [
        ['JSON with Content-Length', () => post(heavy.overLimit)],
        ['JSON chunked', () => ({ ...post(heavy.overLimit), chunked: true })],
        [
          'octet-stream',
          () => post(heavy.overLimit, { 'content-type': 'application/octet-stream' }),
        ],
        ['text/plain', () => post(heavy.overLimit, { 'content-type': 'text/plain' })],
        [
          'form',
          () => post(heavy.overLimit, { 'content-type': 'application/x-www-form-urlencoded' }),
        ],
        ['PUT', () => ({ ...post(heavy.overLimit), method: 'PUT' })],
      ],
      { status: 413, message: TOO_LARGE },
    ),
    'nested 5,000 deep': variants(
      [
        ['arrays', () => post(heavy.deepArrays)],
        ['objects', () => post(heavy.deepObjects)],
        ['arrays and objects', () => post(heavy.deepMixed)],
        ['under a key of a flat object', () => post(heavy.deepUnderKey)],
      ],
      { status: 400, message: /nested deeper than 64 levels/ },
    ),
    'prototype keys': variants(
      [
        ['__proto__ at the top', () => post(bytes('{"__proto__":{"polluted":"yes"}}'))],
        [
          '__proto__ nested in an array',
          () => post(bytes('{"a":{"b":[1,{"__proto__":{"isAdmin":true}}]}}')),
        ],
        ['__proto__ escaped', () => post(bytes('{"\\u005f\\u005fproto__":{"polluted":"yes"}}'))],
        [
          'constructor.prototype at the top',
          () => post(bytes('{"constructor":{"prototype":{"polluted":"yes"}}}')),
        ],
        [
          'constructor.prototype nested',
          () => post(bytes('[{"x":{"constructor":{"prototype":{"isAdmin":true}}}}]')),
        ],
        [
          '__proto__ in a form body',
          () =>
            post(bytes('a=1&__proto__=polluted'), {
              'content-type': 'application/x-www-form-urlencoded',
            }),
        ],
      ],
      { status: 400, message: PROTO },
    ),
    'oversized headers': variants(
      [
        [
          'one 16 KB header',
          () => post(bytes('{}'), { ...JSON_TYPE, 'x-big': 'a'.repeat(16_384) }),
        ],
        [
          'one 20 KB header',
          () => post(bytes('{}'), { ...JSON_TYPE, 'x-big': 'a'.repeat(20_480) }),
        ],
        [
          '1,000 small headers',
          () =>
            post(bytes('{}'), {
              ...JSON_TYPE,
              ...Object.fromEntries(
                Array.from({ length: 1000 }, (_, i) => [`x-h${i}`, 'v'.repeat(16)]),
              ),
            }),
        ],
        [
          '20 KB header on an unknown flow',
          () =>
            post(
              bytes('{}'),
              { ...JSON_TYPE, 'x-big': 'a'.repeat(20_480) },
              `/webhook/catch/${targets.flowId}/nope`,
            ),
        ],
      ],
      { status: 431, message: /^Request headers exceed 16 KB: send smaller headers$/ },
    ),
    'wrong method': variants(
      [
        ['GET', () => ({ method: 'GET', path, headers: {} })],
        ['DELETE', () => ({ method: 'DELETE', path, headers: {} })],
        ['PATCH with a body', () => ({ ...post(bytes('{"a":1}')), method: 'PATCH' })],
        ['DELETE with a body', () => ({ ...post(bytes('{"a":1}')), method: 'DELETE' })],
        ['GET with a query', () => ({ method: 'GET', path: `${path}?a=1`, headers: {} })],
        ['OPTIONS', () => ({ method: 'OPTIONS', path, headers: {} })],
      ],
      { status: 405, message: /POST or PUT/, headers: { allow: 'POST, PUT' } },
    ),
    'wrong key': variants(
      [
        [
          'random key of the right length',
          (r) =>
            post(bytes('{}'), JSON_TYPE, `/webhook/catch/${targets.flowId}/${r.base64url(43)}`),
        ],
        [
          'one character changed',
          (r) => {
            const at = r.int(targets.key.length);
            const swapped = targets.key[at] === 'A' ? 'B' : 'A';
            const key = targets.key.slice(0, at) + swapped + targets.key.slice(at + 1);
            return post(bytes('{}'), JSON_TYPE, `/webhook/catch/${targets.flowId}/${key}`);
          },
        ],
        [
          'one character more',
          () => post(bytes('{}'), JSON_TYPE, `/webhook/catch/${targets.flowId}/${targets.key}x`),
        ],
        [
          'one character less',
          () =>
            post(
              bytes('{}'),
              JSON_TYPE,
              `/webhook/catch/${targets.flowId}/${targets.key.slice(1)}`,
            ),
        ],
        [
          "the signed flow's key",
          () =>
            post(bytes('{}'), JSON_TYPE, `/webhook/catch/${targets.flowId}/${targets.signedKey}`),
        ],
        [
          'a single character',
          () => post(bytes('{}'), JSON_TYPE, `/webhook/catch/${targets.flowId}/x`),
        ],
        [
          'a key over the router limit',
          (r) =>
            post(bytes('{}'), JSON_TYPE, `/webhook/catch/${targets.flowId}/${r.base64url(150)}`),
        ],
        [
          'an extra path segment',
          () =>
            post(bytes('{}'), JSON_TYPE, `/webhook/catch/${targets.flowId}/${targets.key}/extra`),
        ],
        [
          'bad percent-encoding',
          () => post(bytes('{}'), JSON_TYPE, `/webhook/catch/${targets.flowId}/%E0%A4%A`),
        ],
      ],
      notFound,
    ),
    'unknown flow': variants(
      [
        [
          'random uuid, right key',
          (r) => {
            const id = `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-8${r.hex(3)}-${r.hex(12)}`;
            return post(bytes('{}'), JSON_TYPE, `/webhook/catch/${id}/${targets.key}`);
          },
        ],
        [
          'nil uuid',
          () =>
            post(
              bytes('{}'),
              JSON_TYPE,
              `/webhook/catch/00000000-0000-0000-0000-000000000000/${targets.key}`,
            ),
        ],
        [
          'garbage id',
          (r) =>
            post(
              bytes('{}'),
              JSON_TYPE,
              `/webhook/catch/${r.pick(['nope', '1', 'null', 'undefined', '%00', '..%2F..', "'%20OR%201=1--", r.base64url(90)])}/${targets.key}`,
            ),
        ],
        [
          'uuid in upper case with a wrong key',
          (r) =>
            post(
              bytes('{}'),
              JSON_TYPE,
              `/webhook/catch/${targets.flowId.toUpperCase()}/${r.base64url(43)}`,
            ),
        ],
        [
          'PUT',
          (r) => ({
            ...post(
              bytes('{}'),
              JSON_TYPE,
              `/webhook/catch/${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-8${r.hex(3)}-${r.hex(12)}/${targets.key}`,
            ),
            method: 'PUT',
          }),
        ],
      ],
      notFound,
    ),
    'more than 10,000 keys': variants(
      [
        ['at the top', () => post(heavy.manyKeys)],
        ['nested', () => post(heavy.manyKeysNested)],
        ['inside an array', () => post(heavy.manyKeysInArray)],
      ],
      { status: 400, message: /more than 10000 keys/ },
    ),
    multipart: variants(
      [
        [
          'form-data',
          () =>
            post(bytes('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\n'), {
              'content-type': 'multipart/form-data; boundary=b',
            }),
        ],
        [
          'mixed',
          () =>
            post(bytes('--b\r\n\r\nx\r\n--b--\r\n'), {
              'content-type': 'multipart/mixed; boundary=b',
            }),
        ],
        [
          'upper case',
          () =>
            post(bytes('--b\r\n\r\nx\r\n--b--\r\n'), {
              'content-type': 'Multipart/Form-Data; boundary=b',
            }),
        ],
        ['no boundary', () => post(bytes('x'), { 'content-type': 'multipart/form-data' })],
      ],
      { status: 415, message: /multipart bodies are not supported/ },
    ),
    'bad signature': (random) => {
      const body = Buffer.from(sampleDocument(random));
      const right = githubSignature(body);
      const sign = (signature?: string) =>
        post(
          body,
          signature === undefined ? JSON_TYPE : { ...JSON_TYPE, 'x-hub-signature-256': signature },
          signedPath,
        );
      // VER-1: a missing header is named; a bad signature gets a hint about the secret.
      const badSignature = /X-Hub-Signature-256 does not match.*secret/i;
      const builders: [string, () => RawRequest, Omit<Expected, 'mustNotContain'>][] = [
        [
          'missing header',
          () => sign(),
          { status: 400, message: /^Missing header X-Hub-Signature-256/ },
        ],
        [
          'wrong sha256=<hex>',
          () => sign(`sha256=${random.hex(64)}`),
          { status: 401, message: badSignature },
        ],
        [
          'signed with another secret',
          () => sign(githubSignature(body, 'not the secret')),
          { status: 401, message: badSignature },
        ],
        [
          'signature of another body',
          () => sign(githubSignature(`${body.toString()} `)),
          { status: 401, message: badSignature },
        ],
        ['garbage sha256=zz', () => sign('sha256=zz'), { status: 401, message: badSignature }],
        [
          'wrong length',
          () => sign(right.slice(0, 7 + 2 * (1 + random.int(31)))),
          { status: 401, message: badSignature },
        ],
        ['too long', () => sign(`${right}00`), { status: 401, message: badSignature }],
        [
          'no prefix',
          () => sign(right.slice('sha256='.length)),
          { status: 401, message: badSignature },
        ],
        [
          'empty header',
          () => sign(''),
          { status: 400, message: /^Missing header X-Hub-Signature-256/ },
        ],
      ];
      const [variant, build, expected] = random.pick(builders);
      return {
        variant,
        request: build(),
        expected: { ...expected, mustNotContain: right.slice(7) },
      };
    },
  };
}

/**
 * `count` hostile requests: categories in turn (round-robin), each one's variant and details
 * drawn from the PRNG seeded with `seed`, so the same seed always gives the same requests.
 */
export function hostileRequests(targets: Targets, count: number, seed: number): HostileCase[] {
  const random = seededRandom(seed);
  const categories = Object.entries(hostileCategories(targets));
  return Array.from({ length: count }, (_, i) => {
    const [category, build] = categories[i % categories.length];
    return { category, ...build(random) };
  });
}
