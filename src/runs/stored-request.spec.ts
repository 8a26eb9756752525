import { jsonbRefuses } from '../database/jsonb-safe.js';
import {
  catchGroupParams,
  requestParams,
  type StoredRequest,
  withExactValues,
} from './stored-request.js';

const request = (body: unknown, query: Record<string, unknown> = {}): StoredRequest => ({
  id: 'r1',
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  query,
  rawBody: Buffer.from(JSON.stringify(body)),
  body,
  contentType: 'application/json',
  size: 1,
  sourceIp: null,
  receivedAt: new Date(0),
  dedupeKey: 'k\u0000',
});

describe('stored requests with characters jsonb refuses', () => {
  it('stores a jsonb-safe copy and the exact values, read back exactly', () => {
    const params = requestParams('f1', request({ a: 'x\u0000', b: '\ud800' }, { q: '\u0000' }));
    const [headers, query, body, exact] = [params[3], params[4], params[6], params[12]] as string[];
    expect([headers, query, body].some((json) => jsonbRefuses(json))).toBe(false);
    expect(JSON.parse(body)).toEqual({ a: 'x\ufffd', b: '\ufffd' });
    expect(params[11]).toBe('k\ufffd');
    const row = {
      method: 'POST',
      headers: JSON.parse(headers),
      query: JSON.parse(query),
      body: JSON.parse(body),
      content_type: null,
      received_at: new Date(0),
      exact_values: exact,
    };
    expect(withExactValues(row)).toEqual({
      ...row,
      exact_values: undefined,
      query: { q: '\u0000' },
      body: { a: 'x\u0000', b: '\ud800' },
    });
  });

  it('leaves ordinary requests without an exact copy', () => {
    expect(requestParams('f1', request({ a: '\\u0000' }))[12]).toBeNull();
  });

  it('makes a grouped write storable too, row by row', () => {
    const [json] = catchGroupParams([
      { flowId: 'f1', runId: 'a', request: request({ ok: 1 }) },
      { flowId: 'f1', runId: 'b', request: request({ nul: '\u0000' }) },
    ]);
    expect(jsonbRefuses(json)).toBe(false);
    const [plain, fixed] = JSON.parse(json);
    expect(plain).toMatchObject({ body: { ok: 1 }, exact_values: null, dedupe_key: 'k\ufffd' });
    expect(fixed.body).toEqual({ nul: '\ufffd' });
    expect(JSON.parse(fixed.exact_values).body).toEqual({ nul: '\u0000' });
  });
});
