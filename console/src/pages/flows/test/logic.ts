import type { components } from '../../../api/schema';
import type { Run } from '../../../api/client';
import { can, type Role } from '../../../roles';
import { jsonErrorOffset } from './json-offset';

export type StoredRequest = components['schemas']['StoredRequestDto'];
export type TestBody = components['schemas']['TestFlowDto'];
export type EvaluateBody = components['schemas']['EvaluateDto'];
export type Evaluation = components['schemas']['EvaluationDto'];
export type FlowStep = components['schemas']['StepDto'];

/** What a test or an evaluation runs against: a past request of the flow, or a pasted body. */
export type Source = { kind: 'request'; requestId: string } | { kind: 'payload'; text: string };

export type Parsed =
  { ok: true; value: unknown } | { ok: false; message: string; line?: number; column?: number };

/** Line and column (from 1) of a character offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/**
 * A pasted payload, checked here before anything is sent: the value, or what is wrong and
 * where (line and column).
 */
export function parsePayload(text: string): Parsed {
  if (text.trim() === '') return { ok: false, message: 'Paste a JSON payload, e.g. {"id": 1}' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const offset = jsonErrorOffset(text);
    if (offset === undefined)
      return { ok: false, message: `Not JSON: ${(error as Error).message}` };
    const char = text[offset];
    const what = char === undefined ? 'it ends too soon' : `unexpected ${JSON.stringify(char)}`;
    return { ok: false, message: `Not JSON: ${what}`, ...lineAndColumn(text, offset) };
  }
}

/** A body in one line, cut to `max` characters with an ellipsis. */
export function previewBody(body: unknown, max = 80): string {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Headers a sender's transport sets (the test run sets its own), left out of a test. */
const TRANSPORT_HEADERS = new Set([
  'content-length',
  'content-type',
  'host',
  'connection',
  'transfer-encoding',
  'keep-alive',
  'expect',
]);
const MAX_TEST_HEADERS = 100;

/** A past request's headers as a test run takes them: what the sender sent, not the transport. */
export function testHeaders(headers: Record<string, string>): Record<string, string> {
  const kept = Object.entries(headers).filter(
    ([name, value]) => !TRANSPORT_HEADERS.has(name.toLowerCase()) && typeof value === 'string',
  );
  return Object.fromEntries(kept.slice(0, MAX_TEST_HEADERS));
}

/**
 * The POST /flows/:id/test body: the past request's body and headers, or the pasted payload.
 * `wait: false`: the server answers with the queued run at once, and the panel follows its
 * steps as they progress.
 */
export function buildTestBody(
  source: Source,
  requests: StoredRequest[],
  dryRun: boolean,
): { body: TestBody } | { error: string } {
  if (source.kind === 'payload') {
    const parsed = parsePayload(source.text);
    if (!parsed.ok) return { error: parsed.message };
    return { body: { payload: parsed.value as TestBody['payload'], dryRun, wait: false } };
  }
  const request = requests.find((r) => r.id === source.requestId);
  if (!request) return { error: 'Pick a past request, or paste a payload' };
  return {
    body: { payload: request.body, headers: testHeaders(request.headers), dryRun, wait: false },
  };
}

/**
 * $steps for evaluating `stepId`'s expressions: the outputs that the steps before it (in the
 * flow's order) had in a past run. A step the run has no output for is left out.
 */
export function stepsContext(
  steps: FlowStep[],
  stepId: string,
  run: Run | undefined,
): Record<string, unknown> {
  const index = steps.findIndex((step) => step.id === stepId);
  const earlier = new Set(steps.slice(0, Math.max(0, index)).map((step) => step.id));
  const context: Record<string, unknown> = {};
  for (const recorded of run?.steps ?? []) {
    if (!earlier.has(recorded.id)) continue;
    if (recorded.output === undefined || recorded.output === null) continue;
    context[recorded.id] = recorded.output;
  }
  return context;
}

/**
 * The POST /flows/:id/evaluate body (`item` is $item, for a forEach step's map and when), or why it cannot be sent yet (nothing is sent then). */
export function buildEvaluateBody(
  expression: string,
  source: Source,
  steps: Record<string, unknown>,
  item?: unknown,
): { body: EvaluateBody } | { error: string } | undefined {
  if (expression.trim() === '') return undefined;
  const withSteps = {
    ...(Object.keys(steps).length > 0 ? { steps } : {}),
    ...(item === undefined ? {} : { item: item as EvaluateBody['item'] }),
  };
  if (source.kind === 'request') {
    if (!source.requestId) return { error: 'Pick a past request, or paste a payload' };
    return { body: { expression, requestId: source.requestId, ...withSteps } };
  }
  const parsed = parsePayload(source.text);
  if (!parsed.ok) return { error: parsed.message };
  return { body: { expression, payload: parsed.value as EvaluateBody['payload'], ...withSteps } };
}

/**
 * What the expression sees, as the server binds it: `$` is the body, `$trigger` the request,
 * `$steps` the earlier steps' outputs. A pasted payload comes with no headers or query.
 */
export function expressionInput(
  source: Source,
  requests: StoredRequest[],
  steps: Record<string, unknown>,
): { $: unknown; $trigger: Record<string, unknown>; $steps: Record<string, unknown> } | undefined {
  if (source.kind === 'payload') {
    const parsed = parsePayload(source.text);
    if (!parsed.ok) return undefined;
    const $trigger = { body: parsed.value, headers: {}, query: {}, method: 'POST' };
    return {
      $: parsed.value,
      $trigger: { ...$trigger, contentType: 'application/json' },
      $steps: steps,
    };
  }
  const request = requests.find((r) => r.id === source.requestId);
  if (!request) return undefined;
  const { body, headers, query, method, receivedAt, contentType } = request;
  return {
    $: body,
    $trigger: { body, headers, query, method, receivedAt, contentType },
    $steps: steps,
  };
}

/** The position an evaluation error names ("… at position 8: …"), if any. */
export function errorPosition(message: string): number | undefined {
  const at = /at position (\d+)/.exec(message);
  return at ? Number(at[1]) : undefined;
}

/** The line of `expression` around `position` and a caret under it, for the error's display. */
export function pointAt(expression: string, position: number): { line: string; caret: string } {
  const offset = Math.min(Math.max(0, position - 1), expression.length);
  const start = expression.lastIndexOf('\n', offset - 1) + 1;
  const endAt = expression.indexOf('\n', offset);
  const line = expression.slice(start, endAt === -1 ? undefined : endAt);
  return { line, caret: `${' '.repeat(offset - start)}^` };
}

/** Whether a role may start a test run: POST /flows/:id/test is for admins. */
export const mayTest = (role: Role) => can(role, 'admin');
