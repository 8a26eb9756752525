import jsonata from 'jsonata';
import { isolationReason } from './expression-classify.js';
import { guardOutput, MAX_EXPRESSION_OUTPUT, measureOutput } from './expression-output.js';
import { expressionPool, PoolLimitError } from './expression-pool.js';
import { NotJsonError, toPlainJson } from './plain-json.js';
import { FatalError, RetryableError } from './step-errors.js';

export { referencedSteps, usesVariable } from './expression-references.js';

/** Guardrails for every expression: JSONata's own options `timeout`, `stack` and `sequence`. */
export interface ExpressionLimits {
  /** Wall-clock budget of one evaluation, checked each time JSONata evaluates a node. */
  timeoutMs: number;
  /** Maximum evaluation depth: nested nodes plus recursive calls (about 5 per call level). */
  stack: number;
  /** Maximum length of a sequence JSONata builds (paths over arrays, ranges, appends). */
  sequence: number;
}

/**
 * - timeoutMs 250: evaluation blocks the worker's event loop (JSONata chains microtasks, so
 *   not even timers run meanwhile). Real mappings take a few ms on a 1 MiB body; 250 ms leaves
 *   room on a loaded host while a runaway loop cannot starve lease renewals and other steps
 *   (webhooks.md: keep it within 100-250 ms). Tail recursion (`$f($x)` as the last call) does
 *   not grow the stack, so only this limit stops it.
 * - stack 500: far deeper than hand-written expressions nest, about 100 levels of non-tail
 *   recursion; a runaway recursion stops within milliseconds.
 * - sequence 100 000: catch-URL bodies are at most 1 MiB by default, so real sequences (line
 *   items and their fields) are far shorter; `[1..1e9]`-style blow-ups stop before allocating.
 * They run between evaluation steps, so none of them stops one built-in call (a catastrophic
 * regular expression, `$pad('', 1e8)`): expressions that can make such calls run in the worker
 * pool instead, with a wall-clock and a heap limit (expression-pool.ts, ADR 0004).
 */
export const DEFAULT_EXPRESSION_LIMITS: ExpressionLimits = Object.freeze({
  timeoutMs: 250,
  stack: 500,
  sequence: 100_000,
});

export class ExpressionSyntaxError extends Error {
  constructor(
    readonly path: string,
    readonly position: number,
    readonly detail: string,
  ) {
    super(`${path}: JSONata syntax error at position ${position}: ${detail}`);
    this.name = 'ExpressionSyntaxError';
  }
}

/** An expression that failed while running: fails its step (never retried). */
export class ExpressionError extends FatalError {
  /** What went wrong, without the path. */
  readonly reason: string;

  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'ExpressionError';
    this.reason = message;
  }
}

export interface CompiledExpression {
  readonly source: string;
  /** Where the expression lives in the flow, e.g. `steps[0].map`. */
  readonly path: string;
  /** Why it runs in the isolated worker pool (e.g. `a regular expression`), else undefined. */
  readonly isolated?: string;
  /** Plain JSON, or undefined when nothing matched; rejects with ExpressionError. */
  evaluate(input: unknown, bindings: Record<string, unknown>): Promise<unknown>;
}

interface JsonataFailure {
  message?: unknown;
  position?: unknown;
  code?: unknown;
  token?: unknown;
  value?: unknown;
  limit?: unknown;
}

const asFailure = (error: unknown): JsonataFailure =>
  typeof error === 'object' && error !== null ? (error as JsonataFailure) : {};

/** Turns JSONata's error object (code, position, token) into a message that says what to fix. */
function describeFailure(error: unknown, limits: ExpressionLimits): string {
  const failure = asFailure(error);
  const message = typeof failure.message === 'string' ? failure.message : String(error);
  const at = typeof failure.position === 'number' ? ` at position ${failure.position}` : '';
  switch (failure.code) {
    case 'D1012':
      return `expression took longer than ${limits.timeoutMs} ms (guardrail): check for an infinite loop`;
    case 'D1011':
      return `expression recursed or nested deeper than ${limits.stack} levels (guardrail): check for a non-terminating recursive function`;
    case 'D2014':
    case 'D2015':
      return `expression built a sequence of more than ${limits.sequence} items (guardrail)`;
    case 'FLOWHUB_OUTPUT':
      return `$${String(failure.token)} would build more than ${String(failure.limit)} characters (guardrail): reduce its input or width`;
    case 'FLOWHUB_RESULT':
      return `expression result exceeded ${String(failure.limit)} characters of JSON (guardrail): return less, e.g. not the whole body once per item`;
    case 'T1006':
      return `$${String(failure.token)}${at} is an undefined function (or not a function)`;
    default:
      return typeof failure.code === 'string' ? `${message} (${failure.code}${at})` : message;
  }
}

/** JSONata results may be sequences (arrays with extra flags): plain JSON out, or a clear error. */
function toResult(value: unknown, path: string): unknown {
  if (measureOutput(value, MAX_EXPRESSION_OUTPUT) > MAX_EXPRESSION_OUTPUT) {
    const failure = { code: 'FLOWHUB_RESULT', limit: MAX_EXPRESSION_OUTPUT };
    throw new ExpressionError(path, describeFailure(failure, DEFAULT_EXPRESSION_LIMITS));
  }
  try {
    return toPlainJson(value);
  } catch (error) {
    if (!(error instanceof NotJsonError)) throw error;
    throw new ExpressionError(path, `result is not JSON: ${error.message}`);
  }
}

type Builtin = (...args: unknown[]) => unknown;

/** JSONata's own $string and $join, which the in-process guards call after their checks. */
const builtins: Promise<{ string: Builtin; join: Builtin }> = (async () => {
  const of = async (name: string) =>
    ((await jsonata(`$${name}`).evaluate({})) as { implementation: Builtin }).implementation;
  return { string: await of('string'), join: await of('join') };
})();

function parse(source: string, path: string, limits: ExpressionLimits): jsonata.Expression {
  try {
    return jsonata(source, {
      timeout: limits.timeoutMs,
      stack: limits.stack,
      sequence: limits.sequence,
    });
  } catch (error) {
    const failure = asFailure(error);
    const position = typeof failure.position === 'number' ? failure.position : 0;
    const detail = typeof failure.message === 'string' ? failure.message : String(error);
    throw new ExpressionSyntaxError(path, position, detail);
  }
}

/** On this event loop: bounded built-ins only (expression-classify.ts). */
function inProcess(expression: jsonata.Expression, path: string, limits: ExpressionLimits) {
  let guarded: Promise<void> | undefined;
  return async (input: unknown, bindings: Record<string, unknown>) => {
    guarded ??= builtins.then((found) => guardOutput(expression, found, MAX_EXPRESSION_OUTPUT));
    await guarded;
    try {
      return await expression.evaluate(input, bindings);
    } catch (error) {
      throw new ExpressionError(path, describeFailure(error, limits));
    }
  };
}

/** In a worker thread of the shared pool, with a wall-clock and a heap limit. */
function isolated(source: string, path: string, limits: ExpressionLimits) {
  const task = { timeout: limits.timeoutMs, stack: limits.stack, sequence: limits.sequence };
  return async (input: unknown, bindings: Record<string, unknown>) => {
    const answer = await expressionPool()
      .run({ source, limits: task, maxOutput: MAX_EXPRESSION_OUTPUT, input, bindings })
      .catch((error: unknown) => {
        if (error instanceof PoolLimitError) throw new ExpressionError(path, error.message);
        if (error instanceof RetryableError) throw new RetryableError(`${path}: ${error.message}`);
        throw error;
      });
    if (!answer.ok) throw new ExpressionError(path, describeFailure(answer.failure, limits));
    return answer.value;
  };
}

/**
 * Compiles once; evaluate() may be called many times. Throws ExpressionSyntaxError.
 * `isolated` says whether evaluations run in the worker pool, and why.
 */
export function compileExpression(
  source: string,
  path: string,
  limits: ExpressionLimits = DEFAULT_EXPRESSION_LIMITS,
): CompiledExpression {
  const expression = parse(source, path, limits);
  const reason = isolationReason(expression.ast());
  const run = reason ? isolated(source, path, limits) : inProcess(expression, path, limits);
  return {
    source,
    path,
    isolated: reason,
    async evaluate(input, bindings) {
      return toResult(await run(input, bindings), path);
    },
  };
}
