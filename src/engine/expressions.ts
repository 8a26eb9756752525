import jsonata from 'jsonata';
import { NotJsonError, toPlainJson } from './plain-json.js';
import { FatalError } from './step-errors.js';

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
 * None of them stops a catastrophic regular expression: the regex engine runs as one call.
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
  /** Plain JSON, or undefined when nothing matched; rejects with ExpressionError. */
  evaluate(input: unknown, bindings: Record<string, unknown>): Promise<unknown>;
}

interface JsonataFailure {
  message?: unknown;
  position?: unknown;
  code?: unknown;
  token?: unknown;
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
    case 'T1006':
      return `$${String(failure.token)}${at} is an undefined function (or not a function)`;
    default:
      return typeof failure.code === 'string' ? `${message} (${failure.code}${at})` : message;
  }
}

/** JSONata results may be sequences (arrays with extra flags): plain JSON out, or a clear error. */
function toResult(value: unknown, path: string): unknown {
  try {
    return toPlainJson(value);
  } catch (error) {
    if (!(error instanceof NotJsonError)) throw error;
    throw new ExpressionError(path, `result is not JSON: ${error.message}`);
  }
}

/** Compiles once; evaluate() may be called many times. Throws ExpressionSyntaxError. */
export function compileExpression(
  source: string,
  path: string,
  limits: ExpressionLimits = DEFAULT_EXPRESSION_LIMITS,
): CompiledExpression {
  let expression: jsonata.Expression;
  try {
    expression = jsonata(source, {
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
  return {
    source,
    path,
    async evaluate(input, bindings) {
      let raw: unknown;
      try {
        raw = await expression.evaluate(input, bindings);
      } catch (error) {
        throw new ExpressionError(path, describeFailure(error, limits));
      }
      return toResult(raw, path);
    },
  };
}
