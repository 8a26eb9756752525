/** Hostile inputs for every management API route (issue 15, item 3). */

/** Ids of real rows, so a route gets past "not found" to the input it is given. */
export interface Ids {
  flow: string;
  run: string;
  webhook: string;
  connection: string;
}

export interface ApiCase {
  name: string;
  method: string;
  path: string;
  body?: string;
  /** Content-Type sent with the body; `null` sends the body without one. */
  contentType?: string | null;
  /** The exact status expected; any 4xx when left out. */
  status?: number;
  message?: RegExp;
}

/** `{"a":{"a":...1}}` or `[[...]]`, `levels` deep, as JSON text. */
export const deepJson = (levels: number, asArray = false) =>
  asArray
    ? `${'['.repeat(levels)}${']'.repeat(levels)}`
    : `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

const DEEP = deepJson(10_000);
const DEEP_ARRAY = deepJson(10_000, true);
const NESTED_TOO_DEEP = /is nested more than 100 levels deep: flatten it$/;
const NOT_AN_OBJECT =
  /^Request body must be a JSON object sent as Content-Type: application\/json, not /;
const WIDE = `{${Array.from({ length: 10_001 }, (_, i) => `"k${i}":1`).join(',')}}`;
const LONG_ARRAY = `[${new Array(10_001).fill('0').join(',')}]`;

/** Routes that take a JSON body, with ids filled in. */
export function bodyRoutes(ids: Ids): [string, string][] {
  return [
    ['POST', '/api/v1/flows'],
    ['PUT', `/api/v1/flows/${ids.flow}`],
    ['POST', `/api/v1/flows/${ids.flow}/rotate-key`],
    ['POST', `/api/v1/flows/${ids.flow}/rotate-secret`],
    ['POST', `/api/v1/flows/${ids.flow}/test`],
    ['POST', '/api/v1/webhooks'],
    ['PUT', `/api/v1/webhooks/${ids.webhook}`],
    ['POST', `/api/v1/webhooks/${ids.webhook}/rotate-secret`],
    ['POST', '/api/v1/connections'],
    ['PATCH', `/api/v1/connections/${ids.connection}`],
    ['POST', '/api/v1/api-keys'],
    ['POST', `/api/v1/runs/${ids.run}/replay`],
  ];
}

/** Bodies no route takes: each must get a 4xx with a message, never a 5xx. */
const HOSTILE_BODIES: Omit<ApiCase, 'method' | 'path'>[] = [
  { name: 'an object 10,000 levels deep', body: DEEP, status: 400, message: NESTED_TOO_DEEP },
  { name: 'an array 10,000 levels deep', body: DEEP_ARRAY, status: 400, message: NOT_AN_OBJECT },
  {
    name: 'a deep value in a field',
    body: `{"name":${DEEP}}`,
    status: 400,
    message: /^Request body field name\.a\.a/,
  },
  { name: 'an object of 10,001 keys', body: WIDE, status: 400, message: /more than 10000 keys/ },
  {
    name: 'an array of 10,001 items in a field',
    body: `{"name":${LONG_ARRAY}}`,
    status: 400,
    message: /more than 10000 items/,
  },
  { name: 'a JSON string', body: '"flow"', status: 400, message: NOT_AN_OBJECT },
  { name: 'a JSON number', body: '1e400', status: 400, message: NOT_AN_OBJECT },
  { name: 'JSON true', body: 'true', status: 400, message: NOT_AN_OBJECT },
  { name: 'JSON null', body: 'null', status: 400, message: NOT_AN_OBJECT },
  { name: 'an array of objects', body: '[{"name":"x"}]', status: 400, message: NOT_AN_OBJECT },
  { name: 'an empty JSON body', body: '', status: 400, message: /^Body is empty/ },
  { name: 'broken JSON', body: '{"name":', status: 400, message: /^Body is not valid JSON/ },
  {
    name: 'a __proto__ key',
    body: '{"__proto__":{"admin":true}}',
    status: 400,
    message: /prototype pollution/,
  },
  {
    name: 'a constructor.prototype key',
    body: '{"constructor":{"prototype":{"x":1}}}',
    status: 400,
    message: /prototype pollution/,
  },
  {
    name: 'U+0000 in a field',
    body: '{"name":"a\\u0000b"}',
    status: 400,
    message: /^Request body field name contains U\+0000/,
  },
  {
    name: 'U+0000 in a key',
    body: '{"a\\u0000":1}',
    status: 400,
    message: /has a key that contains U\+0000/,
  },
  {
    name: 'a lone surrogate',
    body: '{"name":"x\\ud800"}',
    status: 400,
    message: /lone UTF-16 surrogate/,
  },
  {
    name: 'a text/plain body',
    body: 'hello',
    contentType: 'text/plain',
    status: 415,
    message: /^The API takes JSON bodies/,
  },
  {
    name: 'a binary body',
    body: 'abc',
    contentType: 'application/octet-stream',
    status: 415,
    message: /got 'application\/octet-stream'/,
  },
  {
    name: 'a form body',
    body: 'name=x',
    contentType: 'application/x-www-form-urlencoded',
    status: 415,
    message: /^The API takes JSON bodies/,
  },
  {
    name: 'a body without Content-Type',
    body: '{"name":"x"}',
    contentType: null,
    status: 415,
    message: /got no Content-Type/,
  },
];

export function hostileBodyCases(ids: Ids): ApiCase[] {
  return bodyRoutes(ids).flatMap(([method, path]) =>
    HOSTILE_BODIES.map((body) => ({
      ...body,
      name: `${method} ${path}: ${body.name}`,
      method,
      path,
    })),
  );
}

/**
 * The named-secrets routes: the same hostile bodies get the same answers as every other route
 * (415 for a non-JSON body), and hostile names a 4xx with a message.
 */
export function otherRouteCases(): ApiCase[] {
  const routes: [string, string][] = [
    ['POST', '/api/v1/secrets'],
    ['PUT', '/api/v1/secrets/FUZZ_TOKEN'],
  ];
  const params = ['%00', 'a%00b', '%20x', '1e400'].flatMap((name) => [
    { name: `GET secret ${name}`, method: 'GET', path: `/api/v1/secrets/${name}` },
    { name: `DELETE secret ${name}`, method: 'DELETE', path: `/api/v1/secrets/${name}` },
  ]);
  return [
    ...routes.flatMap(([method, path]) =>
      HOSTILE_BODIES.map((body) => ({
        ...body,
        name: `${method} ${path}: ${body.name}`,
        method,
        path,
      })),
    ),
    ...params,
  ];
}

/** The issue's own cases, with the message each must give. */
export function issueCases(ids: Ids): ApiCase[] {
  const flow = (input: string) =>
    `{"name":"deep","trigger":{"type":"webhook"},"steps":[{"id":"a","action":"core.transform","input":${input}}]}`;
  return [
    {
      name: 'flow input 10,000 levels deep',
      method: 'POST',
      path: '/api/v1/flows',
      body: flow(DEEP),
      status: 400,
      message: /^Request body field steps\[0\]\.input\.a\.a\.a… is nested more than 100/,
    },
    {
      name: 'flow input, deep arrays',
      method: 'PUT',
      path: `/api/v1/flows/${ids.flow}`,
      body: flow(`{"x":${DEEP_ARRAY}}`),
      status: 400,
      message: /^Request body field steps\[0\]\.input\.x\[0\]\[0\]… is nested/,
    },
    {
      name: 'test payload 10,000 levels deep',
      method: 'POST',
      path: `/api/v1/flows/${ids.flow}/test`,
      body: `{"payload":${DEEP}}`,
      status: 400,
      message: /^Request body field payload\.a\.a/,
    },
    {
      name: 'test headers that are not strings',
      method: 'POST',
      path: `/api/v1/flows/${ids.flow}/test`,
      body: '{"headers":{"x-a":{"b":1}}}',
      status: 400,
      message: /headers must map at most 100 header names/,
    },
    {
      name: 'webhook description 10,000 levels deep',
      method: 'POST',
      path: '/api/v1/webhooks',
      body: `{"url":"https://example.com/h","events":["run.failed"],"description":${DEEP}}`,
      status: 400,
      message: /^Request body field description\.a\.a/,
    },
    {
      name: 'webhook description, on PUT',
      method: 'PUT',
      path: `/api/v1/webhooks/${ids.webhook}`,
      body: `{"description":${DEEP}}`,
      status: 400,
      message: NESTED_TOO_DEEP,
    },
    {
      name: 'connection fields 10,000 levels deep',
      method: 'PATCH',
      path: `/api/v1/connections/${ids.connection}`,
      body: `{"fields":${DEEP}}`,
      status: 400,
      message: NESTED_TOO_DEEP,
    },
  ];
}
