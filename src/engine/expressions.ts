import jsonata from 'jsonata';
import { FatalError } from './step-errors.js';

/** Guardrails for every expression (JSONata >= 2.2 enforces them while evaluating). */
export interface ExpressionLimits {
  /** Evaluation blocks the event loop: keep it short so one flow cannot stall the others. */
  timeoutMs: number;
  /** Maximum call-stack depth (runaway recursion). */
  stack: number;
  /** Maximum length of a generated sequence (runaway ranges like [1..1e9]). */
  sequence: number;
}

export const DEFAULT_EXPRESSION_LIMITS: ExpressionLimits = {
  timeoutMs: 250,
  stack: 500,
  sequence: 100_000,
};

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
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'ExpressionError';
  }
}

export interface CompiledExpression {
  readonly source: string;
  readonly path: string;
  evaluate(input: unknown, bindings: Record<string, unknown>): Promise<unknown>;
}

interface JsonataFailure {
  message?: string;
  position?: number;
  code?: string;
}

function describeFailure(error: JsonataFailure, limits: ExpressionLimits): string {
  const message = error.message ?? String(error);
  if (/timeout|took longer/i.test(message) || error.code === 'U1001') {
    return `expression took longer than ${limits.timeoutMs} ms (guardrail): simplify it`;
  }
  if (/stack/i.test(message) || error.code === 'U1002') {
    return `expression recursed deeper than ${limits.stack} calls (guardrail)`;
  }
  return error.position === undefined ? message : `${message} (at position ${error.position})`;
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
    const failure = error as JsonataFailure;
    throw new ExpressionSyntaxError(path, failure.position ?? 0, failure.message ?? String(error));
  }
  return {
    source,
    path,
    async evaluate(input, bindings) {
      try {
        return normalise(await expression.evaluate(input, bindings));
      } catch (error) {
        throw new ExpressionError(path, describeFailure(error as JsonataFailure, limits));
      }
    },
  };
}

/** JSONata results may be sequences (arrays with extra flags) or hold functions: plain JSON out. */
function normalise(value: unknown): unknown {
  if (value === undefined || typeof value === 'function') return undefined;
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'function' ? undefined : v)),
  );
}

type AstNode = { type?: string; value?: unknown; steps?: AstNode[] } & Record<string, unknown>;

function stepNameAfter(steps: AstNode[], index: number): string | undefined {
  const next = steps[index + 1];
  if (!next) return undefined;
  if (next.type === 'name' || next.type === 'string') return String(next.value);
  return undefined;
}

/** The step ids an expression reads as `$steps.<id>` (quoted ids included). */
export function referencedSteps(source: string): string[] {
  let ast: AstNode;
  try {
    ast = jsonata(source).ast() as unknown as AstNode;
  } catch {
    return [];
  }
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const current = node as AstNode;
    if (current.type === 'path' && Array.isArray(current.steps)) {
      current.steps.forEach((step, index) => {
        if (step.type === 'variable' && step.value === 'steps') {
          const name = stepNameAfter(current.steps!, index);
          if (name !== undefined) found.add(name);
        }
      });
    }
    Object.values(current).forEach(visit);
  };
  visit(ast);
  return [...found];
}
