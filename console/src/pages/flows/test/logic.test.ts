import { describe, expect, it } from 'vitest';
import type { Run, RunStep } from '../../../api/client';
import {
  buildEvaluateBody,
  buildTestBody,
  errorPosition,
  expressionInput,
  lineAndColumn,
  mayTest,
  parsePayload,
  pointAt,
  previewBody,
  stepsContext,
  testHeaders,
  type FlowStep,
  type StoredRequest,
} from './logic';

const request = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  ({
    id,
    body,
    headers,
    query: { page: '2' },
    method: 'POST',
    receivedAt: '2026-12-03T10:00:00.000Z',
    contentType: 'application/json',
    size: 20,
    sourceIp: '127.0.0.1',
  }) as StoredRequest;

describe('parsePayload', () => {
  it('gives the value of valid JSON', () => {
    expect(parsePayload('{"order": {"id": 7}}')).toEqual({ ok: true, value: { order: { id: 7 } } });
    expect(parsePayload(' [1, 2] ')).toEqual({ ok: true, value: [1, 2] });
  });

  it('asks for a payload when the field is empty', () => {
    const parsed = parsePayload('  \n');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(/Paste a JSON payload/);
  });

  it('says where the JSON breaks, by line and column', () => {
    const parsed = parsePayload('{\n  "a": 1,\n  "b": }');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toMatch(/^Not JSON: /);
    expect(parsed.line).toBe(3);
    expect(parsed.column).toBe(8);
  });
});

describe('lineAndColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('previewBody', () => {
  it('shows a body on one line, cut with an ellipsis', () => {
    expect(previewBody({ a: 1 })).toBe('{"a":1}');
    expect(previewBody('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(previewBody(undefined)).toBe('');
  });
});

describe('testHeaders', () => {
  it("keeps what the sender sent and drops the transport's headers", () => {
    const headers = testHeaders({
      'x-shopify-shop-domain': 'shop.example',
      'content-length': '20',
      'content-type': 'application/json',
      host: '127.0.0.1:3000',
      Connection: 'keep-alive',
    });
    expect(headers).toEqual({ 'x-shopify-shop-domain': 'shop.example' });
  });

  it('keeps at most 100 headers, as the API takes', () => {
    const many = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`x-h${i}`, 'v']));
    expect(Object.keys(testHeaders(many))).toHaveLength(100);
  });
});

describe('buildTestBody', () => {
  const requests = [request('r1', { order: 1 }, { 'x-a': '1', host: 'h' }), request('r2', {})];

  it("sends a past request's body and headers with the mode", () => {
    expect(buildTestBody({ kind: 'request', requestId: 'r1' }, requests, true)).toEqual({
      body: { payload: { order: 1 }, headers: { 'x-a': '1' }, dryRun: true, wait: false },
    });
  });

  it('sends a pasted payload, live', () => {
    expect(buildTestBody({ kind: 'payload', text: '{"n": 2}' }, requests, false)).toEqual({
      body: { payload: { n: 2 }, dryRun: false, wait: false },
    });
  });

  it('sends nothing while the payload is not JSON or no request is picked', () => {
    expect(buildTestBody({ kind: 'payload', text: '{' }, requests, true)).toHaveProperty('error');
    expect(buildTestBody({ kind: 'request', requestId: '' }, requests, true)).toEqual({
      error: 'Pick a past request, or paste a payload',
    });
  });
});

const flowSteps = [
  { id: 'shape', action: 'core.transform' },
  { id: 'deal', action: 'zoho-crm.createDeal' },
  { id: 'notify', action: 'http.request' },
  { id: 'after', action: 'core.transform' },
] as FlowStep[];

const recorded = (id: string, output: unknown, status = 'succeeded') =>
  ({ id, output, status }) as RunStep;

describe('stepsContext', () => {
  const run = {
    steps: [
      recorded('shape', { total: 84 }),
      recorded('deal', null, 'skipped'),
      recorded('notify', { status: 200 }),
      recorded('after', { done: true }),
      recorded('gone', { old: true }),
    ],
  } as Run;

  it("takes the outputs of the steps before the chosen one, in the flow's order", () => {
    expect(stepsContext(flowSteps, 'notify', run)).toEqual({ shape: { total: 84 } });
    expect(stepsContext(flowSteps, 'after', run)).toEqual({
      shape: { total: 84 },
      notify: { status: 200 },
    });
  });

  it('is empty for the first step, without a run, or for a step the flow lacks', () => {
    expect(stepsContext(flowSteps, 'shape', run)).toEqual({});
    expect(stepsContext(flowSteps, 'after', undefined)).toEqual({});
    expect(stepsContext(flowSteps, 'nope', run)).toEqual({});
  });
});

describe('buildEvaluateBody', () => {
  it('evaluates against a past request, with $steps when there are any', () => {
    expect(buildEvaluateBody('$.a', { kind: 'request', requestId: 'r1' }, {})).toEqual({
      body: { expression: '$.a', requestId: 'r1' },
    });
    expect(buildEvaluateBody('$.a', { kind: 'request', requestId: 'r1' }, { s: 1 })).toEqual({
      body: { expression: '$.a', requestId: 'r1', steps: { s: 1 } },
    });
  });

  it("sends $item for a forEach step's map, and no item when there is none", () => {
    const source = { kind: 'request', requestId: 'r1' } as const;
    expect(buildEvaluateBody('$item.sku', source, {}, { sku: 'X' })).toEqual({
      body: { expression: '$item.sku', requestId: 'r1', item: { sku: 'X' } },
    });
    expect(buildEvaluateBody('$item', source, {}, null)).toEqual({
      body: { expression: '$item', requestId: 'r1', item: null },
    });
    expect(buildEvaluateBody('$item', source, {}, undefined)).not.toHaveProperty('body.item');
  });

  it('evaluates against a pasted payload once it is JSON', () => {
    expect(buildEvaluateBody('a', { kind: 'payload', text: '{"a": 1}' }, {})).toEqual({
      body: { expression: 'a', payload: { a: 1 } },
    });
    expect(buildEvaluateBody('a', { kind: 'payload', text: '{a}' }, {})).toHaveProperty('error');
  });

  it('sends nothing for an empty expression or without a request', () => {
    expect(buildEvaluateBody('  ', { kind: 'request', requestId: 'r1' }, {})).toBeUndefined();
    expect(buildEvaluateBody('a', { kind: 'request', requestId: '' }, {})).toHaveProperty('error');
  });
});

describe('expressionInput', () => {
  it('binds $ to the body and $trigger to the request, as the server does', () => {
    const requests = [request('r1', { a: 1 }, { 'x-a': '1' })];
    expect(expressionInput({ kind: 'request', requestId: 'r1' }, requests, { s: 2 })).toEqual({
      $: { a: 1 },
      $trigger: {
        body: { a: 1 },
        headers: { 'x-a': '1' },
        query: { page: '2' },
        method: 'POST',
        receivedAt: '2026-12-03T10:00:00.000Z',
        contentType: 'application/json',
      },
      $steps: { s: 2 },
    });
  });

  it('gives a pasted payload no headers, and nothing for broken JSON', () => {
    const input = expressionInput({ kind: 'payload', text: '{"b": 2}' }, [], {});
    expect(input?.$trigger).toMatchObject({ body: { b: 2 }, headers: {}, query: {} });
    expect(expressionInput({ kind: 'payload', text: '{' }, [], {})).toBeUndefined();
  });
});

describe('errorPosition and pointAt', () => {
  it('reads the position of a syntax error and points at it', () => {
    const message = 'expression: JSONata syntax error at position 8: Expected ")"';
    expect(errorPosition(message)).toBe(8);
    expect(errorPosition('expression took longer than 250 ms (guardrail)')).toBeUndefined();
    expect(pointAt('{ "a": $x(', 8)).toEqual({ line: '{ "a": $x(', caret: '       ^' });
  });

  it('points within the line of a multi-line expression', () => {
    expect(pointAt('{\n  "a": b c\n}', 11)).toEqual({ line: '  "a": b c', caret: '        ^' });
  });
});

describe('mayTest', () => {
  it('lets only an admin start a test run, as the API does', () => {
    expect(mayTest('admin')).toBe(true);
    expect(mayTest('operator')).toBe(false);
    expect(mayTest('viewer')).toBe(false);
  });
});
